/**
 * Password retrieval in the browser (LEG-5): the demo legacy login whose password is forgotten
 * asks for a link on /account/forgot, the server writes the mail as an .eml file (no SMTP_URL),
 * the link opens /account/reset, and the new password is set once. Both pages pass axe-core.
 */
import { waitForResetToken } from '../support/mail.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

test('LEG-5 a forgotten legacy password is reset through the mailed single-use link', async ({ page, server }) => {
	await page.goto(`${server.url}/account/forgot`);
	await expect(page.getByRole('heading', { name: '忘记密码' })).toBeVisible();
	await page.getByRole('button', { name: '发送链接' }).click();
	await expect(page.getByRole('link', { name: '请输入邮箱' })).toBeVisible();
	await expectNoSeriousAxeViolations(page, '/account/forgot with an error');

	await page.getByLabel('我的原万网登录账号').check();
	await page.getByLabel('原登录账号').fill('demo-forgotten');
	await page.getByRole('button', { name: '发送链接' }).click();
	await expect(page.getByTestId('reset-sent')).toBeVisible();

	const token = await waitForResetToken(server.dataDir, 'old-mailbox@demo.invalid');
	await page.goto(`${server.url}/account/reset?token=${token}`);
	await expect(page.getByRole('heading', { name: '设置新密码' })).toBeVisible();
	await page.getByLabel('新密码', { exact: true }).fill('a new legacy password');
	await page.getByLabel('再次输入新密码').fill('something else');
	await page.getByRole('button', { name: '设置密码' }).click();
	await expect(page.getByText('两次输入的密码不一致').first()).toBeVisible();
	await expectNoSeriousAxeViolations(page, '/account/reset with an error');
	await page.getByLabel('再次输入新密码').fill('a new legacy password');
	await page.getByRole('button', { name: '设置密码' }).click();
	await expect(page.getByTestId('reset-done')).toBeVisible();

	await page.goto(`${server.url}/account/reset?token=${token}`);
	await page.getByLabel('新密码', { exact: true }).fill('another new password');
	await page.getByLabel('再次输入新密码').fill('another new password');
	await page.getByRole('button', { name: '设置密码' }).click();
	await expect(page.getByRole('alert').filter({ hasText: '链接已失效' })).toBeVisible();
});
