import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/start-page.ts';

// The server serves a copy of the build, so the test can publish a "new version" of the
// service worker without rebuilding.
const staticDir = mkdtempSync(join(tmpdir(), 'beian-static-'));
cpSync(resolve(import.meta.dirname, '..', '..', 'build'), staticDir, { recursive: true });
test.use({ serverEnv: { STATIC_DIR: staticDir } });
test.afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

test('a new version is announced and waits: the page reloads only when the person clicks Reload', async ({ page, server }) => {
	const start = new StartPage(page);
	await start.open(server.url);
	await start.waitForServiceWorker();
	await start.typeName('未保存的输入');
	await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still here'));

	const worker = join(staticDir, 'service-worker.js');
	writeFileSync(worker, readFileSync(worker, 'utf8') + '\n// next version\n');
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

	const prompt = page.getByRole('alert').filter({ hasText: '备案助手有新版本' });
	await expect(prompt).toBeVisible();
	await page.waitForTimeout(1000);
	expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still here');
	await expect(start.subjectName()).toHaveValue('未保存的输入');

	await prompt.getByRole('button', { name: '重新加载' }).click();
	await page.waitForFunction(() => (window as unknown as { marker?: string }).marker === undefined);
	await expect(start.subjectName()).toHaveValue('未保存的输入');
	await expect(prompt).toBeHidden();
});
