/**
 * Time until an order's task list responds on a 4× throttled CPU: the production build served
 * by the real server, a fresh Chromium profile; a first-filing draft is started from the start
 * page (the checklist's start button), then each run loads `/orders/<id>` anew at 4× (a cgroup
 * CPU quota on the renderer and GPU processes, `cpu-throttle.ts`) and reads the app's `beian:task-list-ready` mark
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
import { CgroupThrottle } from './cpu-throttle.ts';
import { HOME_READY_MARK } from './first-route.ts';

export const TASK_LIST_READY_MARK = 'beian:task-list-ready';

export interface TaskListTiming {
	runs: number;
	/** Navigation start → mark, ms, each run. */
	timesMs: number[];
	medianMs: number;
	/** The page's own check that the throttle took: a fixed loop's time at 4× over at 1×. */
	slowdown: number;
	/** Which throttle ran (and, for DevTools in cgroup mode, why the cgroup one could not be had). */
	throttle: string;
}

/**
 * `mode` 'cgroup': every renderer and GPU thread at 1/4 of a core (`cpu-throttle.ts`), as a
 * slower phone; 'devtools': DevTools' 4× on the page's main thread only, Lighthouse's definition.
 */
export async function measureTaskList(buildDir: string, runs = 3, mode: 'cgroup' | 'devtools' = 'cgroup'): Promise<TaskListTiming> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-task-list-'));
	const server = await spawnOurServer({ dataDir, env: { LOG_LEVEL: 'warn', STATIC_DIR: resolve(buildDir) } });
	const launch = chromiumLaunchOptions();
	const marker = `--beian-bench-marker=${process.pid}-${Date.now()}`;
	const browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), marker] });
	let throttle: CgroupThrottle | null = null;
	try {
		const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
		const page = await context.newPage();
		await page.goto(server.httpOrigin + '/');
		await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, HOME_READY_MARK, { timeout: 30_000 });
		await page.getByRole('button', { name: '开始首次备案的材料清单' }).click();
		await page.waitForURL(/\/orders\/[^/]+\/documents$/, { timeout: 30_000 });
		const orderId = new URL(page.url()).pathname.split('/')[2] ?? '';
		if (!orderId) throw new Error('no order id in ' + page.url());
		const loop = () =>
			page.evaluate(() => {
				const start = performance.now();
				let x = 0;
				for (let i = 0; i < 30_000_000; i++) x = (x + i * 7) % 1_000_003;
				return performance.now() - start + (x < 0 ? 1 : 0);
			});
		// The quickest of three, on a page that has finished its own start-up work, against the quickest of two after.
		const quickest = async (n: number) => Math.min(...(await Array.fromAsync({ length: n }, () => loop())));
		await page.waitForTimeout(1_000);
		const plain = await quickest(3);
		const cgroup = mode === 'cgroup' ? CgroupThrottle.apply(marker, 4) : 'DevTools asked for';
		let how = 'cgroup, per thread';
		// DevTools' throttle does not survive a navigation that changes renderer: it is sent again before each.
		const devTools = async () => (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
		if (cgroup instanceof CgroupThrottle) throttle = cgroup;
		else how = mode === 'cgroup' ? `DevTools, main thread (${cgroup})` : 'DevTools, main thread';
		const timesMs: number[] = [];
		for (let i = 0; i < runs; i++) {
			if (!throttle) await devTools();
			await page.goto(`${server.httpOrigin}/orders/${encodeURIComponent(orderId)}`);
			await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, TASK_LIST_READY_MARK, { timeout: 60_000 });
			timesMs.push(await page.evaluate((name) => (performance.getEntriesByName(name)[0] as PerformanceEntry).startTime, TASK_LIST_READY_MARK));
		}
		if (!throttle) await devTools();
		await page.waitForTimeout(1_000);
		const slowdown = (await quickest(2)) / plain;
		const sorted = [...timesMs].sort((a, b) => a - b);
		return { runs, timesMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, slowdown, throttle: how };
	} finally {
		throttle?.release();
		await browser.close();
		await server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
