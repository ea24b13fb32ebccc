import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { ApplyPages } from './pages/apply-pages.ts';
import { StartPage } from './pages/start-page.ts';

// Every route the app has, found from src/routes, so a new route cannot be left out.
const ROUTES_DIR = resolve(import.meta.dirname, '..', '..', 'src', 'routes');
const ROUTES = readdirSync(ROUTES_DIR, { recursive: true, encoding: 'utf8' })
	.filter((file) => /\+page(@[^/\\]*)?\.svelte$/.test(file))
	.map((file) => '/' + file.replace(/\\/g, '/').replace(/\/?\+page(@[^/]*)?\.svelte$/, ''))
	.sort();

/** What shows that each route rendered (not a white page). */
const LANDMARKS: Record<string, RegExp> = {
	'/': /^主办单位$/,
	'/account': /^我的账号$/,
	'/account/subject': /^绑定备案主体$/,
	'/account/forgot': /^忘记密码$/,
	'/account/reset': /^设置新密码$/,
	'/join': /^加入协作$/,
	'/members': /^协作者$/,
	'/orders/[orderId]/print': /^打印材料$/,
	'/orders/[orderId]/print/authorization': /^授权书$/,
	'/orders/[orderId]/print/commitment': /^网站备案信息真实性承诺书$/,
	'/orders/[orderId]/print/verification': /^网站备案信息核验单$/,
	'/filing-type': /^先确定备案类型$/,
	'/orders/[orderId]': /^备案申请$/,
	'/orders/[orderId]/check': /^检查并发送$/,
	'/orders/[orderId]/documents': /^所需材料$/,
	'/orders/[orderId]/subject': /^主办单位信息$/,
	'/orders/[orderId]/websites/[websiteId]': /^网站信息$/,
	'/orders/[orderId]/websites/[websiteId]/access': /^接入信息$/,
	'/cancel': /^注销备案或取消接入$/,
	'/cancel/[draftId]': /^注销备案或取消接入$/,
	'/change': /^变更备案信息$/,
	'/change/[draftId]': /^变更备案信息$/,
	'/orders/[orderId]/status': /^订单状态$/,
	'/requests': /^账号申请$/,
	'/requests/[draftId]': /^账号申请$/,
	'/registry': /^备案信息公开查询$/,
	'/inbox': /^消息$/,
	// An applicant is no reviewer: the desk asks for a reviewer sign-in online, and says it needs a connection offline.
	'/review': /^(审核员登录|审核台)$/,
	'/review/orders/[orderId]': /^(审核员登录|审核台)$/,
	'/review/requests': /^(审核员登录|审核台)$/
};

/** The ids the parameterised routes are reloaded with (an order drafted in the test). */
const params: Record<string, string> = {};
const concrete = (route: string) => route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? name));

/** Console errors and page errors; offline, the failed requests to the server are expected. */
function watchErrors(page: Page): { errors: string[]; offline: boolean } {
	const state = { errors: [] as string[], offline: false };
	page.on('pageerror', (error) => state.errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const text = message.text();
		const networkFailure = /net::ERR_INTERNET_DISCONNECTED|net::ERR_CONNECTION_REFUSED|WebSocket connection to .* failed|Failed to load resource/.test(text);
		if (!(state.offline && networkFailure)) state.errors.push(`${text} (${message.location().url})`);
	});
	return state;
}

async function reloadEvery(page: Page, baseUrl: string, errors: string[]): Promise<void> {
	for (const route of ROUTES) {
		await page.goto(baseUrl + concrete(route));
		await page.reload();
		// A printable page repeats its title on each sheet: the first is the page's own heading.
		await expect(page.getByRole('heading', { name: LANDMARKS[route] }).first(), route).toBeVisible();
		expect(errors, `console errors after reloading ${route}`).toEqual([]);
	}
}

test('every route reloads to a working page, online and offline, at every depth', async ({ page, context, server }) => {
	// Every route twice (online, offline), the printable pages included.
	test.setTimeout(240_000);
	expect(Object.keys(LANDMARKS).sort()).toEqual(ROUTES);
	const account = new AccountPage(page);
	await account.register(server.url, 'reload@example.com');
	await expect(page).toHaveURL(/\/account\/subject$/);
	// From here on (signed in) no request may fail while online.
	const watched = watchErrors(page);
	await page.reload();
	await expect(page.getByRole('heading', { name: LANDMARKS['/account/subject'] })).toBeVisible();
	await new StartPage(page).waitForServiceWorker();
	// An application to reload: drafted through the filing-type page (first filing, one website).
	const apply = new ApplyPages(page);
	await apply.settleType(server.url, [false]);
	params.orderId = await apply.startApplication();
	params.websiteId = (await apply.websiteIds())[0] ?? 'missing';

	await reloadEvery(page, server.url, watched.errors);

	// Marked first: the open page may ask the server something while it stops.
	watched.offline = true;
	await server.stop();
	await context.setOffline(true);
	await reloadEvery(page, server.url, watched.errors);
});
