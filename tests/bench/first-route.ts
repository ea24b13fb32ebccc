/**
 * The JS and CSS bytes a browser really transfers before the home page is usable: the production
 * build served by the real server (precompressed per `Accept-Encoding`), opened in a fresh
 * Chromium profile, until the app marks `beian:home-ready` (`performance.mark` in
 * `src/routes/WorkspaceEditor.svelte`, placed where the local draft is shown and its field
 * accepts input). Read from Chromium's network log (CDP `Network` events): every script and
 * stylesheet request sent before the mark — dynamic imports included. Its bytes on the wire are
 * the `encodedDataLength` of its `loadingFinished` (compressed body plus response headers); the
 * headers are the `response.encodedDataLength` of its `responseReceived` (what had arrived when
 * the headers were parsed), and the body is the difference: the compressed JS and CSS the
 * ≤ 110 KB target is about, reported apart from the headers.
 * A request the page starts after the mark (a lazily loaded screen) does not count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { spawnOurServer } from '../support/server-process.ts';

export const HOME_READY_MARK = 'beian:home-ready';

export interface RouteFile {
	path: string;
	/** On the wire: body plus response headers. */
	bytes: number;
	/** The compressed body alone. */
	bodyBytes: number;
	encoding: string;
}

export interface RouteWeight {
	files: RouteFile[];
	/** On the wire (bodies plus response headers). */
	jsBytes: number;
	cssBytes: number;
	/** Of those bytes, the response headers (CDP `response.encodedDataLength` when the headers arrived). */
	headerBytes: number;
	/** The compressed bodies alone: what the ≤ 110 KB target counts. */
	jsBodyBytes: number;
	cssBodyBytes: number;
	/** Time from navigation start to the mark, ms (this machine, no throttling). */
	readyMs: number;
}

interface Request {
	url: string;
	kind: 'js' | 'css' | null;
	/** Wall time the request was sent, ms since the epoch. */
	sentAt: number;
	bytes: number | null;
	headerBytes: number;
	encoding: string;
}

export async function measureFirstRoute(buildDir: string): Promise<RouteWeight> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-first-route-'));
	const server = await spawnOurServer({ dataDir, env: { LOG_LEVEL: 'warn', STATIC_DIR: resolve(buildDir) } });
	const browser = await chromium.launch(chromiumLaunchOptions());
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		const requests = new Map<string, Request>();
		cdp.on('Network.requestWillBeSent', (e) => {
			const kind = e.type === 'Script' ? 'js' : e.type === 'Stylesheet' ? 'css' : /\.m?js(\?|$)/.test(e.request.url) ? 'js' : /\.css(\?|$)/.test(e.request.url) ? 'css' : null;
			requests.set(e.requestId, { url: e.request.url, kind, sentAt: e.wallTime * 1000, bytes: null, headerBytes: 0, encoding: '' });
		});
		cdp.on('Network.responseReceived', (e) => {
			const request = requests.get(e.requestId);
			if (!request) return;
			if (request.kind === null) request.kind = /javascript/.test(e.response.mimeType) ? 'js' : /css/.test(e.response.mimeType) ? 'css' : null;
			const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
			request.encoding = String(headers['content-encoding'] ?? 'identity');
			request.headerBytes = e.response.encodedDataLength;
		});
		cdp.on('Network.loadingFinished', (e) => {
			const request = requests.get(e.requestId);
			if (request) request.bytes = e.encodedDataLength;
		});
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		await page.goto(server.httpOrigin + '/');
		await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, HOME_READY_MARK, { timeout: 30_000 });
		const mark = await page.evaluate((name) => {
			const entry = performance.getEntriesByName(name)[0] as PerformanceEntry;
			return { at: performance.timeOrigin + entry.startTime, readyMs: entry.startTime };
		}, HOME_READY_MARK);
		const counted = () => [...requests.values()].filter((r) => r.kind !== null && r.sentAt <= mark.at);
		// Requests sent before the mark may still be arriving.
		const started = Date.now();
		while (counted().some((r) => r.bytes === null) && Date.now() - started < 10_000) await new Promise((done) => setTimeout(done, 50));
		const requested = counted();
		const files = requested.map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes ?? 0, bodyBytes: Math.max(0, (r.bytes ?? 0) - r.headerBytes), encoding: r.encoding, kind: r.kind }));
		const sum = (kind: 'js' | 'css', of: 'bytes' | 'bodyBytes') => files.filter((f) => f.kind === kind).reduce((n, f) => n + f[of], 0);
		return {
			files: files.map(({ path, bytes, bodyBytes, encoding }) => ({ path, bytes, bodyBytes, encoding })).sort((a, b) => a.path.localeCompare(b.path)),
			jsBytes: sum('js', 'bytes'),
			cssBytes: sum('css', 'bytes'),
			headerBytes: requested.reduce((n, r) => n + r.headerBytes, 0),
			jsBodyBytes: sum('js', 'bodyBytes'),
			cssBodyBytes: sum('css', 'bodyBytes'),
			readyMs: mark.readyMs
		};
	} finally {
		await browser.close();
		await server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
