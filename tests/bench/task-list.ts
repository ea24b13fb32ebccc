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
import { CgroupThrottle, chromiumWorkers } from './cpu-throttle.ts';
import { HOME_READY_MARK } from './first-route.ts';

export const TASK_LIST_READY_MARK = 'beian:task-list-ready';

export interface TaskListTiming {
	runs: number;
	/** Navigation start → mark, ms, each run. */
	timesMs: number[];
	medianMs: number;
	/** The page's own check that the throttle took: a fixed loop's time at 4× over at 1×. */
	slowdown: number;
	/** 'cgroup', or DevTools and why the cgroup throttle could not be had. */
	throttle: string;
}

export async function measureTaskList(buildDir: string, runs = 3): Promise<TaskListTiming> {
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
				for (let i = 0; i < 5_000_000; i++) x = (x + i * 7) % 1_000_003;
				return performance.now() - start + (x < 0 ? 1 : 0);
			});
		const plain = await loop();
		// The cgroup quota slows every renderer thread (and the GPU process); DevTools only the page's main thread.
		const cgroup = CgroupThrottle.apply(chromiumWorkers(marker), 4);
		let how = 'cgroup';
		if (cgroup instanceof CgroupThrottle) throttle = cgroup;
		else {
			how = `DevTools (${cgroup})`;
			await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
		}
		const timesMs: number[] = [];
		for (let i = 0; i < runs; i++) {
			throttle?.adopt(chromiumWorkers(marker));
			await page.goto(`${server.httpOrigin}/orders/${encodeURIComponent(orderId)}`);
			await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, TASK_LIST_READY_MARK, { timeout: 60_000 });
			timesMs.push(await page.evaluate((name) => (performance.getEntriesByName(name)[0] as PerformanceEntry).startTime, TASK_LIST_READY_MARK));
		}
		throttle?.adopt(chromiumWorkers(marker));
		const slowdown = (await loop()) / plain;
		const sorted = [...timesMs].sort((a, b) => a - b);
		return { runs, timesMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, slowdown, throttle: how };
	} finally {
		throttle?.release();
		await browser.close();
		await server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
