/** Messages that used to contradict themselves or lead nowhere, for owners, editors and everyone offline. */
import { resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { ChecklistPage } from './pages/checklist-page.ts';
import { StartPage } from './pages/start-page.ts';

const PHOTO = resolve(import.meta.dirname, '..', 'fixtures', 'capture', 'calibration', 'sharp.jpg');

test('an editor sees the owner\'s subject with their role, never the form to bind one', async ({ browser, server }) => {
	const ownerContext = await browser.newContext();
	const clerkContext = await browser.newContext();
	const owner = new AccountPage(await ownerContext.newPage());
	const clerk = new AccountPage(await clerkContext.newPage());
	await owner.register(server.url, 'owner-msg@example.com');
	await owner.bindSubject({ certificateNumber: '91330106673959654P', name: '杭州示例科技有限公司' });
	await clerk.acceptInvite(await owner.invite(server.url, 'editor'), 'editor-msg@example.com');

	const start = new StartPage(clerk.page);
	await start.open(server.url);
	await expect(clerk.page.getByTestId('bound-at')).toContainText('管理员的账号');
	await expect(clerk.page.getByTestId('bound-at')).not.toContainText('本账号');

	await clerk.page.goto(server.url + '/account');
	await expect(clerk.page.getByTestId('membership')).toHaveText('协作主体：杭州示例科技有限公司（你的角色：编辑者）');
	await expect(clerk.page.getByText('尚未绑定备案主体')).toHaveCount(0);
	await clerk.navigateInApp('/account/subject');
	await expect(clerk.page.getByTestId('membership')).toContainText('编辑者');
	await expect(clerk.page.getByRole('button', { name: '绑定', exact: true })).toHaveCount(0);
	await ownerContext.close();
	await clerkContext.close();
});

test('a certificate bound elsewhere says what to do instead of pointing to a claim that does not exist', async ({ browser, server }) => {
	const first = new AccountPage(await (await browser.newContext()).newPage());
	await first.register(server.url, 'first-holder@example.com');
	await first.bindSubject({ certificateNumber: '914403001922038216', name: '深圳示例有限公司' });

	const second = new AccountPage(await (await browser.newContext()).newPage());
	await second.register(server.url, 'second-try@example.com');
	await second.page.getByLabel('证件号码').fill('914403001922038216');
	await second.subjectNameField().fill('深圳示例有限公司');
	await second.page.getByRole('button', { name: '绑定', exact: true }).click();
	const alert = second.page.getByRole('alert').filter({ hasText: '已绑定到另一个账号' });
	await expect(alert).toContainText('联系持有它的人邀请你协作');
	await expect(alert).not.toContainText('认领');
});

test('an individual is asked for their name (姓名), not 主办单位名称', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'person@example.com');
	await expect(page.getByLabel('主办单位名称', { exact: true })).toBeVisible();
	await page.getByLabel('主办单位性质').selectOption('individual');
	await expect(page.getByLabel('姓名', { exact: true })).toBeVisible();
	await expect(page.getByLabel('主办单位名称', { exact: true })).toHaveCount(0);
});

test('offline, 协作者 says the list cannot be loaded, not "no collaborators" with an invitation', async ({ page, context, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'offline-owner@example.com');
	await account.bindSubject({ certificateNumber: '91110000101623741K', name: '北京示例' });
	const start = new StartPage(page);
	await start.open(server.url);
	await start.waitForServiceWorker();
	await server.stop();
	await context.setOffline(true);

	await page.getByRole('link', { name: '协作者' }).click();
	await expect(page.getByTestId('members-offline')).toHaveText('离线时无法加载协作者列表，联网后会自动刷新。');
	await expect(page.getByText('还没有协作者')).toHaveCount(0);
	await expect(page.getByRole('button', { name: '生成邀请' })).toHaveCount(0);

	await server.start();
	await context.setOffline(false);
	await expect(page.getByRole('button', { name: '生成邀请' })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('offline-owner@example.com · 管理员')).toBeVisible();
});

test('the photo controls of a slot are the app\'s own localized camera and file buttons', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'picker@example.com');
	await account.bindSubject({ certificateNumber: '911101066976941872', name: '测试' });
	await new StartPage(page).open(server.url);
	const checklist = new ChecklistPage(page);
	await checklist.startFromHome();
	await checklist.answer({ province: 'BJ', 'leader-certificate-type': 'resident-id-card', 'leader-is-legal-representative': 'true' });
	const slot = checklist.item('id-front');
	const camera = slot.locator('input[capture="environment"]');
	await expect(camera).toHaveAttribute('accept', 'image/*');
	await expect(slot.locator(`label[for="${await camera.getAttribute('id')}"]`)).toHaveText('拍照: 主体负责人证件正面（人像面）');
	await expect(slot.locator('label', { hasText: /^选择文件: / })).toBeVisible();
	// The browser's own "Choose File / No file chosen" control is not shown.
	const box = await camera.boundingBox();
	expect((box?.width ?? 0) <= 1 && (box?.height ?? 0) <= 1).toBe(true);
	await checklist.chooseFile('id-front', PHOTO);
	await checklist.expectStatus('id-front', 'accepted');
	await expect(slot.locator('label', { hasText: /^重拍: / })).toBeVisible();
});
