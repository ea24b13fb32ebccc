import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';

test('an edit on one device appears on another, and one made while the server is down arrives after it restarts', async ({ browser, server }) => {
	const phone = await browser.newContext();
	const laptop = await browser.newContext();
	const ownerPage = await phone.newPage();
	const clerkPage = await laptop.newPage();
	const owner = new AccountPage(ownerPage);
	const clerk = new AccountPage(clerkPage);
	await owner.register(server.url, 'owner@example.com');
	await owner.bindSubject({ certificateNumber: '91330106673959654P', name: '深圳' });
	const link = await owner.invite(server.url, 'editor');
	await clerk.acceptInvite(link, 'clerk@example.com');

	const a = new StartPage(ownerPage);
	const b = new StartPage(clerkPage);
	await a.open(server.url);
	await b.open(server.url);
	await a.expectStatus('saved');
	await b.expectStatus('saved');

	await expect(a.subjectName()).toHaveValue('深圳');
	await a.typeName('协作');
	await expect(b.subjectName()).toHaveValue('深圳协作');
	await a.expectStatus('saved');

	await server.stop();
	await a.expectStatus('offline');
	await a.typeName('科技有限公司');
	await a.expectStatus('offline');
	await expect(b.subjectName()).toHaveValue('深圳协作');

	await server.start();
	await expect(b.subjectName()).toHaveValue('深圳协作科技有限公司', { timeout: 20_000 });
	await a.expectStatus('saved');
	await phone.close();
	await laptop.close();
});

test('a draft typed before sign-up moves into the new subject and reaches the server', async ({ browser, server }) => {
	const phone = await browser.newContext();
	const page = await phone.newPage();
	const start = new StartPage(page);
	await start.open(server.url);
	await start.expectStatus('offline');
	await start.typeName('杭州先填后注册有限公司');

	const account = new AccountPage(page);
	await account.register(server.url, 'late@example.com');
	await expect(page.getByLabel(/^主办单位名称$/)).toHaveValue('杭州先填后注册有限公司');
	await account.bindSubject({ certificateNumber: '91440300708461136T' });
	await expect(start.subjectName()).toHaveValue('杭州先填后注册有限公司');
	await start.expectStatus('saved');
	// The server-written facts doc arrives read-only.
	await expect(page.getByTestId('bound-at')).toContainText('该主体于');

	// Another device of the same account gets it from the server.
	const tablet = await browser.newContext();
	const other = new AccountPage(await tablet.newPage());
	await other.signIn(server.url, 'late@example.com');
	const second = new StartPage(other.page);
	await second.open(server.url);
	await expect(second.subjectName()).toHaveValue('杭州先填后注册有限公司');
	await phone.close();
	await tablet.close();
});

test('a removed collaborator is cut off at once and told why', async ({ browser, server }) => {
	const ownerContext = await browser.newContext();
	const clerkContext = await browser.newContext();
	const owner = new AccountPage(await ownerContext.newPage());
	const clerk = new AccountPage(await clerkContext.newPage());
	await owner.register(server.url, 'boss@example.com');
	await owner.bindSubject({ certificateNumber: '914403001922038216', name: '示例' });
	await clerk.acceptInvite(await owner.invite(server.url, 'editor'), 'temp@example.com');
	const clerkStart = new StartPage(clerk.page);
	await clerkStart.open(server.url);
	await clerkStart.expectStatus('saved');

	await owner.page.goto(server.url + '/members');
	await owner.page.getByRole('button', { name: /移除|Remove/ }).click();
	await clerkStart.expectStatus('refused');
	await expect(clerk.page.getByRole('alert')).toContainText('你已不是该主体的协作者');
	// Only the reason that applies: the badge no longer says "please sign in again" beside it.
	await expect(clerkStart.badge()).toHaveText('服务器拒绝了同步');
	await expect(clerk.page.getByText(/重新登录/)).toHaveCount(0);
	await ownerContext.close();
	await clerkContext.close();
});
