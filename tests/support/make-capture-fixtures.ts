/**
 * Renders the calibration fixtures (capture-fixtures.ts) with Chromium into
 * tests/fixtures/capture/calibration/, adding an Exif block (orientation + GPS) to each JPEG.
 * The held-out sets and the 12 MP photo are drawn at test time (too large to commit). Run by hand after changing a spec:
 * `node tests/support/make-capture-fixtures.ts`; the files are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';
import { startCaptureHarness } from './capture-harness/build.ts';
import { CALIBRATION, fixtureFile } from './capture-fixtures.ts';
import { withExif } from './jpeg-exif.ts';

const root = resolve(import.meta.dirname, '..', '..');
const harness = await startCaptureHarness();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
	const page = await browser.newPage();
	await page.goto(harness.url);
	await page.waitForSelector('body[data-ready="true"]');
	let total = 0;
	for (const [set, fixtures] of [['calibration', CALIBRATION]] as const) {
		for (const fixture of fixtures) {
			const encoded = await page.evaluate((spec) => window.__capture.drawBase64(spec), fixture.spec);
			let bytes: Uint8Array = Buffer.from(encoded, 'base64');
			if (fixture.orientation !== undefined) bytes = withExif(bytes, fixture.orientation);
			const path = resolve(root, fixtureFile(set, fixture));
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, bytes);
			total += bytes.length;
			console.log(`${fixtureFile(set, fixture)}\t${(bytes.length / 1024).toFixed(0)} KB`);
		}
	}
	console.log(`total\t${(total / 1024).toFixed(0)} KB`);
} finally {
	await browser.close();
	await harness.stop();
}
