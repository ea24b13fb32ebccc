/**
 * What a new person meets before any collaboration: the language, unknown addresses, the
 * sign-up form's own messages and the account page on a 360 px phone.
 */
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';

test.describe('with an English browser', () => {
	test.use({ locale: 'en-US' });

	test('opens in Chinese, and English once chosen stays after a reload', async ({ page, server }) => {
		const start = new StartPage(page);
		await start.open(server.url);
		await expect(page.getByRole('heading', { name: '主办单位' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

		await page.getByLabel('语言').selectOption('en');
		await expect(page.getByRole('heading', { name: 'Subject' })).toBeVisible();
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Subject' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});

test('an unknown address shows a Chinese "page not found" with a way back', async ({ page, server }) => {
	await page.goto(server.url + '/no-such-page');
	await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
	await expect(page.locator('main')).not.toContainText(/Not Found/i);
	await page.getByRole('link', { name: '返回填写页面' }).click();
	await expect(new StartPage(page).subjectName()).toBeVisible();
});

test('the sign-up form explains its own errors in Chinese: a summary linking to each field, and the message beside it', async ({ page, server }) => {
	await page.goto(server.url + '/account');
	const submit = page.getByRole('button', { name: '注册', exact: true });
	await submit.click();
	const summary = page.getByTestId('error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('heading', { name: '出现了问题' })).toBeVisible();
	await expect(summary.getByRole('link')).toHaveText(['请输入你的名字', '请输入邮箱', '请输入密码']);
	await expect(page.locator('#auth-email-error')).toHaveText('错误：请输入邮箱');
	await expect(page.getByLabel(/^邮箱$/)).toHaveAttribute('aria-invalid', 'true');

	await summary.getByRole('link', { name: '请输入邮箱' }).click();
	await expect(page.getByLabel(/^邮箱$/)).toBeFocused();
	await page.getByLabel(/^邮箱$/).fill('not-an-address');
	await page.getByLabel(/^密码$/).fill('short');
	await page.getByLabel(/^你的名字$/).fill('<b>王芳</b>');
	await submit.click();
	await expect(summary.getByRole('link')).toHaveText(['名字不能包含 < > 或不可见字符', '请输入正确的邮箱地址，例如 name@example.com', '密码至少需要 8 个字符']);
	await expect(page.locator('#auth-display-name-error')).toHaveText('错误：名字不能包含 < > 或不可见字符');
	// Nothing reached the server: still on the form, not signed in.
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0);
});

test('PRES-5 the name given at sign-up shows on the account page and can be changed there, with its errors in the summary', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'named@example.com', 'correct horse battery', '王芳');
	await expect(page).toHaveURL(/\/account\/subject$/);
	await page.goto(server.url + '/account');
	await expect(page.getByTestId('display-name-current')).toHaveText('协作者看到的名字：王芳');
	await expect(account.displayNameField()).toHaveValue('王芳');

	await account.displayNameField().fill('名'.repeat(41));
	await page.getByRole('button', { name: '保存名字' }).click();
	const summary = page.getByTestId('error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText(['名字不能超过 40 个字']);
	await expect(account.displayNameField()).toHaveAttribute('aria-invalid', 'true');
	await summary.getByRole('link').click();
	await expect(account.displayNameField()).toBeFocused();
	await expectNoSeriousAxeViolations(page, 'account page with a display-name error');

	await account.changeDisplayName(server.url, '  王小芳 ');
	await expect(page.getByTestId('error-summary')).toHaveCount(0);
	await expect(page.getByTestId('display-name-current')).toHaveText('协作者看到的名字：王小芳');
	await page.reload();
	await expect(account.displayNameField()).toHaveValue('王小芳');
	const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()) as { account: { displayName: string } });
	expect(me.account.displayName).toBe('王小芳');
});

test('the account page fits a 360 px screen with a long e-mail and names devices in words', async ({ page, server }) => {
	const email = 'averylongmailboxnamethathasnoplacetobreakatall2026@subdomainexamplecompany.com.cn';
	const account = new AccountPage(page);
	await account.register(server.url, email);
	await expect(page).toHaveURL(/\/account\/subject$/);
	await page.goto(server.url + '/account');
	await expect(page.getByText(`已登录：${email}`)).toBeVisible();
	await expect(page.getByRole('heading', { name: /已登录的设备/ })).toBeVisible();
	const widths = await page.evaluate(() => ({ scroll: document.scrollingElement?.scrollWidth ?? Infinity, view: window.innerWidth }));
	expect(widths.view).toBe(360);
	expect(widths.scroll).toBeLessThanOrEqual(360);
	await expect(page.getByRole('button', { name: '退出登录' })).toBeInViewport({ ratio: 1 });
	const device = page.getByTestId('device');
	await expect(device).toHaveText(/^Linux 上的 Chrome，刚刚登录 \(本设备\)\s*$/);
	await expect(device).not.toContainText('Mozilla');
});
