/**
 * Document photos at rest, in real Chromium over real IndexedDB and WebCrypto:
 * - after a journey that stores photos (an upload from this device, reloaded and shown again),
 *   no IndexedDB store of the origin holds a plaintext JPEG or PNG header, and a download through
 *   the service worker comes `no-store` and lands in no Cache Storage cache;
 * - the same scan finds them in rows the vault harness stores through the real blob store with a
 *   test-only vault that does not encrypt (so the scan is known to work), and finds none in the
 *   harness's own AES-GCM round trip and v2 → v4 migration; a wrong key, another account or an
 *   altered byte opens nothing;
 * The storage-full and two-account removal journeys run through the checklist's slots in
 * accounts-device.e2e.ts (with the account switcher).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { scanIndexedDb } from '../support/idb-scan.ts';
import { startCaptureHarness, type CaptureHarness } from '../support/capture-harness/build.ts';
import type { Photo } from '../support/vault-harness/window.d.ts';
import '../support/vault-harness/window.d.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { CspGuard, expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { attachAndUpload, deviceRows, openChecklist } from './device-storage.ts';
import { StartPage } from './pages/start-page.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PNG = resolve(ROOT, 'static', 'icons', 'icon-512.png');
const JPEG = resolve(ROOT, 'tests', 'fixtures', 'capture', 'calibration', 'sharp.jpg');
const ROTATED = resolve(ROOT, 'tests', 'fixtures', 'capture', 'calibration', 'rotated.jpg');
const photo = (path: string, mime: string): Photo => ({ base64: readFileSync(path).toString('base64'), mime });
const documents = (page: Page) => page.locator('[data-slot][data-sha256]');

test('after photos are stored, shown and reloaded, no IndexedDB store holds a plaintext JPEG or PNG', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'vault-scan@example.com');
	await account.bindSubject({ certificateNumber: '91110000101623741K', name: '加密测试' });
	const start = new StartPage(page);
	await start.open(server.url);
	const checklist = await openChecklist(page);
	await attachAndUpload(checklist, 'subject-certificate', JPEG);
	await attachAndUpload(checklist, 'id-front', ROTATED);
	await page.reload();
	// Shown again after the reload: decrypted from IndexedDB into blob URLs.
	await expect(documents(page).locator('img')).toHaveCount(2);
	expect(await documents(page).locator('img').first().evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBeGreaterThan(0);

	const report = await page.evaluate(scanIndexedDb);
	expect(report.hits).toEqual([]);
	// The scan read the photos' rows (ciphertext at least as long as both photos).
	const sealed = report.stores.find((s) => s.db === 'beian' && s.store === 'sealedBlobs');
	expect(sealed?.rows).toBe(2);
	const rows = await deviceRows(page);
	expect(rows.sealed.every((row) => row.startsWith(`${rows.accounts[0]?.accountId}:`))).toBe(true);
	expect(sealed?.binaryBytes).toBeGreaterThan(2 * 100_000);

	// A download through the service worker that controls the page: sent no-store, and cached nowhere.
	await start.waitForServiceWorker();
	const sha256 = await documents(page).first().getAttribute('data-sha256');
	const download = await page.evaluate(async (hash) => {
		const response = await fetch(`/files/blob/${hash}`);
		const cached: string[] = [];
		for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) cached.push(new URL(request.url).pathname);
		return { status: response.status, cacheControl: response.headers.get('cache-control'), cachedFiles: cached.filter((path) => path.startsWith('/files')), cachedCount: cached.length };
	}, sha256);
	expect(download).toMatchObject({ status: 200, cacheControl: 'no-store', cachedFiles: [] });
	expect(download.cachedCount).toBeGreaterThan(0);

	await page.goto(server.url + '/account');
	await expect(page.getByTestId('storage-usage')).toContainText('已使用');
	await expectNoSeriousAxeViolations(page, 'vault');
});

test.describe('the vault harness (real storage code, test-only control)', () => {
	let harness: CaptureHarness;
	let page: Page;
	const csp = new CspGuard();

	test.beforeAll(async ({ browser }) => {
		harness = await startCaptureHarness({ root: resolve(ROOT, 'tests', 'support', 'vault-harness'), outDir: resolve(ROOT, 'tests', '.output', 'vault-harness') });
		const context = await browser.newContext();
		await csp.watch(context);
		page = await context.newPage();
		await page.goto(harness.url);
		await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
	});

	test.afterAll(async () => {
		await page?.context().close();
		await harness?.stop();
	});

	test.afterEach(() => {
		expect(csp.take()).toEqual([]);
	});

	test('the scan finds plaintext stored without encryption, and none after the AES-GCM round trip and the v2 migration', async () => {
		const photos = [photo(PNG, 'image/png'), photo(JPEG, 'image/jpeg')];
		await page.evaluate((p) => window.__vault.storeUnencrypted(p), photos);
		expect(await page.evaluate((p) => window.__vault.roundTrip(p), photos)).toEqual({ stored: 2, readable: 2, rows: 2, distinctIvs: 2, ciphertextDiffers: true });
		// Two plaintext v2 rows and one that is not a row; two accounts had used the device.
		expect(await page.evaluate((p) => window.__vault.migrate(p), photos)).toEqual({
			legacyLeft: 0,
			sealedRows: 4,
			accounts: ['account-a', 'account-b'],
			readable: { 'account-a': 2, 'account-b': 2 },
			// The app's current schema (v4 brought the vault; later versions add the outbox, local drafts and the inbox).
			version: 8
		});
		const report = await page.evaluate(scanIndexedDb);
		expect(report.hits.sort((a, b) => a.signature.localeCompare(b.signature))).toEqual([
			{ db: 'beian-control', store: 'sealedBlobs', signature: 'jpeg' },
			{ db: 'beian-control', store: 'sealedBlobs', signature: 'png' }
		]);
		expect(report.stores.filter((s) => s.store === 'sealedBlobs').map((s) => [s.db, s.rows])).toEqual(
			expect.arrayContaining([
				['beian-control', 2],
				['beian-vault-test', 2],
				['beian-migrate', 4]
			])
		);
	});

	test('a wrong key, another account or an altered byte opens nothing, and the key cannot be exported', async () => {
		expect(await page.evaluate((p) => window.__vault.wrongKey(p), photo(JPEG, 'image/jpeg'))).toEqual({
			withOtherKey: true,
			moved: true,
			altered: true,
			intact: true,
			exportRefused: true,
			extractable: false
		});
	});
});

