/**
 * Lighthouse performance (mobile, simulated slow 4G and 4× CPU slowdown — Lighthouse's default
 * mobile settings) of the production build served by the real server, for the routes a new
 * applicant sees first. Chromium is `CHROME_PATH`, else the e2e tests' choice (Debian's
 * `/usr/bin/chromium`). Each route is measured `runs` times from a cold, storage-reset load; the
 * run with the median score is reported. Lighthouse simulates the network but scales the
 * CPU work it observed on this machine, so a busy host lowers the score: the table prints its
 * benchmark index and the load average next to the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from '@playwright/test';
import { chromiumExecutable, chromiumLaunchOptions } from '../e2e/chromium.ts';
import { freePort, spawnOurServer } from '../support/server-process.ts';

export const LIGHTHOUSE_ROUTES = ['/', '/account', '/account/subject'] as const;

export interface LighthouseFigure {
	route: string;
	score: number;
	lcpMs: number;
	fcpMs: number;
	tbtMs: number;
	transferBytes: number;
	/** Lighthouse's host CPU index (a quiet desktop is ~1000–2500): simulated timings scale with it. */
	benchmarkIndex: number;
}

export async function measureLighthouse(buildDir: string, runs = 3): Promise<LighthouseFigure[]> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-lighthouse-'));
	const server = await spawnOurServer({ dataDir, env: { LOG_LEVEL: 'warn', STATIC_DIR: resolve(buildDir) } });
	const port = await freePort();
	const launch = chromiumLaunchOptions();
	const browser = await chromium.launch({
		...launch,
		executablePath: process.env.CHROME_PATH ?? chromiumExecutable(),
		args: [...(launch.args ?? []), `--remote-debugging-port=${port}`]
	});
	try {
		const figures: LighthouseFigure[] = [];
		for (const route of LIGHTHOUSE_ROUTES) {
			const samples: LighthouseFigure[] = [];
			for (let i = 0; i < runs; i++) samples.push(await once(`${server.httpOrigin}${route}`, route, port));
			samples.sort((a, b) => a.score - b.score || b.lcpMs - a.lcpMs);
			figures.push(samples[Math.floor(samples.length / 2)] as LighthouseFigure);
		}
		return figures;
	} finally {
		await browser.close();
		await server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

async function once(url: string, route: string, port: number): Promise<LighthouseFigure> {
	const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
	const lhr = result?.lhr;
	if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
	if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
	const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
	return {
		route,
		score: lhr.categories.performance?.score ?? Number.NaN,
		lcpMs: audit('largest-contentful-paint'),
		fcpMs: audit('first-contentful-paint'),
		tbtMs: audit('total-blocking-time'),
		transferBytes: audit('total-byte-weight'),
		benchmarkIndex: lhr.environment.benchmarkIndex
	};
}
