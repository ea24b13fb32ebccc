import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';
import { RequestsPage } from './pages/track-pages.ts';

const SHOTS = 'tests/.output/track';

test('account requests: drafts stay on the device through reloads online and offline, and the import password is never stored', async ({ page, context, server }) => {
	test.setTimeout(120_000);
	const account = new AccountPage(page);
	await account.register(server.url, 'requests@example.com');
	await expect(page).toHaveURL(/\/account\/subject$/);
	await new StartPage(page).waitForServiceWorker();

	const requests = new RequestsPage(page);
	await requests.open(server.url);
	await expectNoSeriousAxeViolations(page, '/requests');

	// Claim: typed, reloaded, still there; the check names the missing domain and the documents.
	await requests.start('claim');
	const claimUrl = page.url();
	await requests.check();
	await expect(page.getByTestId('error-summary')).toBeFocused();
	await expect(page.getByTestId('error-summary').getByRole('link').first()).toBeVisible();
	await requests.field(/^域名$/).fill('old-site.cn');
	await requests.field(/^备案号（如知道）$/).fill('浙ICP备05001234号');
	await expect(page.locator('[data-owner="account-request"] li[data-kind]')).toHaveCount(2);
	await expectNoSeriousAxeViolations(page, '/requests/[draftId]');
	await page.screenshot({ path: `${SHOTS}/request-claim.png`, fullPage: true });
	await page.reload();
	await expect(requests.field(/^域名$/)).toHaveValue('old-site.cn');

	// Legacy import: the password is in the form only, never in IndexedDB, gone after a reload.
	await requests.open(server.url);
	await requests.start('legacy-import');
	await requests.field(/^万网登录名$/).fill('hichina-login');
	await requests.field(/^万网密码$/).fill('s3cret-legacy-pass');
	await expect(page.getByRole('button', { name: '导入' })).toBeEnabled();
	const stored = await page.evaluate(async () => {
		const open = indexedDB.open('beian');
		const db = await new Promise<IDBDatabase>((done, fail) => {
			open.onsuccess = () => done(open.result);
			open.onerror = () => fail(open.error);
		});
		const rows = await new Promise<unknown[]>((done) => {
			const request = db.transaction('localDrafts').objectStore('localDrafts').getAll();
			request.onsuccess = () => done(request.result);
		});
		db.close();
		return JSON.stringify(rows);
	});
	expect(stored).toContain('hichina-login');
	expect(stored).not.toContain('s3cret-legacy-pass');
	await page.reload();
	await expect(requests.field(/^万网登录名$/)).toHaveValue('hichina-login');
	await expect(requests.field(/^万网密码$/)).toHaveValue('');

	// Offline (server stopped too): the list and the drafts reload from the device.
	await server.stop();
	await context.setOffline(true);
	await page.goto(claimUrl);
	await expect(requests.field(/^域名$/)).toHaveValue('old-site.cn');
	await expect(requests.sendButton()).toBeVisible();
	await requests.open(server.url);
	await expect(page.getByTestId('request-drafts').getByRole('link')).toHaveCount(2);
	await expectNoSeriousAxeViolations(page, '/requests offline');
	await page.screenshot({ path: `${SHOTS}/requests-offline.png`, fullPage: true });
});
