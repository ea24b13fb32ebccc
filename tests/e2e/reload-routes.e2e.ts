import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';

// Every route the app has, found from src/routes, so a new route cannot be left out.
const ROUTES_DIR = resolve(import.meta.dirname, '..', '..', 'src', 'routes');
const ROUTES = readdirSync(ROUTES_DIR, { recursive: true, encoding: 'utf8' })
	.filter((file) => file.endsWith('+page.svelte'))
	.map((file) => '/' + file.replace(/\\/g, '/').replace(/\/?\+page\.svelte$/, ''))
	.sort();

/** What shows that each route rendered (not a white page). */
const LANDMARKS: Record<string, RegExp> = {
	'/': /^主办单位$/,
	'/account': /^我的账号$/,
	'/account/subject': /^绑定备案主体$/,
	'/join': /^加入协作$/,
	'/members': /^协作者$/,
	// Reloaded with the literal `[orderId]`: an order this device does not have still renders the page (and says so).
	'/orders/[orderId]/documents': /^所需材料$/
};

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
		await page.goto(baseUrl + route);
		await page.reload();
		await expect(page.getByRole('heading', { name: LANDMARKS[route] }), route).toBeVisible();
		expect(errors, `console errors after reloading ${route}`).toEqual([]);
	}
}

test('every route reloads to a working page, online and offline, at every depth', async ({ page, context, server }) => {
	expect(Object.keys(LANDMARKS).sort()).toEqual(ROUTES);
	const account = new AccountPage(page);
	await account.register(server.url, 'reload@example.com');
	await expect(page).toHaveURL(/\/account\/subject$/);
	// From here on (signed in) no request may fail while online.
	const watched = watchErrors(page);
	await page.reload();
	await expect(page.getByRole('heading', { name: LANDMARKS['/account/subject'] })).toBeVisible();
	await new StartPage(page).waitForServiceWorker();

	await reloadEvery(page, server.url, watched.errors);

	// Marked first: the open page may ask the server something while it stops.
	watched.offline = true;
	await server.stop();
	await context.setOffline(true);
	await reloadEvery(page, server.url, watched.errors);
});
