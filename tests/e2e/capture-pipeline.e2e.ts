/**
 * The capture pipeline in real Chromium: the real worker (Vite-built module worker, served by
 * the real server under its CSP) on each committed calibration fixture — verdict and rules as
 * the domain gives them, the 1600 px bound, the size band, no EXIF (orientation, camera, GPS)
 * in the output — plus the 12 MP camera photo, HEIC's localisable refusal, and the held-out set
 * the thresholds were not tuned on (accuracy printed).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fitLongEdge } from '../../src/lib/capture/metrics.ts';
import { SIZE_BAND } from '../../src/lib/capture/quality-search.ts';
import { CALIBRATION, fixtureFile, HELD_OUT, HELD_OUT_V2, TWELVE_MP, type CaptureFixture } from '../support/capture-fixtures.ts';
import { startCaptureHarness, type CaptureHarness } from '../support/capture-harness/build.ts';
import type { CaptureSummary } from '../support/capture-harness/harness.ts';
import '../support/capture-harness/window.d.ts';
import { containsBytes, EXIF_HEADER, exifSegments, jpegSegments, withExif } from '../support/jpeg-exif.ts';
import { CspGuard } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CAMERA = new TextEncoder().encode('BeianTestCam');

let harness: CaptureHarness;
let page: Page;
const csp = new CspGuard();

test.beforeAll(async ({ browser }) => {
	harness = await startCaptureHarness();
	const context = await browser.newContext();
	await csp.watch(context);
	page = await context.newPage();
	await page.goto(harness.url);
	await page.waitForSelector('body[data-ready="true"]');
});

test.afterAll(async () => {
	await page?.context().close();
	await harness?.stop();
});

test.afterEach(() => {
	expect(csp.take()).toEqual([]);
});

async function pick(file: { name: string; mimeType: string; buffer: Buffer }): Promise<CaptureSummary> {
	await page.evaluate(() => (document.body.dataset.state = 'idle'));
	await page.locator('#file').setInputFiles(file);
	await page.waitForSelector('body[data-state="done"]', { timeout: 30_000 });
	return JSON.parse(await page.evaluate(() => (document.getElementById('result') as HTMLOutputElement).value)) as CaptureSummary;
}

function metricsLine(name: string, s: CaptureSummary): string {
	const q = (s.quality ?? {}) as Record<string, number>;
	const f = (n: number | undefined, d = 1) => (n === undefined ? '—' : n.toFixed(d));
	return `${name}: ${s.verdict} [${(s.rules ?? []).join(',')}] blur ${f(q.blurScore)} luma ${f(q.meanLuma)} hi ${f(q.highlightShare, 3)} lo ${f(q.shadowShare, 3)} chroma ${f(q.meanChroma, 2)} cover ${f(q.coverage, 2)} ${s.width}×${s.height} ${f((s.size ?? 0) / 1024, 0)} KB q ${f(s.encodeQuality, 2)}×${s.encodes}`;
}

/** The checks every successful output must pass. */
function expectCleanOutput(summary: CaptureSummary): void {
	expect(summary.ok, summary.error).toBe(true);
	const out = Buffer.from(summary.bytesBase64 ?? '', 'base64');
	expect(out.length).toBe(summary.size);
	const segments = jpegSegments(out);
	expect(segments.at(-1)?.marker).toBe(0xda);
	expect(segments.filter((s) => s.marker === 0xe1)).toEqual([]);
	expect(exifSegments(out)).toEqual([]);
	expect(containsBytes(out, EXIF_HEADER)).toBe(false);
	expect(containsBytes(out, CAMERA)).toBe(false);
	const long = Math.max(summary.width ?? 0, summary.height ?? 0);
	expect(long).toBeLessThanOrEqual(1600);
	expect({ width: summary.width, height: summary.height }).toEqual(fitLongEdge(summary.sourceWidth ?? 0, summary.sourceHeight ?? 0, 1600));
}

const TITLES: Record<string, string> = {
	sharp: 'accepts the sharp, well-lit photo',
	blurred: 'IMG-5 refuses the defocused photo',
	shaken: 'IMG-5 refuses the shaken photo ("hold the phone still")',
	soft: 'IMG-6 warns about the slightly blurred photo',
	dark: 'IMG-7 warns about the dark photo ("more light")',
	overexposed: 'IMG-8 warns about the over-exposed photo',
	greyscale: 'IMG-4 refuses the greyscale photo ("colour photo")',
	rotated: 'applies EXIF orientation 6 and accepts the rotated photo',
	tiny: 'IMG-3 refuses the 640 × 480 photo (never upscaled)',
	far: 'IMG-9 warns when the document fills too little of the frame'
};

for (const fixture of CALIBRATION) {
	test(`${TITLES[fixture.name] ?? fixture.name} (fixture ${fixture.name})`, async () => {
		const input = readFileSync(resolve(ROOT, fixtureFile('calibration', fixture)));
		expect(exifSegments(input), 'the fixture carries EXIF with GPS').toHaveLength(1);
		expect(containsBytes(input, CAMERA)).toBe(true);
		const summary = await pick({ name: `${fixture.name}.jpg`, mimeType: 'image/jpeg', buffer: input });
		console.log(metricsLine(fixture.name, summary));
		expectCleanOutput(summary);
		expect(summary.rules).toEqual(fixture.expected);
		const refused = fixture.expected.some((rule) => ['IMG-3', 'IMG-4', 'IMG-5'].includes(rule));
		expect(summary.verdict).toBe(refused ? 'refused' : fixture.expected.length > 0 ? 'warned' : 'accepted');
		if (fixture.name === 'rotated') {
			// Stored portrait (1500 × 2000); shown upright it is the landscape card.
			expect([summary.sourceWidth, summary.sourceHeight]).toEqual([fixture.spec.width, fixture.spec.height]);
			expect([summary.width, summary.height]).toEqual([1600, 1200]);
		}
		if (fixture.name === 'tiny') expect([summary.width, summary.height]).toEqual([640, 480]);
	});
}

test('a 12 MP camera JPEG comes out at 1600 px, in the 150–350 KB band, without EXIF, accepted', async () => {
	test.setTimeout(120_000);
	const drawn = Buffer.from(await page.evaluate((spec) => window.__capture.drawBase64(spec), TWELVE_MP), 'base64');
	const input = withExif(drawn, 1);
	expect(input.length).toBeGreaterThan(2 * 1024 * 1024);
	const summary = await page.evaluate((text) => window.__capture.fromBase64(text, 'image/jpeg'), Buffer.from(input).toString('base64'));
	console.log(metricsLine('12 MP', summary), JSON.stringify(summary.timings));
	expectCleanOutput(summary);
	expect([summary.sourceWidth, summary.sourceHeight, summary.width, summary.height]).toEqual([4032, 3024, 1600, 1200]);
	expect(summary.size).toBeGreaterThanOrEqual(SIZE_BAND.min);
	expect(summary.size).toBeLessThanOrEqual(SIZE_BAND.max);
	expect(summary.verdict).toBe('accepted');
});

test('a 12 MP photo held upright (EXIF orientation 6) is decoded at a reduced scale and still comes out upright at 1200 × 1600', async () => {
	test.setTimeout(120_000);
	const drawn = Buffer.from(await page.evaluate((spec) => window.__capture.drawBase64(spec), TWELVE_MP), 'base64');
	const summary = await page.evaluate((text) => window.__capture.fromBase64(text, 'image/jpeg'), Buffer.from(withExif(drawn, 6)).toString('base64'));
	console.log(metricsLine('12 MP, EXIF 6', summary), JSON.stringify(summary.timings));
	expectCleanOutput(summary);
	// Coded 4032 × 3024; turned by the orientation, the photo is portrait, and so is the output.
	expect([summary.sourceWidth, summary.sourceHeight, summary.width, summary.height]).toEqual([3024, 4032, 1200, 1600]);
	expect(summary.verdict).toBe('accepted');
});

test('a HEIC photo Chromium cannot decode gets the heic-not-decodable code, with or without a MIME type', async () => {
	// An ISO-BMFF header with the HEIC brand, as an iPhone writes it (Chromium decodes no HEIC at all).
	const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(4096, 7)]);
	expect(await pick({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: heic })).toMatchObject({ ok: false, error: 'heic-not-decodable' });
	expect(await pick({ name: 'IMG_0001', mimeType: 'application/octet-stream', buffer: heic })).toMatchObject({ ok: false, error: 'heic-not-decodable' });
	expect(await pick({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') })).toMatchObject({ ok: false, error: 'not-decodable' });
});

async function accuracy(set: CaptureFixture[], label: string): Promise<{ exact: number; verdicts: number }> {
	const rows: string[] = [];
	let exact = 0;
	let verdicts = 0;
	for (const fixture of set) {
		const summary = await runHeldOut(fixture);
		expectCleanOutput(summary);
		const expectedVerdict = fixture.expected.some((r) => ['IMG-3', 'IMG-4', 'IMG-5'].includes(r)) ? 'refused' : fixture.expected.length ? 'warned' : 'accepted';
		if (JSON.stringify(summary.rules) === JSON.stringify(fixture.expected)) exact++;
		if (summary.verdict === expectedVerdict) verdicts++;
		rows.push(`${metricsLine(fixture.name, summary)} · expected ${expectedVerdict} [${fixture.expected.join(',')}]`);
	}
	const line = `${label}: rules exactly right ${exact}/${set.length}, verdict right ${verdicts}/${set.length}`;
	console.log([...rows, line].join('\n'));
	test.info().annotations.push({ type: 'accuracy', description: line });
	return { exact, verdicts };
}

test('held-out set v1 (seen once before calibration, so reported only): verdict accuracy', async () => {
	test.setTimeout(180_000);
	const { verdicts } = await accuracy(HELD_OUT, 'held-out v1');
	expect(verdicts).toBeGreaterThan(0);
});

test('held-out set v2 (never tuned on): at least 3 in 4 verdicts right', async () => {
	test.setTimeout(180_000);
	const { verdicts } = await accuracy(HELD_OUT_V2, 'held-out v2');
	// Bar fixed when v2 was written, before its first run.
	expect(verdicts / HELD_OUT_V2.length).toBeGreaterThanOrEqual(0.75);
});

async function runHeldOut(fixture: CaptureFixture): Promise<CaptureSummary> {
	const drawn = Buffer.from(await page.evaluate((spec) => window.__capture.drawBase64(spec), fixture.spec), 'base64');
	const input = fixture.orientation === undefined ? drawn : Buffer.from(withExif(drawn, fixture.orientation));
	return page.evaluate(([text, type]) => window.__capture.fromBase64(text, type), [input.toString('base64'), fixture.spec.mime] as const);
}
