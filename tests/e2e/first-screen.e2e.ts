/**
 * The start page's first screen comes before Dexie (tests/bench/first-route.ts counts its bytes):
 * the stored draft is read with the bare IndexedDB API and can be edited at once. These journeys
 * hold back every script that carries Dexie, so the first screen is all there is, and check that
 * what it shows is the stored draft and that nothing typed on it is lost — once Dexie arrives,
 * and when the page is reloaded before it ever did.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';

// Requests a service worker answers never reach `page.route`: let the network serve every script.
test.use({ serviceWorkers: 'block' });

const IMMUTABLE = resolve(import.meta.dirname, '..', '..', 'build', '_app', 'immutable');

/** The built scripts that carry Dexie (read from the build, so the others are never intercepted). */
function dexieScripts(): Set<string> {
	const paths = new Set<string>();
	for (const dir of ['chunks', 'nodes', 'entry']) {
		for (const name of readdirSync(resolve(IMMUTABLE, dir))) {
			if (name.endsWith('.js') && /DatabaseClosedError|DexieYProvider/.test(readFileSync(resolve(IMMUTABLE, dir, name), 'utf8'))) paths.add(`/_app/immutable/${dir}/${name}`);
		}
	}
	if (paths.size === 0) throw new Error('no built script carries Dexie: is the build current?');
	return paths;
}

/**
 * Holds back each script that carries Dexie until `release()`; every other request goes to the
 * network untouched (fetching them all through the route stalled the page for seconds).
 */
async function holdDexie(page: Page): Promise<{ release: () => void; held: () => number }> {
	let release = () => undefined as void;
	const released = new Promise<void>((done) => (release = done));
	let held = 0;
	const scripts = dexieScripts();
	await page.route(
		(url) => scripts.has(url.pathname),
		async (route) => {
			held += 1;
			await released;
			await route.continue().catch(() => undefined);
		}
	);
	return { release: () => release(), held: () => held };
}

async function signedInWithName(page: Page, url: string, email: string): Promise<StartPage> {
	const account = new AccountPage(page);
	await account.register(url, email);
	await account.bindSubject({ subjectType: 'individual', certificateType: 'resident-id-card', certificateNumber: '11010519491231002X', name: '张三' });
	const start = new StartPage(page);
	await start.open(url);
	await start.expectStatus('saved');
	return start;
}

async function homeReady(page: Page): Promise<boolean> {
	return page.evaluate(() => performance.getEntriesByName('beian:home-ready').length > 0);
}

test('the first screen shows the stored draft before Dexie loads, and what is typed there is saved once it has', async ({ page, server }) => {
	const start = await signedInWithName(page, server.url, 'first-screen@example.com');
	const dexie = await holdDexie(page);
	await page.reload();
	await expect(start.subjectName()).toHaveValue('张三');
	await expect.poll(() => homeReady(page)).toBe(true);
	await start.typeName('丰');
	await expect(start.subjectName()).toHaveValue('张三丰');
	// Still the first screen: Dexie was asked for and is held, so no workspace session is open.
	await expect.poll(() => dexie.held()).toBeGreaterThan(0);
	await expect(start.badge()).toHaveCount(0);

	dexie.release();
	await start.expectStatus('saved');
	await expect(start.subjectName()).toHaveValue('张三丰');
	await page.unrouteAll({ behavior: 'ignoreErrors' });

	// On the server: a second device signed in to the same account sees the edit.
	const other = await page.context().browser()?.newContext({ serviceWorkers: 'block' });
	if (!other) throw new Error('no browser');
	const second = await other.newPage();
	await new AccountPage(second).signIn(server.url, 'first-screen@example.com');
	const secondStart = new StartPage(second);
	await secondStart.open(server.url);
	await expect(secondStart.subjectName()).toHaveValue('张三丰');
	await other.close();
});

test('an edit typed on the first screen survives a reload that came before Dexie ever loaded', async ({ page, server }) => {
	const start = await signedInWithName(page, server.url, 'first-screen-reload@example.com');
	const dexie = await holdDexie(page);
	await page.reload();
	await expect(start.subjectName()).toHaveValue('张三');
	await start.typeName('丰');
	await expect.poll(() => dexie.held()).toBeGreaterThan(0);
	await page.unrouteAll({ behavior: 'ignoreErrors' });

	await page.reload();
	// The held scripts were never delivered to the page that took the edit.
	dexie.release();
	await expect(start.subjectName()).toHaveValue('张三丰');
	await start.expectStatus('saved');
	await page.reload();
	await expect(start.subjectName()).toHaveValue('张三丰');
});

test('a device with no account opens its local draft from the first screen, empty the first time', async ({ page, server }) => {
	const start = new StartPage(page);
	await start.open(server.url);
	await expect(start.subjectName()).toHaveValue('');
	await start.typeName('示例公司');
	await start.expectStatus('offline');
	const dexie = await holdDexie(page);
	await page.reload();
	await expect(start.subjectName()).toHaveValue('示例公司');
	await expect.poll(() => dexie.held()).toBeGreaterThan(0);
	dexie.release();
	await start.expectStatus('offline');
	await expect(start.subjectName()).toHaveValue('示例公司');
});
