/**
 * The inbox on the applicant's phone (issue 12, NOTE-2..NOTE-4), against the production build
 * and the real server: the applicant turns browser notifications on with the button (nothing is
 * asked on load), sends a change of a filed website, and a reviewer (made by the operator
 * command) rejects it with a reason; the unread count shows in the navigation on the start page,
 * a real Web Notification is constructed with the localized text, /inbox lists the decision with
 * its reason and a link to the order's status, reloads offline from the device, and a read mark
 * made offline reaches the server once it is back.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from '@playwright/test';
import { accountRequestDocuments, type AccountRequest } from '../../src/lib/domain/account-request/account-request.ts';
import { makeDocument, makeSubject, makeWebsite } from '../support/factories.ts';
import { pngBytes, sha256, tusUpload } from '../support/uploads.ts';
import { seedApprovedRecord } from '../support/approved-records.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test, type E2eServer } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';
import { RecordChangePage, StatusPage } from './pages/track-pages.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHOTS = resolve(ROOT, 'tests', '.output', 'inbox');
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
const USCC = '91110000101623741K';
const NAME = '北京示例科技有限公司';
const NOTE = '请写明网站的实际内容';

/** The approved record the desk would have written: one website, filed in Beijing. */
function approvedRecord(subjectId: string) {
	const access = { provider: '备案助手示例接入服务', serviceCode: 'SVC-INBOX-1', ips: ['47.96.1.10'], region: 'cn-hangzhou' };
	return {
		version: 1,
		subjectId,
		approvedOn: '2026-10-12',
		subject: makeSubject({ id: subjectId, certificateNumber: USCC, name: NAME }),
		websites: [makeWebsite({ access })],
		filingNumbers: { subject: '京ICP备12345678号', websites: { 'site-1': '京ICP备12345678号-1' } },
		shellFiling: false
	};
}

const admin = (server: E2eServer, ...args: string[]) => promisify(execFile)(process.execPath, [join(ROOT, 'sync-server', 'src', 'admin.ts'), ...args], { env: { ...process.env, DATA_DIR: server.dataDir } });

/** A reviewer made by `npm run admin -- add-reviewer`, its one-time password replaced; posts decisions through the desk's API. */
async function reviewerDecides(server: E2eServer): Promise<(orderId: string, action: string, reasons?: unknown[]) => Promise<void>> {
	const email = `inbox-desk-${Date.now().toString(36)}@example.com`;
	const oneTime = /one-time password: (\S+)/.exec((await admin(server, 'add-reviewer', email)).stdout)?.[1] ?? '';
	const post = (path: string, body: unknown, cookie = '') => fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: JSON.stringify(body) });
	const signIn = await post('/api/sessions', { email, password: oneTime });
	expect(signIn.status).toBe(200);
	const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
	expect((await post('/api/review/password', { currentPassword: oneTime, newPassword: 'reviewer desk password' }, cookie)).status).toBe(204);
	return async (orderId, action, reasons) => {
		const decided = await post(`/api/review/orders/${orderId}/decisions`, reasons ? { action, reasons } : { action }, cookie);
		expect(decided.status, await decided.clone().text()).toBe(200);
	};
}

declare global {
	interface Window {
		shownNotifications?: { title: string; body: string }[];
		permissionRequests?: number;
	}
}

test('NOTE-2 NOTE-3 NOTE-4 a rejection reaches the applicant: unread count, a Web Notification, /inbox with the reason, offline after a reload', async ({ page, context, server }) => {
	test.setTimeout(180_000);
	// Records each notification the app constructs and each permission request, still calling the real ones.
	await context.addInitScript(() => {
		const Real = window.Notification;
		window.shownNotifications = [];
		window.permissionRequests = 0;
		class Recorded extends Real {
			constructor(title: string, options?: NotificationOptions) {
				super(title, options);
				window.shownNotifications?.push({ title, body: options?.body ?? '' });
			}
			static override requestPermission(callback?: NotificationPermissionCallback): Promise<NotificationPermission> {
				window.permissionRequests = (window.permissionRequests ?? 0) + 1;
				return Real.requestPermission(callback);
			}
		}
		Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
	});
	const account = new AccountPage(page);
	await account.register(server.url, 'inbox@example.com');
	await account.bindSubject({ certificateNumber: USCC, name: NAME });
	await new StartPage(page).waitForServiceWorker();
	const subjectId = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { subject: { id: string } }).subject.id);
	await server.stop();
	await seedApprovedRecord(server.dataDir, approvedRecord(subjectId));
	await server.start();

	// Nothing yet; the notification button explains itself, and nothing was asked on load.
	await page.goto(server.url + '/inbox');
	await expect(page.getByRole('heading', { name: /^消息$/ })).toBeVisible();
	await expect(page.getByTestId('inbox-empty')).toBeVisible();
	await expect(page.getByTestId('notify-permission')).toHaveAttribute('data-permission', 'default');
	await expect(page.getByTestId('notify-permission')).toContainText('不会使用推送服务');
	await expectNoSeriousAxeViolations(page, '/inbox (empty)');
	expect(await page.evaluate(() => window.permissionRequests)).toBe(0);
	await context.grantPermissions(['notifications'], { origin: server.url });
	await page.getByTestId('notify-enable').click();
	await expect(page.getByTestId('notify-permission')).toHaveAttribute('data-permission', 'granted');
	expect(await page.evaluate(() => window.permissionRequests)).toBe(1);

	// A change of the filed website, sent and in provider review.
	const screens = new RecordChangePage(page);
	await screens.openChange(server.url);
	await page.getByTestId('change-website-site-1').click();
	await page.getByLabel('网站名称').fill('示例科技产品官网');
	await page.getByTestId('send-change').click();
	await page.getByRole('link', { name: '查看状态' }).click();
	await expect(page).toHaveURL(/\/orders\/[^/]+\/status$/);
	const orderId = decodeURIComponent(page.url().split('/').at(-2) ?? '');
	await expect(new StatusPage(page).current()).toHaveAttribute('data-status', 'provider-review', { timeout: 30_000 });

	// The desk rejects the website's name; the start page's navigation shows one unread message.
	const decide = await reviewerDecides(server);
	await page.goto(server.url + '/');
	expect(await page.evaluate(() => window.shownNotifications?.length)).toBe(0);
	await decide(orderId, 'reject', [{ path: ['websites', 0, 'name'], code: 'website-name', note: NOTE }]);
	await expect(page.getByTestId('inbox-unread')).toContainText('1', { timeout: 30_000 });
	await expect(page.getByTestId('nav-inbox')).toHaveAccessibleName(/消息\s*1 · 1 条未读/);
	await expect.poll(() => page.evaluate(() => window.shownNotifications ?? [])).toEqual([{ title: '备案审核结果', body: '服务商初审未通过，请按原因修改后重新提交\n网站名称不符合要求' }]);
	await expectNoSeriousAxeViolations(page, '/ (unread count)');

	await page.getByTestId('nav-inbox').click();
	const entry = page.getByTestId('inbox-entry');
	await expect(entry).toHaveCount(1);
	await expect(entry).toHaveAttribute('data-read', 'false');
	await expect(entry).toHaveAttribute('data-action', 'reject');
	await expect(entry.getByRole('heading', { level: 2 })).toHaveText('未读 服务商初审未通过，请按原因修改后重新提交');
	await expect(entry.getByTestId('inbox-reasons')).toContainText('网站名称不符合要求');
	await expect(entry.getByTestId('inbox-reasons')).toContainText(`审核员说明：${NOTE}`);
	await expect(entry.getByRole('link', { name: '查看订单状态' })).toHaveAttribute('href', `/orders/${orderId}/status`);
	await expect(page.getByTestId('inbox-summary')).toHaveText('1 条未读消息');
	await expectNoSeriousAxeViolations(page, '/inbox (one unread rejection)');
	await shot(page, 'inbox-unread');

	// Offline: the list reloads from the device; a read mark made now is kept and sent later.
	await server.stop();
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('inbox-offline')).toBeVisible({ timeout: 20_000 });
	await expect(entry.getByTestId('inbox-reasons')).toContainText('网站名称不符合要求');
	await entry.getByRole('button', { name: /标为已读/ }).click();
	await expect(entry).toHaveAttribute('data-read', 'true');
	await expect(page.getByTestId('inbox-unread')).toHaveCount(0);
	await expectNoSeriousAxeViolations(page, '/inbox (offline, read)');
	await shot(page, 'inbox-offline-read');

	await server.start();
	await context.setOffline(false);
	await page.reload();
	await expect(page.getByTestId('inbox-offline')).toHaveCount(0, { timeout: 30_000 });
	await expect
		.poll(async () => ((await (await page.request.get(`${server.url}/api/inbox`)).json()) as { items: { readAt: string | null }[] }).items.map((i) => i.readAt !== null), { timeout: 30_000 })
		.toEqual([true]);
	await expect(entry).toHaveAttribute('data-read', 'true');
	// Read everywhere: no notification is raised again for it.
	expect(await page.evaluate(() => window.shownNotifications?.length)).toBe(0);
});

/** Signs a reviewer made by the operator command in on `desk` (its one-time password replaced), as the console's sign-in would. */
async function signInDesk(server: E2eServer, desk: BrowserContext): Promise<void> {
	const email = `requests-desk-${Date.now().toString(36)}@example.com`;
	const oneTime = /one-time password: (\S+)/.exec((await admin(server, 'add-reviewer', email)).stdout)?.[1] ?? '';
	const headers = { origin: server.url };
	expect((await desk.request.post(`${server.url}/api/sessions`, { data: { email, password: oneTime }, headers })).status()).toBe(200);
	expect((await desk.request.post(`${server.url}/api/review/password`, { data: { currentPassword: oneTime, newPassword: 'reviewer desk password' }, headers })).status()).toBe(204);
}

/** A claim of the demo filing nobody holds, its photos uploaded to the applicant's account (tus, `holder=account`), sent with PUT. */
async function sendClaim(server: E2eServer, applicant: BrowserContext, subjectName?: string): Promise<string> {
	const base: AccountRequest = { version: 1, id: 'inbox-claim', created: '2026-11-02T09:00:00+08:00', subjectType: 'individual', documents: [], kind: 'claim', claim: { domain: 'claim-demo-one.cn' }, ...(subjectName ? { subjectName } : {}) };
	const cookie = (await applicant.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join('; ');
	const photos = accountRequestDocuments(base).map((need, i) => ({ need, bytes: pngBytes(3000 + i, 60 + i) }));
	for (const { need, bytes } of photos) {
		const uploaded = await tusUpload(bytes, { endpoint: `${server.url}/files`, cookie, headers: { origin: server.url }, metadata: { sha256: sha256(bytes), holder: 'account', kind: need.kind } });
		expect(uploaded.ok, JSON.stringify(uploaded)).toBe(true);
	}
	const documents = photos.map(({ need, bytes }) => makeDocument({ kind: need.kind, owner: need.owner, sha256: sha256(bytes), size: bytes.length, mime: 'image/png' }));
	const sent = await applicant.request.put(`${server.url}/api/account-requests/${base.id}`, { data: { request: { ...base, documents } }, headers: { origin: server.url } });
	expect([200, 201], await sent.text()).toContain(sent.status());
	return base.id;
}

test('NOTE-1 LEG-1 LEG-4 STAFF-3 the console decides a claim (its photos shown, the target stated); each decision reaches the applicant’s inbox', async ({ browser, server }) => {
	test.setTimeout(120_000);
	const phone = await browser.newContext({ viewport: { width: 360, height: 640 } });
	const page = await phone.newPage();
	await new AccountPage(page).register(server.url, 'claimer@example.com');
	await expect(page).toHaveURL(/\/account\/subject$/);
	await sendClaim(server, phone);

	const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const deskPage = await desk.newPage();
	await signInDesk(server, desk);
	await deskPage.goto(server.url + '/review');
	await deskPage.getByTestId('review-requests-link').click();
	await expect(deskPage.getByRole('heading', { name: /^账号申请审核$/ })).toBeVisible();
	const card = deskPage.getByTestId('review-request');
	await expect(card).toHaveCount(1);
	await expect(card).toContainText('claim-demo-one.cn');
	await expect(card).toContainText('审核时限');
	await expect(card.getByTestId('document-stage').locator('img')).toHaveJSProperty('complete', true);
	expect(await card.getByTestId('document-stage').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	await expectNoSeriousAxeViolations(deskPage, '/review/requests');
	await deskPage.screenshot({ path: resolve(SHOTS, 'console-requests.png'), fullPage: true });
	await card.getByLabel('原因', { exact: true }).selectOption('information-mismatch');
	await card.getByLabel('给申请人的说明（可选）').fill('请填写主办单位名称');
	await card.getByTestId('request-reject').click();
	await expect(deskPage.getByTestId('request-decided')).toContainText('已驳回');
	await expect(card).toHaveCount(0);
	await expect(deskPage.getByTestId('requests-empty')).toBeVisible();

	await page.goto(server.url + '/inbox');
	const entries = page.getByTestId('inbox-entry');
	await expect(entries).toHaveCount(1, { timeout: 30_000 });
	await expect(entries.first().getByRole('heading', { level: 2 })).toHaveText('未读 账号申请未通过');
	await expect(entries.first().getByTestId('inbox-reasons')).toContainText('信息与证件不一致');
	await expect(entries.first().getByTestId('inbox-reasons')).toContainText('请填写主办单位名称');
	await expect(entries.first().getByRole('link', { name: '查看我的申请' })).toHaveAttribute('href', '/requests');

	// The applicant corrects and sends again; the console approves; the newest entry says so.
	await sendClaim(server, phone, '演示用户王五');
	await deskPage.reload();
	await card.getByTestId('request-approve').click();
	await expect(deskPage.getByTestId('request-decided')).toContainText('已通过');
	await page.reload();
	await expect(entries).toHaveCount(2, { timeout: 30_000 });
	await expect(entries.first().getByRole('heading', { level: 2 })).toHaveText('未读 账号申请已通过');
	await expect(page.getByTestId('inbox-unread')).toContainText('2');
	await page.getByTestId('inbox-mark-all').click();
	await expect(page.getByTestId('inbox-summary')).toHaveText('全部已读');
	await expect(page.getByTestId('inbox-unread')).toHaveCount(0);
	await expectNoSeriousAxeViolations(page, '/inbox (account requests, all read)');
	await shot(page, 'inbox-requests-read');
	await desk.close();
	await phone.close();
});
