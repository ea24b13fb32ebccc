import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';

test('installs its service worker and shows the shell on reload with the network off', async ({ page, context, server }) => {
	const start = new StartPage(page);
	await start.open(server.url);
	await start.waitForServiceWorker();
	const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
	expect(manifest.display).toBe('standalone');
	expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

	await server.stop();
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: '主办单位' })).toBeVisible();
	await expect(start.subjectName()).toBeEditable();
	await start.expectStatus('offline');
});

test('an edit made offline by a signed-in applicant survives a reload', async ({ page, context, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'offline@example.com');
	await account.bindSubject({ subjectType: 'individual', certificateType: 'resident-id-card', certificateNumber: '11010519491231002X', name: '张三' });
	const start = new StartPage(page);
	await start.open(server.url);
	await start.expectStatus('saved');
	await start.waitForServiceWorker();
	await server.stop();
	await context.setOffline(true);
	await start.typeName('丰');
	await start.expectStatus('offline');
	await page.reload();
	await expect(start.subjectName()).toHaveValue('张三丰');
	await start.expectStatus('offline');
});

test('switches between Chinese and English without reloading or losing input', async ({ page, server }) => {
	const start = new StartPage(page);
	await start.open(server.url);
	await start.typeName('示例');
	await expect(page.getByText('主办单位名称')).toBeVisible();
	await page.getByLabel('语言').selectOption('en');
	// English only in the English UI (it used to read "Subject name (主办单位名称)").
	await expect(page.getByText('Subject name', { exact: true })).toBeVisible();
	// The name typed (shown again in the overview) is the person's data, not the UI's words.
	await expect.poll(async () => (await page.locator('main').innerText()).replaceAll('示例', '')).not.toMatch(/[\u4e00-\u9fff]/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(start.subjectName()).toHaveValue('示例');
	await page.getByLabel('Language').selectOption('zh-CN');
	await expect(page.getByRole('heading', { name: '主办单位' })).toBeVisible();
});
