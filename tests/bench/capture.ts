/**
 * The capture pipeline on a 12 MP camera JPEG (4032 × 3024, drawn in the page) in Chromium at
 * 4× CPU throttling, through the real worker on the harness page the real server serves.
 * The throttle is a cgroup CPU quota on every thread of the browser's renderer and GPU
 * processes (`cpu-throttle.ts`): page, worker and decoder threads slow down alike. Where that cannot be
 * had, DevTools' `Emulation.setCPUThrottlingRate` is sent to the page and the worker target —
 * Chromium 156 refuses the worker ("Operation is only supported for pages, not workers"), and
 * the refusal is printed. A fixed integer loop timed in the page and in the worker before and
 * after shows how much the throttle took effect in both, so an unthrottled worker time is never
 * passed off as a 4× one. Reports the median of `runs` pipeline runs (time inside the worker,
 * decode to bytes), the longest main-thread task seen during them (PerformanceObserver
 * 'longtask'; 0 when none reached 50 ms), and the output size.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { TWELVE_MP } from '../support/capture-fixtures.ts';
import { startCaptureHarness } from '../support/capture-harness/build.ts';
import '../support/capture-harness/window.d.ts';
import { freePort } from '../support/server-process.ts';
import { CgroupThrottle } from './cpu-throttle.ts';

export interface CaptureFigures {
	runs: number;
	medianMs: number;
	medianWallMs: number;
	longestTaskMs: number;
	outputBytes: number;
	/** Median time of each stage in the worker, and the encodes the quality search made (in the median run). */
	stages: { decodeMs: number; resizeMs: number; measureMs: number; encodeMs: number; encodes: number };
	width: number;
	height: number;
	pageSlowdown: number;
	workerSlowdown: number;
	/** 'applied', or why not (the CDP error). */
	workerThrottle: string;
}

const LOOP = 30_000_000;
const RATE = 4;

/** A minimal flat-session CDP client over the browser's WebSocket endpoint. */
class Cdp {
	#socket: WebSocket;
	#next = 1;
	#pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
	readonly events: { method: string; params: Record<string, unknown>; sessionId?: string }[] = [];
	#listeners: ((event: { method: string; params: Record<string, unknown>; sessionId?: string }) => void)[] = [];

	private constructor(socket: WebSocket) {
		this.#socket = socket;
		socket.addEventListener('message', (message) => {
			const data = JSON.parse(String(message.data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
			if (data.id !== undefined) {
				const waiter = this.#pending.get(data.id);
				this.#pending.delete(data.id);
				if (data.error) waiter?.reject(new Error(data.error.message));
				else waiter?.resolve(data.result ?? {});
			} else if (data.method) {
				const event = { method: data.method, params: data.params ?? {}, ...(data.sessionId ? { sessionId: data.sessionId } : {}) };
				this.events.push(event);
				for (const listener of this.#listeners) listener(event);
			}
		});
	}

	static async connect(port: number): Promise<Cdp> {
		const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
		const socket = new WebSocket(version.webSocketDebuggerUrl);
		await new Promise((resolve, reject) => {
			socket.addEventListener('open', resolve, { once: true });
			socket.addEventListener('error', reject, { once: true });
		});
		return new Cdp(socket);
	}

	send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
		});
	}

	onEvent(listener: (event: { method: string; params: Record<string, unknown>; sessionId?: string }) => void): void {
		this.#listeners.push(listener);
		for (const event of this.events) listener(event);
	}

	close(): void {
		this.#socket.close();
	}
}

/**
 * DevTools' throttle, used only when the cgroup one cannot be applied: the page target at 4×,
 * then the worker target, which Chromium 156 refuses (the refusal is returned, not hidden).
 */
async function devToolsThrottle(port: number, url: string, keep: (cdp: Cdp) => void, why: string): Promise<string> {
	const cdp = await Cdp.connect(port);
	keep(cdp);
	const targets = (await cdp.send('Target.getTargets')).targetInfos as { targetId: string; type: string; url: string }[];
	const pageTarget = targets.find((t) => t.type === 'page' && t.url.startsWith(url));
	if (!pageTarget) throw new Error('harness page target not found');
	const pageSession = (await cdp.send('Target.attachToTarget', { targetId: pageTarget.targetId, flatten: true })).sessionId as string;
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE }, pageSession);
	const workerSession = new Promise<string>((resolve) => {
		cdp.onEvent((event) => {
			const info = event.params.targetInfo as { type?: string } | undefined;
			if (event.method === 'Target.attachedToTarget' && info?.type === 'worker') resolve(event.params.sessionId as string);
		});
	});
	await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, pageSession);
	const session = await Promise.race([workerSession, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
	let outcome = session ? 'applied (DevTools)' : 'no worker target attached';
	if (session) await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE }, session).catch((error: Error) => (outcome = `refused: ${error.message}`));
	return `${outcome}; cgroup throttle unavailable: ${why}`;
}

export async function measureCapture(runs = 3): Promise<CaptureFigures> {
	const harness = await startCaptureHarness();
	const port = await freePort();
	const launch = chromiumLaunchOptions();
	const browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), `--remote-debugging-port=${port}`] });
	let cdp: Cdp | null = null;
	let throttle: CgroupThrottle | null = null;
	try {
		const page = await browser.newPage();
		await page.goto(harness.url);
		await page.waitForSelector('body[data-ready="true"]');
		const { index } = await page.evaluate((spec) => window.__capture.draw(spec), TWELVE_MP);
		await page.evaluate((i) => window.__capture.runDrawn(i), index); // starts the worker, warms the JIT
		const before = { page: await page.evaluate((n) => window.__capture.pageLoop(n), LOOP), worker: await page.evaluate((n) => window.__capture.workerLoop(n), LOOP) };

		// The real throttle (page, worker and decoder threads alike); DevTools only where it cannot be had.
		const cgroup = CgroupThrottle.apply(`--remote-debugging-port=${port}`, RATE);
		let workerThrottle: string;
		if (cgroup instanceof CgroupThrottle) {
			throttle = cgroup;
			workerThrottle = `applied (cgroup cpu quota 1/${RATE} core per thread, ${cgroup.threads} threads of ${cgroup.pids.length} renderer/GPU/zygote processes)`;
		} else {
			workerThrottle = await devToolsThrottle(port, harness.url, (c) => (cdp = c), cgroup);
		}
		const after = { page: await page.evaluate((n) => window.__capture.pageLoop(n), LOOP), worker: await page.evaluate((n) => window.__capture.workerLoop(n), LOOP) };

		const samples: { ms: number; wall: number; task: number; size: number; width: number; height: number; timings: Record<string, number>; encodes: number }[] = [];
		for (let i = 0; i < runs; i++) {
			await page.evaluate(() => window.__capture.resetLongestTask());
			const summary = await page.evaluate((n) => window.__capture.runDrawn(n), index);
			if (!summary.ok) throw new Error(`pipeline failed: ${summary.error}`);
			// Long-task entries are delivered after the task; give the observer a frame.
			await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
			samples.push({ ms: summary.timings?.totalMs ?? Number.NaN, wall: summary.mainThreadMs, task: await page.evaluate(() => window.__capture.longestTask()), size: summary.size ?? 0, width: summary.width ?? 0, height: summary.height ?? 0, timings: { ...summary.timings }, encodes: summary.encodes ?? 0 });
		}
		const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
		const last = samples.at(-1)!;
		return {
			runs,
			medianMs: median(samples.map((s) => s.ms)),
			medianWallMs: median(samples.map((s) => s.wall)),
			longestTaskMs: Math.max(...samples.map((s) => s.task)),
			outputBytes: median(samples.map((s) => s.size)),
			stages: {
				decodeMs: median(samples.map((s) => s.timings.decodeMs ?? Number.NaN)),
				resizeMs: median(samples.map((s) => s.timings.resizeMs ?? Number.NaN)),
				measureMs: median(samples.map((s) => s.timings.measureMs ?? Number.NaN)),
				encodeMs: median(samples.map((s) => s.timings.encodeMs ?? Number.NaN)),
				encodes: samples.toSorted((a, b) => a.ms - b.ms)[Math.floor(samples.length / 2)]?.encodes ?? 0
			},
			width: last.width,
			height: last.height,
			pageSlowdown: after.page / before.page,
			workerSlowdown: after.worker / before.worker,
			workerThrottle
		};
	} finally {
		throttle?.release();
		(cdp as Cdp | null)?.close();
		await browser.close();
		await harness.stop();
	}
}

if (import.meta.main) {
	const f = await measureCapture();
	console.log(f);
}
