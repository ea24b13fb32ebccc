import { resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';

const PHOTO = resolve(import.meta.dirname, '..', '..', 'static', 'icons', 'icon-512.png');

test('a document photo uploads from one device and downloads, hash-checked, on a collaborator\'s', async ({ browser, server }) => {
	const ownerContext = await browser.newContext();
	const clerkContext = await browser.newContext();
	const owner = new AccountPage(await ownerContext.newPage());
	const clerk = new AccountPage(await clerkContext.newPage());
	await owner.register(server.url, 'photos@example.com');
	await owner.bindSubject({ certificateNumber: '91110000101623741K', name: '照片测试' });
	await clerk.acceptInvite(await owner.invite(server.url, 'editor'), 'helper@example.com');
	await new StartPage(owner.page).open(server.url);
	await new StartPage(clerk.page).open(server.url);

	await owner.page.getByLabel(/拍照或选择/).setInputFiles(PHOTO);
	const mine = owner.page.locator('li[data-sha256]');
	await expect(mine.getByTestId('document-status')).toHaveText('已上传到服务器', { timeout: 20_000 });
	await expect(mine.locator('img')).toBeVisible();

	const theirs = clerk.page.locator('li[data-sha256]');
	await expect(theirs).toHaveAttribute('data-sha256', (await mine.getAttribute('data-sha256')) ?? 'missing');
	await expect(theirs.locator('img')).toBeVisible({ timeout: 20_000 });
	const size = await theirs.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth);
	expect(size).toBe(512);
	await ownerContext.close();
	await clerkContext.close();
});

test('a file that is not a JPEG or PNG is refused on the device with a clear message', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'notimage@example.com');
	await account.bindSubject({ certificateNumber: '911101066976941872', name: '测试' });
	await new StartPage(page).open(server.url);
	await page.getByLabel(/拍照或选择/).setInputFiles({ name: 'licence.png', mimeType: 'image/png', buffer: Buffer.from('<script>alert(1)</script>') });
	await expect(page.getByRole('alert')).toHaveText('只能添加 JPG 或 PNG 图片。');
	await expect(page.locator('li[data-sha256]')).toHaveCount(0);
});
