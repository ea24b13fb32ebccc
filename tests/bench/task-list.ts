/**
 * Time until an order's task list responds on a 4× throttled CPU: the production build served
 * by the real server, a fresh Chromium profile; a first-filing draft is started from the start
 * page (the checklist's start button), then each run loads `/orders/<id>` anew with
 * `Emulation.setCPUThrottlingRate` 4 and reads the app's `beian:task-list-ready` mark
 * (`performance.mark` in `src/routes/orders/[orderId]/+page.svelte`, set once the tasks are on
 * screen with their statuses and links), measured from the navigation's start. The service
 * worker is installed after the first visit, as on a phone that opened the app before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { spawnOurServer } from '../support/server-process.ts';
import { HOME_READY_MARK } from './first-route.ts';

export const TASK_LIST_READY_MARK = 'beian:task-list-ready';

export interface TaskListTiming {
	runs: number;
	/** Navigation start → mark, ms, each run. */
	timesMs: number[];
	medianMs: number;
	/** The page's own check that the throttle took: a fixed loop's time at 4× over at 1×. */
	slowdown: number;
}

export async function measureTaskList(buildDir: string, runs = 3): Promise<TaskListTiming> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-task-list-'));
	const server = await spawnOurServer({ dataDir, env: { LOG_LEVEL: 'warn', STATIC_DIR: resolve(buildDir) } });
	const browser = await chromium.launch(chromiumLaunchOptions());
	try {
		const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
		const page = await context.newPage();
		await page.goto(server.httpOrigin + '/');
		await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, HOME_READY_MARK, { timeout: 30_000 });
		await page.getByRole('button', { name: '开始首次备案的材料清单' }).click();
		await page.waitForURL(/\/orders\/[^/]+\/documents$/, { timeout: 30_000 });
		const orderId = new URL(page.url()).pathname.split('/')[2] ?? '';
		if (!orderId) throw new Error('no order id in ' + page.url());
		const cdp = await context.newCDPSession(page);
		const loop = () =>
			page.evaluate(() => {
				const start = performance.now();
				let x = 0;
				for (let i = 0; i < 5_000_000; i++) x = (x + i * 7) % 1_000_003;
				return performance.now() - start + (x < 0 ? 1 : 0);
			});
		const plain = await loop();
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const timesMs: number[] = [];
		for (let i = 0; i < runs; i++) {
			await page.goto(`${server.httpOrigin}/orders/${encodeURIComponent(orderId)}`);
			await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, TASK_LIST_READY_MARK, { timeout: 60_000 });
			timesMs.push(await page.evaluate((name) => (performance.getEntriesByName(name)[0] as PerformanceEntry).startTime, TASK_LIST_READY_MARK));
		}
		const slowdown = (await loop()) / plain;
		const sorted = [...timesMs].sort((a, b) => a - b);
		return { runs, timesMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, slowdown };
	} finally {
		await browser.close();
		await server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
