import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/start-page.ts';

test('an edit on one device appears on another, and one made while the server is down arrives after it restarts', async ({ browser, server }) => {
	const phone = await browser.newContext();
	const laptop = await browser.newContext();
	const a = new StartPage(await phone.newPage());
	const b = new StartPage(await laptop.newPage());
	await a.open(server.url);
	await b.open(server.url);
	await a.expectStatus('saved');
	await b.expectStatus('saved');

	await a.typeName('深圳协作');
	await expect(b.subjectName()).toHaveValue('深圳协作');
	await a.expectStatus('saved');

	await server.stop();
	await a.expectStatus('offline');
	await a.subjectName().press('End');
	await a.subjectName().pressSequentially('科技有限公司');
	await a.expectStatus('offline');
	await expect(b.subjectName()).toHaveValue('深圳协作');

	await server.start();
	await expect(b.subjectName()).toHaveValue('深圳协作科技有限公司', { timeout: 20_000 });
	await a.expectStatus('saved');
	await phone.close();
	await laptop.close();
});
