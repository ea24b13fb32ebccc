import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/start-page.ts';

const BUILD = resolve(import.meta.dirname, '..', '..', 'build');

test('the page is served with a CSP that blocks an injected inline script, and the guard reports it', async ({ page, server, csp }) => {
	const response = await page.goto(server.url + '/');
	const policy = response?.headers()['content-security-policy'] ?? '';
	expect(policy).toContain("frame-ancestors 'none'");
	expect(policy).toMatch(/script-src 'self' 'sha256-/);
	await expect(new StartPage(page).subjectName()).toBeVisible();
	expect(csp.take()).toEqual([]);

	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.injected = true;';
		document.head.append(script);
	});
	// Both channels report it: the page's securitypolicyviolation event and Chromium's console error.
	const seen: string[] = [];
	await expect.poll(() => (seen.push(...csp.take()), seen.join('\n'))).toMatch(/script-src-elem blocked inline[\s\S]*console:|console:[\s\S]*script-src-elem blocked inline/);
	expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
});

test('assets travel brotli-compressed and the service worker caches their decoded bytes', async ({ page, server }) => {
	const start = new StartPage(page);
	await start.open(server.url);
	const entries = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => e as PerformanceResourceTiming)
			.filter((e) => e.name.includes('/_app/immutable/') && e.name.endsWith('.js') && e.decodedBodySize > 1024)
			.map((e) => ({ name: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))
	);
	expect(entries.length).toBeGreaterThan(3);
	for (const entry of entries) expect(entry.encoded, entry.name).toBeLessThan(entry.decoded);

	await start.waitForServiceWorker();
	const asset = entries[0]?.name as string;
	const cached = await page.evaluate(async (path) => {
		const response = await caches.match(path);
		return response ? await response.text() : null;
	}, asset);
	expect(cached).toBe(readFileSync(resolve(BUILD, '.' + asset), 'utf8'));
});
