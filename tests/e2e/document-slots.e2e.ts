/**
 * The document checklist of an order in real Chromium against the real server: the facts the
 * matrix needs, one slot per required document, photos checked by the real capture worker
 * (committed calibration fixtures), remove with undo (a photo removed before upload never
 * reaches the server), full view with zoom, an axe scan, and an upload cut by stopping the
 * server that resumes after the restart without sending completed chunks again.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test, type E2eServer } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { ChecklistPage } from './pages/checklist-page.ts';
import { StartPage } from './pages/start-page.ts';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'capture', 'calibration');
const photo = (name: string) => join(FIXTURES, `${name}.jpg`);
const CHUNK = 64 * 1024;

/** Registers, binds an enterprise, opens a first-filing checklist and answers its facts (Beijing, ID card, leader is legal representative). */
async function openChecklist(page: Page, server: E2eServer, email: string, certificateNumber: string): Promise<ChecklistPage> {
	const account = new AccountPage(page);
	await account.register(server.url, email);
	await account.bindSubject({ certificateNumber, name: '材料测试有限公司' });
	await new StartPage(page).open(server.url);
	const checklist = new ChecklistPage(page);
	await checklist.startFromHome();
	await expect(page.getByRole('heading', { name: '还需要这些信息' })).toBeVisible();
	await expect(page.getByRole('link', { name: '备案省份' })).toHaveAttribute('href', '#fact-province');
	await checklist.answer({ province: 'BJ', 'leader-certificate-type': 'resident-id-card', 'leader-is-legal-representative': 'true' });
	await expect(page.locator('li[data-kind]')).toHaveCount(3);
	return checklist;
}

async function subjectIdOf(page: Page): Promise<string> {
	return page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { subject: { id: string } }).subject.id);
}

test('IMG-5 a blurred photo is refused ("hold the phone still"), IMG-7 a dark one warned ("more light"), a sharp one accepted and uploaded; DOC-6 DOC-7 the slots say why', async ({ page, server }) => {
	const checklist = await openChecklist(page, server, 'slots@example.com', '91110000101623741K');
	await expect(checklist.item('subject-certificate').getByTestId('slot-reason')).toHaveText(/因为主办单位是单位/);
	await expect(checklist.item('id-front').getByTestId('slot-reason')).toHaveText(/主体负责人/);
	await expect(checklist.item('id-front').locator('svg[data-example="card-front"]')).toBeVisible();

	await checklist.chooseFile('subject-certificate', photo('blurred'));
	await checklist.expectStatus('subject-certificate', 'refused');
	await expect(checklist.item('subject-certificate').locator('[data-rule="IMG-5"]')).toHaveText(/请拿稳手机/);
	await expect(checklist.upload('subject-certificate')).toHaveCount(0);

	await checklist.chooseFile('id-front', photo('dark'));
	await checklist.expectStatus('id-front', 'warned');
	await expect(checklist.item('id-front').locator('[data-rule="IMG-7"]')).toHaveText(/光线更充足/);

	// Long tasks on the main thread while the app prepares, checks, stores and attaches a photo.
	await page.evaluate(() => {
		const w = window as unknown as { __longest: number };
		w.__longest = 0;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
		}).observe({ type: 'longtask' });
	});
	await checklist.chooseFile('id-back', photo('sharp'));
	await checklist.expectStatus('id-back', 'accepted');
	await page.waitForTimeout(200);
	const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
	test.info().annotations.push({ type: 'longest main-thread task during the slot capture (ms)', description: longest.toFixed(0) });
	console.log(`longest main-thread task during the slot capture: ${longest.toFixed(0)} ms`);
	await expect(checklist.item('id-back').locator('[data-rule]')).toHaveCount(0);
	await expect(checklist.upload('id-back')).toHaveText('已上传到服务器', { timeout: 20_000 });
	await expect(page.getByTestId('checklist-progress')).toHaveText('已完成 2/3 项');

	await expectNoSeriousAxeViolations(page, 'document checklist');

	// Full view: an accessible dialog, zoom by buttons, Escape closes it.
	await checklist.item('id-back').getByRole('button', { name: /^查看大图/ }).first().click();
	const viewer = page.getByRole('dialog');
	await expect(viewer).toBeVisible();
	await viewer.getByRole('button', { name: '放大' }).click();
	await expect(viewer.getByTestId('zoom-level')).toHaveText('150%');
	await expectNoSeriousAxeViolations(page, 'document checklist');
	await page.keyboard.press('Escape');
	await expect(viewer).toBeHidden();

	// Reload at this depth: the attached photos and their verdicts come back from the device.
	await page.reload();
	await checklist.expectStatus('id-back', 'accepted');
	await checklist.expectStatus('id-front', 'warned');
	await checklist.expectStatus('subject-certificate', 'empty');
});

test('remove with undo: Undo puts the photo back; a photo removed before its upload never reaches the server', async ({ page, context, server }) => {
	const checklist = await openChecklist(page, server, 'undo@example.com', '911101066976941872');
	const subjectId = await subjectIdOf(page);
	await context.setOffline(true);
	await checklist.chooseFile('id-back', photo('sharp'));
	await checklist.expectStatus('id-back', 'accepted');
	await expect(checklist.upload('id-back')).toHaveText('等待网络', { timeout: 20_000 });
	const removedSha = await checklist.item('id-back').locator('[data-sha256]').getAttribute('data-sha256');
	expect(removedSha).toMatch(/^[0-9a-f]{64}$/);

	await checklist.item('id-back').getByRole('button', { name: /^删除/ }).click();
	await checklist.expectStatus('id-back', 'empty');
	const notice = page.getByTestId('undo-notice');
	await expect(notice).toContainText('它不会被上传');
	await notice.getByRole('button', { name: '撤销' }).click();
	await checklist.expectStatus('id-back', 'accepted');
	await expect(checklist.item('id-back').locator('[data-sha256]')).toHaveAttribute('data-sha256', removedSha ?? '');

	await checklist.item('id-back').getByRole('button', { name: /^删除/ }).click();
	await checklist.expectStatus('id-back', 'empty');
	// Another photo, kept and online: it uploads, so the queue runs — and the removed one is not in it.
	await checklist.chooseFile('id-front', photo('dark'));
	await checklist.expectStatus('id-front', 'warned');
	await context.setOffline(false);
	await expect(checklist.upload('id-front')).toHaveText('已上传到服务器', { timeout: 30_000 });
	const held = await page.evaluate(
		async ({ sha, subject }) => (await fetch(`/files/by-hash/${sha}?subject=${subject}`, { method: 'HEAD' })).status,
		{ sha: removedSha, subject: subjectId }
	);
	expect(held).toBe(404);
	expect(readdirSync(join(server.dataDir, 'uploads')).filter((name) => !name.endsWith('.json'))).toEqual([]);
});

test('an upload cut by stopping the server resumes after the restart at the server\'s offset, no completed chunk sent twice', async ({ page, server }) => {
	await page.addInitScript((bytes) => localStorage.setItem('beian:upload-chunk-bytes', String(bytes)), CHUNK);
	const checklist = await openChecklist(page, server, 'resume@example.com', '91310000MA1FL8L29Q');
	const accepted: { offset: number; bytes: number }[] = [];
	let creations = 0;
	let patches = 0;
	let offsetOnDisk = -1;
	page.on('response', (response) => {
		const request = response.request();
		if (request.method() === 'POST' && new URL(request.url()).pathname === '/files') creations++;
		if (request.method() === 'PATCH' && response.status() === 204) {
			accepted.push({ offset: Number(request.headers()['upload-offset']), bytes: request.postDataBuffer()?.length ?? -1 });
		}
	});
	await page.route('**/files/*', async (route) => {
		if (route.request().method() !== 'PATCH' || ++patches !== 2) return route.continue();
		// The first chunk is on the server: stop it before the second arrives.
		await server.stop();
		const staged = readdirSync(join(server.dataDir, 'uploads')).filter((name) => !name.endsWith('.json'));
		offsetOnDisk = staged.length === 1 && staged[0] ? statSync(join(server.dataDir, 'uploads', staged[0])).size : -1;
		await route.abort('connectionreset');
		await server.start();
	});

	await checklist.chooseFile('id-back', photo('sharp'));
	await checklist.expectStatus('id-back', 'accepted');
	await expect(checklist.upload('id-back')).toHaveText('已上传到服务器', { timeout: 45_000 });

	const sha = (await checklist.item('id-back').locator('[data-sha256]').getAttribute('data-sha256')) ?? '';
	const stored = statSync(join(server.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha)).size;
	expect(stored).toBeGreaterThan(2 * CHUNK);
	expect(offsetOnDisk).toBe(CHUNK);
	expect(creations).toBe(1);
	const offsets = accepted.map((a) => a.offset);
	expect(offsets).toEqual([...new Set(offsets)].sort((a, b) => a - b));
	expect(offsets[1]).toBe(CHUNK);
	expect(accepted.reduce((sum, a) => sum + a.bytes, 0)).toBe(stored);
});

test('DOC-18 a photo taken in the local draft before there is a subject stays on the device, and uploads once the subject is bound', async ({ page, server }) => {
	const start = new StartPage(page);
	await start.open(server.url);
	const checklist = new ChecklistPage(page);
	await checklist.startFromHome();
	await checklist.answer({ province: 'BJ', 'leader-certificate-type': 'resident-id-card', 'leader-is-legal-representative': 'true' });
	await checklist.chooseFile('id-back', photo('sharp'));
	await checklist.expectStatus('id-back', 'accepted');
	await expect(checklist.upload('id-back')).toHaveText('仅保存在本设备（绑定主体后上传）');
	const sha = await checklist.item('id-back').locator('[data-sha256]').getAttribute('data-sha256');

	const account = new AccountPage(page);
	await account.register(server.url, 'draft-photo@example.com');
	await account.bindSubject({ certificateNumber: '91110108551385082Q', name: '草稿照片有限公司' });
	await page.getByTestId('checklist-link').click();
	await expect(checklist.item('id-back').locator('[data-sha256]')).toHaveAttribute('data-sha256', sha ?? 'missing');
	await expect(checklist.upload('id-back')).toHaveText('已上传到服务器', { timeout: 30_000 });
});
