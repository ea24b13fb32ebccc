/**
 * Several accounts on one device, and where the data is (issue 11), with the device-storage
 * journeys of issue 9 through the checklist slots (`/orders/<id>/documents`):
 * - one phone, two accounts for two subjects: the switcher signs the other account in with its
 *   password, nothing of one shows under the other, and an order the inactive account queued
 *   waits ("waiting: sign in as X to send") until that account is signed in again, then goes out;
 *   the badge says where the data is from the server's durable acknowledgment, and says the same
 *   after a reload with no network;
 * - a full device (quota emulated) refuses a photo in its slot and writes nothing of it;
 * - removing one account's data from the switcher leaves the other account's documents readable,
 *   and every task of the task list says where its data is.
 */
import type { Page, Request } from '@playwright/test';
import { resolve } from 'node:path';
import { seedApprovedRecord } from '../support/approved-records.ts';
import { makeSubject, makeWebsite } from '../support/factories.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { attachAndUpload, deviceRows, openChecklist } from './device-storage.ts';
import { StartPage } from './pages/start-page.ts';
import { RecordChangePage, StatusPage } from './pages/track-pages.ts';

const SHOTS = 'tests/.output/accounts';
const JPEG = resolve(import.meta.dirname, '..', 'fixtures', 'capture', 'calibration', 'sharp.jpg');
const A = { email: 'switch-a@example.com', uscc: '91110000101623741K', name: '甲示例科技有限公司' };
const B = { email: 'switch-b@example.com', uscc: '911101066976941872', name: '乙示例贸易有限公司' };
/** The saved time as the badge writes it (today: HH:MM). */
const SAVED_AT = /^已保存到服务器 · \d{2}:\d{2}$/;

/** The switcher on /account (loaded on demand). */
async function openSwitcher(page: Page, baseUrl: string) {
	await page.goto(baseUrl + '/account');
	const switcher = page.getByTestId('account-switcher');
	await expect(switcher).toBeVisible();
	return switcher;
}

/** Signs the current account out from the switcher, then registers and binds a new one. */
async function addAccount(page: Page, baseUrl: string, who: typeof A): Promise<void> {
	const switcher = await openSwitcher(page, baseUrl);
	await switcher.getByRole('button', { name: '登录或注册另一个账号' }).click();
	// Signed out once the form is there (the switcher's own button also says 注册): only then reload.
	await expect(page.getByLabel(/^邮箱$|^E-mail$/)).toBeVisible();
	await expect(switcher.getByRole('button', { name: '登录或注册另一个账号' })).toBeHidden();
	const account = new AccountPage(page);
	await account.register(baseUrl, who.email);
	await account.bindSubject({ certificateNumber: who.uscc, name: who.name });
}

/** Switches to an account the device has used, with its password. */
async function switchTo(page: Page, baseUrl: string, email: string): Promise<void> {
	const switcher = await openSwitcher(page, baseUrl);
	await switcher.getByRole('button', { name: `切换到 ${email}` }).click();
	await expect(page.getByLabel(`${email} 的密码`)).toBeFocused();
	await page.getByLabel(`${email} 的密码`).fill('correct horse battery');
	await switcher.getByRole('button', { name: '登录并切换' }).click();
	await expect(page.getByTestId('switch-done')).toHaveText(`已切换到 ${email}`);
	await expect(page.getByTestId('signed-in-as')).toContainText(email);
}

/** The approved record of A's subject (one website), so a change order can be sent with no documents. */
function approvedRecord(subjectId: string) {
	const access = { provider: '备案助手示例接入服务', serviceCode: 'SVC-7001', ips: ['47.96.1.10'], region: 'cn-hangzhou' };
	return {
		version: 1,
		subjectId,
		approvedOn: '2026-10-12',
		subject: makeSubject({ id: subjectId, certificateNumber: A.uscc, name: A.name }),
		websites: [makeWebsite({ access })],
		filingNumbers: { subject: '京ICP备12345678号', websites: { 'site-1': '京ICP备12345678号-1' } },
		shellFiling: false
	};
}

test('SAVE-2 ACCT-1 ACCT-2 ACCT-3 two subjects on one phone: switching signs the other account in, nothing is mixed, an order queued by the inactive account waits for it and is sent after switching back; the badge says where the data is, also after a reload offline', async ({ page, server }) => {
	test.setTimeout(180_000);
	const account = new AccountPage(page);
	const start = new StartPage(page);
	await account.register(server.url, A.email);
	await account.bindSubject({ certificateNumber: A.uscc, name: A.name });
	await start.waitForServiceWorker();
	await expect(start.badge()).toHaveAttribute('data-where', 'server');
	await expect(start.badge()).toHaveText(SAVED_AT);
	const subjectA = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { subject: { id: string } }).subject.id);

	// Unsent edits, the app closed and reopened with no network: the same state, from the device.
	await server.stop();
	await start.typeName('北京');
	await expect(start.badge()).toHaveAttribute('data-where', 'device');
	await expect(start.badge()).toHaveText('仅保存在本设备 · 1 处更改未发送');
	await seedApprovedRecord(server.dataDir, approvedRecord(subjectA));
	await page.context().setOffline(true);
	await page.reload();
	await expect(start.subjectName()).toHaveValue(`${A.name}北京`);
	await expect(start.badge()).toHaveAttribute('data-status', 'offline');
	await expect(start.badge()).toHaveText('仅保存在本设备 · 1 处更改未发送');
	await page.context().setOffline(false);
	await server.start();
	await expect(start.badge()).toHaveText(SAVED_AT, { timeout: 20_000 });

	// A queues a change order while its request cannot reach the server.
	const ordersPut = /\/api\/subjects\/[^/]+\/orders\/[^/]+$/;
	await page.route(ordersPut, (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.fallback()));
	const screens = new RecordChangePage(page);
	await screens.openChange(server.url);
	await page.getByTestId('change-website-site-1').click();
	await page.getByLabel('网站名称').fill('甲示例新官网');
	await page.getByTestId('send-change').click();
	await expect(page.getByTestId('queued')).toBeVisible();
	await page.getByRole('link', { name: '查看状态' }).click();
	const status = new StatusPage(page);
	await expect(status.outbox()).toHaveAttribute('data-state', 'waiting');
	const orderId = page.url().split('/').at(-2) ?? '';

	// A second subject needs a second account: the app says so where one would try.
	await page.goto(server.url + '/account/subject');
	await expect(page.getByTestId('second-subject-note')).toContainText('要为另一个主体备案，请使用另一个账号');
	await addAccount(page, server.url, B);
	await page.unroute(ordersPut);
	const sentFor: string[] = [];
	const watchPuts = (request: Request) => void (request.method() === 'PUT' && ordersPut.test(new URL(request.url()).pathname) && sentFor.push(request.url()));
	page.on('request', watchPuts);

	// B sees only B: its own subject, none of A's draft or outbox; A's order waits for A.
	await start.open(server.url);
	await expect(start.subjectName()).toHaveValue(B.name);
	await expect(start.badge()).toHaveText(SAVED_AT);
	await status.open(server.url, orderId);
	await expect(status.outbox()).toHaveCount(0);
	const switcher = await openSwitcher(page, server.url);
	const rowA = switcher.getByTestId('device-account').filter({ hasText: A.email });
	await expect(rowA.getByTestId('outbox-waiting')).toHaveText(`等待中：请登录 ${A.email} 后发送（1 份申请）`);
	await expect(switcher.getByTestId('device-account').filter({ hasText: B.email })).toContainText('当前登录');
	await switcher.getByRole('button', { name: `切换到 ${A.email}` }).click();
	await expectNoSeriousAxeViolations(page, '/account (switcher)');
	await page.screenshot({ path: `${SHOTS}/switcher.png`, fullPage: true });
	// Wrong password: nothing switches, the error is in words, the form stays.
	await page.getByLabel(`${A.email} 的密码`).fill('not the password');
	await switcher.getByRole('button', { name: '登录并切换' }).click();
	await expect(switcher.getByRole('alert')).toBeVisible();
	await expect(switcher.getByLabel(`${A.email} 的密码`)).toHaveValue('');
	expect(sentFor).toEqual([]);

	// Back to A: its order goes out, its data is as it left it.
	await switchTo(page, server.url, A.email);
	await status.open(server.url, orderId);
	await expect(status.current()).toHaveAttribute('data-status', 'provider-review', { timeout: 30_000 });
	await expect(status.outbox()).toHaveCount(0);
	expect(sentFor.length).toBeGreaterThan(0);
	expect(sentFor.every((url) => url.includes(`/api/subjects/${subjectA}/orders/${orderId}`))).toBe(true);
	await start.open(server.url);
	await expect(start.subjectName()).toHaveValue(`${A.name}北京`);
	const after = await openSwitcher(page, server.url);
	await expect(after.getByTestId('outbox-waiting')).toHaveCount(0);
});

test('a full device (quota emulated) says so in the slot and stores nothing of the photo; with space again the same photo is kept', async ({ browser, server }) => {
	// No service worker: its app-shell cache would count against the small quota.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	// Room for the account and its drafts (about 75 KB here), not for a prepared photo (about 250 KB).
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 200_000 });
	const account = new AccountPage(page);
	await account.register(server.url, 'vault-full@example.com');
	await account.bindSubject({ certificateNumber: B.uscc, name: '存储测试' });
	await new StartPage(page).open(server.url);
	const checklist = await openChecklist(page);

	await checklist.chooseFile('subject-certificate', JPEG);
	// Through the error funnel, into the page's notices (a polite live region).
	await expect(page.getByTestId('notices')).toContainText('本设备的存储空间已满，这张照片没有保存。请释放一些空间（例如删除不需要的照片或其他应用的数据），然后重新拍照或选择。', { timeout: 30_000 });
	// Nothing half-written: no sealed bytes, no upload, no reference in the draft, the slot empty again.
	await checklist.expectStatus('subject-certificate', 'empty');
	await expect(page.locator('[data-slot][data-sha256]')).toHaveCount(0);
	const rows = await deviceRows(page);
	expect(rows.sealed).toEqual([]);
	expect(rows.transfers).toEqual([]);
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]/documents (storage full)');

	await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 50_000_000 });
	await attachAndUpload(checklist, 'subject-certificate', JPEG);
	expect((await deviceRows(page)).sealed).toHaveLength(1);
	await context.close();
});

test("removing account A's data from the switcher leaves account B's documents, the same photo included, readable; each task says where its data is", async ({ page, server }) => {
	test.setTimeout(180_000);
	const account = new AccountPage(page);
	const start = new StartPage(page);
	await account.register(server.url, A.email);
	await account.bindSubject({ certificateNumber: A.uscc, name: A.name });
	await start.open(server.url);
	await attachAndUpload(await openChecklist(page), 'subject-certificate', JPEG);
	await addAccount(page, server.url, B);
	await start.open(server.url);
	const checklist = await openChecklist(page);
	const orderPath = new URL(page.url()).pathname.replace(/\/documents$/, '');
	await attachAndUpload(checklist, 'subject-certificate', JPEG);

	// The task list: every task says where its data is — here all of it on the server, with the time.
	await page.goto(server.url + orderPath);
	const places = page.getByTestId('task-place');
	await expect(places.first()).toBeVisible();
	for (const task of ['subject', 'documents']) {
		await expect(page.locator(`li[data-task="${task}"]`).getByTestId('task-place')).toHaveAttribute('data-where', 'server', { timeout: 20_000 });
		await expect(page.locator(`li[data-task="${task}"]`).getByTestId('task-place')).toHaveText(/^已保存到服务器（\d{2}:\d{2}）$/);
	}
	await expectNoSeriousAxeViolations(page, '/orders/[orderId] (places)');

	const before = await deviceRows(page);
	const a = before.accounts.find((x) => x.email === A.email);
	const b = before.accounts.find((x) => x.email === B.email);
	if (!a?.subjectId || !b?.subjectId) throw new Error('both accounts should be on the device');
	const [sha256] = before.sealed.filter((row) => row.startsWith(`${b.accountId}:`)).map((row) => row.split(':')[1]);
	expect(before.sealed).toEqual([`${a.accountId}:${sha256}`, `${b.accountId}:${sha256}`].sort());

	// B is signed in; A's data goes from the switcher.
	const switcher = await openSwitcher(page, server.url);
	await switcher.getByRole('button', { name: '从本设备删除此账号的数据' }).click();
	const confirm = page.getByTestId('switch-remove-confirm');
	await expect(confirm.getByRole('heading', { name: `删除 ${A.email} 在本设备上的照片、草稿和密钥` })).toBeFocused();
	await confirm.getByRole('button', { name: '删除', exact: true }).click();
	await expect(page.getByTestId('switch-done')).toHaveText(`已从本设备删除 ${A.email} 的数据`);
	await expect(switcher.getByTestId('device-account')).toHaveCount(1);

	const after = await deviceRows(page);
	expect(after.accounts.map((x) => x.email)).toEqual([B.email]);
	expect(after.sealed).toEqual([`${b.accountId}:${sha256}`]);
	expect(after.keys).toEqual([b.accountId]);
	expect(after.workspaces).not.toContain(a.subjectId);
	expect(after.workspaces).toContain(b.subjectId);
	expect(after.transfers).not.toContain(a.subjectId);

	// B's photo is read from this device's vault: shown with no download.
	const downloads: string[] = [];
	page.on('request', (request) => void (request.url().includes('/files/blob/') && downloads.push(request.url())));
	await page.goto(server.url + orderPath + '/documents');
	const img = page.locator('[data-slot][data-sha256] img');
	await expect(img).toBeVisible();
	expect(await img.evaluate((el: HTMLImageElement) => el.decode().then(() => el.naturalWidth))).toBeGreaterThan(0);
	expect(downloads).toEqual([]);
});
