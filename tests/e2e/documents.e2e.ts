import { resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { ChecklistPage } from './pages/checklist-page.ts';
import { StartPage } from './pages/start-page.ts';

const SHARP = resolve(import.meta.dirname, '..', 'fixtures', 'capture', 'calibration', 'sharp.jpg');

test('DOC-7 a slot\'s photo uploads from one device and downloads, hash-checked, into the same slot on a collaborator\'s', async ({ browser, server }) => {
	const ownerContext = await browser.newContext();
	const clerkContext = await browser.newContext();
	const owner = new AccountPage(await ownerContext.newPage());
	const clerk = new AccountPage(await clerkContext.newPage());
	await owner.register(server.url, 'photos@example.com');
	await owner.bindSubject({ certificateNumber: '91110000101623741K', name: '照片测试' });
	await clerk.acceptInvite(await owner.invite(server.url, 'editor'), 'helper@example.com');
	await new StartPage(owner.page).open(server.url);
	const mine = new ChecklistPage(owner.page);
	await mine.startFromHome();
	await mine.answer({ province: 'BJ', 'leader-certificate-type': 'resident-id-card', 'leader-is-legal-representative': 'true' });
	await mine.chooseFile('id-front', SHARP);
	await expect(mine.upload('id-front')).toHaveText('已上传到服务器', { timeout: 30_000 });

	await new StartPage(clerk.page).open(server.url);
	await clerk.page.getByTestId('checklist-link').click();
	const theirs = new ChecklistPage(clerk.page);
	await theirs.expectStatus('id-front', 'accepted');
	const sha = await mine.item('id-front').locator('[data-sha256]').getAttribute('data-sha256');
	await expect(theirs.item('id-front').locator('[data-sha256]')).toHaveAttribute('data-sha256', sha ?? 'missing');
	const image = theirs.item('id-front').locator('img');
	await expect(image).toBeVisible({ timeout: 20_000 });
	expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
	await ownerContext.close();
	await clerkContext.close();
});

test('a file that is not a photo is refused on the device with a clear message, and nothing is attached', async ({ page, server }) => {
	const account = new AccountPage(page);
	await account.register(server.url, 'notimage@example.com');
	await account.bindSubject({ certificateNumber: '911101066976941872', name: '测试' });
	await new StartPage(page).open(server.url);
	const checklist = new ChecklistPage(page);
	await checklist.startFromHome();
	await checklist.answer({ province: 'BJ', 'leader-certificate-type': 'resident-id-card', 'leader-is-legal-representative': 'true' });
	await checklist.item('subject-certificate').getByLabel(/^选择文件/).setInputFiles({ name: 'licence.png', mimeType: 'image/png', buffer: Buffer.from('<script>alert(1)</script>') });
	await expect(checklist.item('subject-certificate').getByRole('alert')).toHaveText('无法将此文件作为照片打开。请重新拍照，或选择 JPG、PNG 图片。');
	await checklist.expectStatus('subject-certificate', 'empty');
	await expect(checklist.item('subject-certificate').locator('[data-sha256]')).toHaveCount(0);
});
