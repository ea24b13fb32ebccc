/**
 * Encrypt + store of one 300 KB photo in Chromium: the real blob store (`createLocalBlobs`,
 * AES-GCM under the account's non-extractable key, one IndexedDB put) on the vault harness
 * page the real server serves. Reports the median and the slowest of `runs` puts, each a new
 * row (a distinct hash), after one warm-up put. The bytes are a JPEG header and random bytes:
 * AES-GCM's cost depends on the length only.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { startCaptureHarness } from '../support/capture-harness/build.ts';
import '../support/vault-harness/window.d.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const PHOTO_BYTES = 300 * 1024;

export interface VaultFigures {
	runs: number;
	medianMs: number;
	maxMs: number;
}

export async function measureVaultPut(runs: number): Promise<VaultFigures> {
	const harness = await startCaptureHarness({ root: resolve(ROOT, 'tests', 'support', 'vault-harness'), outDir: resolve(ROOT, 'tests', '.output', 'vault-harness') });
	const browser = await chromium.launch(chromiumLaunchOptions());
	try {
		const page = await browser.newPage();
		await page.goto(harness.url);
		await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
		const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(PHOTO_BYTES - 4)]);
		const photo = { base64: bytes.toString('base64'), mime: 'image/jpeg' };
		const times = await page.evaluate(({ p, n }) => window.__vault.benchPut(p, n), { p: photo, n: runs + 1 });
		const measured = times.slice(1).sort((a, b) => a - b);
		return { runs, medianMs: measured[Math.floor(measured.length / 2)] ?? NaN, maxMs: measured.at(-1) ?? NaN };
	} finally {
		await browser.close();
		await harness.stop();
	}
}

if (import.meta.main) {
	const figures = await measureVaultPut(20);
	console.log(`vault: encrypt + store 300 KB photo: median ${figures.medianMs.toFixed(1)} ms, slowest ${figures.maxMs.toFixed(1)} ms (${figures.runs} runs)`);
}
