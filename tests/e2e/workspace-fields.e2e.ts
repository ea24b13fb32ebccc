/**
 * Issue 8, findings 2–4: domain messages reach the person next to their field, one subject name
 * from binding to editor, and free-text bounds enforced before anything is written or saved.
 */
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';

test('a USCC with a wrong check character is bound with its warning shown next to the field', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'checksum@example.com');
	await expect(page).toHaveURL(/\/account\/subject$/);
	await page.getByLabel(/证件号码|Certificate number/).fill('91350100M000100Y4A');
	const messages = page.getByTestId('subject-form-certificateNumber-messages');
	await expect(messages).toContainText('校验');
	await expect(messages.locator('li.warning')).toHaveCount(1);
	await page.getByLabel(/^主办单位名称$/).fill('福州校验示例有限公司');
	await page.getByRole('button', { name: /^(绑定|Bind)$/ }).click();
	await expect(page).toHaveURL(/\/$/);
});

test('the name typed when binding is the editor’s 主办单位名称, and editing it there changes the account’s subject name', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'onename@example.com');
	await account.bindSubject({ certificateNumber: '91110000101623741K', name: '北京同名示例有限公司' });
	const start = new StartPage(page);
	await expect(start.subjectName()).toHaveValue('北京同名示例有限公司');
	await start.typeName('分部');
	await start.expectStatus('saved');
	await page.getByRole('link', { name: /^(账号|Account)$/ }).click();
	await expect(page.getByText('北京同名示例有限公司分部')).toBeVisible();
});

test('200,000 characters and markup are refused in the subject name with a message, and never saved', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'bounds@example.com');
	await account.bindSubject({ certificateNumber: '911101066976941872', name: '界限' });
	const start = new StartPage(page);
	await start.expectStatus('saved');
	await start.subjectName().fill('长'.repeat(200_000));
	await expect(start.subjectName()).toHaveValue('长'.repeat(100));
	await expect(page.getByTestId('subject-name-messages')).toContainText('100');
	await start.subjectName().fill('<script>alert(1)</script>杭州');
	await expect(start.subjectName()).toHaveValue('scriptalert(1)/script杭州');
	await expect(page.getByTestId('subject-name-messages')).toBeVisible();
	await start.subjectName().fill('杭州&amp;科技');
	await expect(page.getByTestId('subject-name-messages').locator('li.error')).toHaveCount(1);
	await start.expectStatus('saved');
	// What the server kept is within the bound: a fresh device of the account reads it.
	const other = await page.context().browser()?.newContext();
	if (!other) throw new Error('no browser');
	const tablet = await other.newPage();
	await new AccountPage(tablet).signIn(server.url, 'bounds@example.com');
	const second = new StartPage(tablet);
	await second.open(server.url);
	await expect(second.subjectName()).toHaveValue('杭州&amp;科技');
	await other.close();
});
