/**
 * Document photos at rest, in real Chromium over real IndexedDB and WebCrypto:
 * - after a journey that stores photos (an upload from this device, reloaded and shown again),
 *   no IndexedDB store of the origin holds a plaintext JPEG or PNG header, and a download through
 *   the service worker comes `no-store` and lands in no Cache Storage cache;
 * - the same scan finds them in rows the vault harness stores through the real blob store with a
 *   test-only vault that does not encrypt (so the scan is known to work), and finds none in the
 *   harness's own AES-GCM round trip and v2 → v4 migration; a wrong key, another account or an
 *   altered byte opens nothing;
 * - a full device (quota emulated over CDP) says so and writes nothing; the photo can be taken again;
 * - removing one account's data from the device (on sign-out, with the unsent-changes warning)
 *   leaves another account's documents — the same photo included — readable.
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
import { StartPage } from './pages/start-page.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PNG = resolve(ROOT, 'static', 'icons', 'icon-512.png');
const JPEG = resolve(ROOT, 'tests', 'fixtures', 'capture', 'calibration', 'sharp.jpg');
const photo = (path: string, mime: string): Photo => ({ base64: readFileSync(path).toString('base64'), mime });
const picker = (page: Page) => page.getByLabel(/拍照或选择/);
const documents = (page: Page) => page.locator('li[data-sha256]');

async function attachAndUpload(page: Page, file: string, count: number): Promise<void> {
	await picker(page).setInputFiles(file);
	await expect(documents(page)).toHaveCount(count);
	await expect(documents(page).nth(count - 1).getByTestId('document-status')).toHaveText('已上传到服务器', { timeout: 20_000 });
}

/** The vault's rows and keys, by account, and the workspaces and accounts on this device. */
function deviceRows(page: Page) {
	return page.evaluate(async () => {
		const open = indexedDB.open('beian');
		const db = await new Promise<IDBDatabase>((done, fail) => ((open.onsuccess = () => done(open.result)), (open.onerror = () => fail(open.error))));
		const all = (store: string) =>
			new Promise<unknown[]>((done, fail) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => done(request.result);
				request.onerror = () => fail(request.error);
			});
		const accounts = (await all('deviceAccounts')) as { accountId: string; email: string; me: { subject: { id: string } | null } }[];
		const result = {
			accounts: accounts.map((a) => ({ accountId: a.accountId, email: a.email, subjectId: a.me.subject?.id ?? null })),
			sealed: ((await all('sealedBlobs')) as { accountId: string; sha256: string }[]).map((r) => `${r.accountId}:${r.sha256}`).sort(),
			keys: ((await all('vaultKeys')) as { accountId: string }[]).map((r) => r.accountId).sort(),
			workspaces: ((await all('workspaces')) as { id: string }[]).map((r) => r.id).sort(),
			transfers: ((await all('transfers')) as { subjectId: string }[]).map((r) => r.subjectId)
		};
		db.close();
		return result;
	});
}

test('after photos are stored, shown and reloaded, no IndexedDB store holds a plaintext JPEG or PNG', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'vault-scan@example.com');
	await account.bindSubject({ certificateNumber: '91110000101623741K', name: '加密测试' });
	const start = new StartPage(page);
	await start.open(server.url);
	await attachAndUpload(page, PNG, 1);
	await attachAndUpload(page, JPEG, 2);
	await page.reload();
	// Shown again after the reload: decrypted from IndexedDB into blob URLs.
	await expect(documents(page).locator('img')).toHaveCount(2);
	expect(await documents(page).locator('img').first().evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBeGreaterThan(0);

	const report = await page.evaluate(scanIndexedDb);
	expect(report.hits).toEqual([]);
	// The scan read the photos' rows (ciphertext at least as long as both photos).
	const sealed = report.stores.find((s) => s.db === 'beian' && s.store === 'sealedBlobs');
	expect(sealed?.rows).toBe(2);
	expect(sealed?.binaryBytes).toBeGreaterThan(readFileSync(PNG).length + readFileSync(JPEG).length);

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
			version: 4
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

test('a full device says so and stores nothing of the photo; a photo that fits is still kept', async ({ browser, server }) => {
	// Chromium reads an origin's quota when it first opens its IndexedDB: the emulated quota is
	// set before the app's first visit. No service worker, so its app-shell cache does not count.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 1_500_000 });
	const account = new AccountPage(page);
	await account.register(server.url, 'vault-full@example.com');
	await account.bindSubject({ certificateNumber: '911101066976941872', name: '存储测试' });
	await new StartPage(page).open(server.url);
	await expect(picker(page)).toBeAttached();
	// A decodable PNG of noise, larger than the space left (PNG cannot compress noise).
	const large = Buffer.from(
		await page.evaluate(async () => {
			const canvas = new OffscreenCanvas(900, 900);
			const g = canvas.getContext('2d')!;
			const pixels = g.createImageData(900, 900);
			crypto.getRandomValues(pixels.data.subarray(0, 65536));
			for (let i = 65536; i < pixels.data.length; i += 65536) pixels.data.copyWithin(i, 0, 65536);
			for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = (pixels.data[i]! * (i % 251)) & 0xff;
			g.putImageData(pixels, 0, 0);
			const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
			let text = '';
			for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
			return btoa(text);
		}),
		'base64'
	);
	expect(large.length).toBeGreaterThan(1_500_000);

	await picker(page).setInputFiles({ name: 'licence.png', mimeType: 'image/png', buffer: large });
	await expect(page.getByRole('alert')).toHaveText('本设备的存储空间已满，这张照片没有保存。请释放一些空间（例如删除不需要的照片或其他应用的数据），然后重新拍照或选择。');
	await expect(documents(page)).toHaveCount(0);
	expect((await deviceRows(page)).sealed).toEqual([]);

	await attachAndUpload(page, PNG, 1);
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect((await deviceRows(page)).sealed).toHaveLength(1);
	await context.close();
});

test("removing account A's data from the device leaves account B's documents, the same photo included, readable", async ({ page, server }) => {
	// Two accounts, four sign-ins and three photos: longer than one journey on a loaded machine.
	test.setTimeout(120_000);
	const account = new AccountPage(page);
	const start = new StartPage(page);
	const signOut = async () => {
		await page.goto(server.url + '/account');
		await page.getByRole('button', { name: '退出登录' }).click();
		await expect(page.getByRole('button', { name: /注册|Register/ }).first()).toBeVisible();
	};
	await account.register(server.url, 'vault-a@example.com');
	await account.bindSubject({ certificateNumber: '91110000101623741K', name: '甲公司' });
	await start.open(server.url);
	await attachAndUpload(page, PNG, 1);
	await signOut();
	await account.register(server.url, 'vault-b@example.com');
	await account.bindSubject({ certificateNumber: '911101066976941872', name: '乙公司' });
	await start.open(server.url);
	await attachAndUpload(page, PNG, 1);
	await signOut();

	const before = await deviceRows(page);
	const a = before.accounts.find((x) => x.email === 'vault-a@example.com');
	const b = before.accounts.find((x) => x.email === 'vault-b@example.com');
	if (!a?.subjectId || !b?.subjectId) throw new Error('both accounts should be on the device');
	const [sha256] = before.sealed.filter((row) => row.startsWith(`${b.accountId}:`)).map((row) => row.split(':')[1]);
	expect(before.sealed).toEqual([`${a.accountId}:${sha256}`, `${b.accountId}:${sha256}`].sort());

	await account.signIn(server.url, 'vault-a@example.com');
	await page.goto(server.url + '/account');
	await page.getByRole('button', { name: '退出并从本设备删除此账号的数据' }).click();
	const confirm = page.getByTestId('remove-confirm');
	await expect(confirm.getByRole('heading', { name: '从本设备删除此账号的数据？' })).toBeFocused();
	await expect(confirm.getByTestId('unsent-uploads')).toHaveCount(0);
	await expectNoSeriousAxeViolations(page, 'vault');
	await confirm.getByRole('button', { name: '退出并删除' }).click();
	await expect(page.getByTestId('data-removed')).toHaveText('已从本设备删除 vault-a@example.com 的数据。');

	const after = await deviceRows(page);
	expect(after.accounts.map((x) => x.email)).toEqual(['vault-b@example.com']);
	expect(after.sealed).toEqual([`${b.accountId}:${sha256}`]);
	expect(after.keys).toEqual([b.accountId]);
	expect(after.workspaces).not.toContain(a.subjectId);
	expect(after.workspaces).toContain(b.subjectId);
	expect(after.transfers).not.toContain(a.subjectId);

	// B's photo comes from this device's vault: no download is asked for.
	const downloads: string[] = [];
	page.on('request', (request) => void (request.url().includes('/files/blob/') && downloads.push(request.url())));
	await account.signIn(server.url, 'vault-b@example.com');
	await start.open(server.url);
	const img = documents(page).locator('img');
	await expect(img).toBeVisible();
	expect(await img.evaluate((el: HTMLImageElement) => el.decode().then(() => el.naturalWidth))).toBe(512);
	expect(downloads).toEqual([]);

	// A photo that has not reached the server, and a workspace the server has not confirmed as
	// saved (its socket answers nothing), are warned about before removal.
	await page.route('**/files**', (route) => route.abort());
	await picker(page).setInputFiles(JPEG);
	await expect(documents(page)).toHaveCount(2);
	await page.routeWebSocket(/\/sync\//, () => undefined);
	await page.goto(server.url + '/account');
	await page.getByRole('button', { name: '退出并从本设备删除此账号的数据' }).click();
	await expect(page.getByTestId('unsent-uploads')).toHaveText('有 1 张照片尚未上传到服务器，删除后将无法找回。');
	await expect(page.getByTestId('unsaved-edits')).toHaveText('部分修改尚未确认保存到服务器，删除后将无法找回。');
	await page.getByRole('button', { name: '取消' }).click();
	await expect(page.getByTestId('remove-confirm')).toHaveCount(0);
});
