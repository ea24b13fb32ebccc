/**
 * The capture metrics on raw RGBA arrays (no browser): exposure, chroma, the document box and
 * the Laplacian variance, each against an image whose answer is known by construction.
 */
import { describe, expect, it } from 'vitest';
import { blurScore, documentBox, exposure, fitLongEdge, meanChroma, measureQuality, measureQualityInSteps, toGrey, type RgbaImage } from '../../../src/lib/capture/metrics.ts';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbaImage {
	const data = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const [r, g, b] = pixel(x, y);
			data.set([r, g, b, 255], (y * width + x) * 4);
		}
	}
	return { data, width, height };
}

/** 3×3 box blur, applied `passes` times (a stand-in for defocus). */
function boxBlur(source: RgbaImage, passes: number): RgbaImage {
	let current = source;
	for (let p = 0; p < passes; p++) {
		const { width, height, data } = current;
		const out = new Uint8ClampedArray(data.length);
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				for (let c = 0; c < 4; c++) {
					let sum = 0;
					for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
						const xx = Math.min(width - 1, Math.max(0, x + dx));
						const yy = Math.min(height - 1, Math.max(0, y + dy));
						sum += data[(yy * width + xx) * 4 + c] as number;
					}
					out[(y * width + x) * 4 + c] = Math.round(sum / 9);
				}
			}
		}
		current = { width, height, data: out };
	}
	return current;
}

/** A light "card" with dark text-like stripes on a mid-grey table, card spanning [x0,x1)×[y0,y1). */
function card(width: number, height: number, box: { x0: number; y0: number; x1: number; y1: number }, tint = 0): RgbaImage {
	return image(width, height, (x, y) => {
		const inside = x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;
		if (!inside) return [120, 120, 120];
		const text = (y - box.y0) % 12 < 3 && (x - box.x0) % 9 < 6 && x > box.x0 + 8 && x < box.x1 - 8;
		const v = text ? 30 : 235;
		return [Math.min(255, v + tint), v, Math.max(0, v - tint)];
	});
}

describe('capture metrics', () => {
	it('fits the long edge without ever upscaling', () => {
		expect(fitLongEdge(4032, 3024, 1600)).toEqual({ width: 1600, height: 1200 });
		expect(fitLongEdge(3024, 4032, 1600)).toEqual({ width: 1200, height: 1600 });
		expect(fitLongEdge(640, 480, 1600)).toEqual({ width: 640, height: 480 });
	});

	it('grey levels use Rec. 601 weights', () => {
		const grey = toGrey(image(3, 1, (x) => (x === 0 ? [255, 0, 0] : x === 1 ? [0, 255, 0] : [0, 0, 255])));
		expect([...grey]).toEqual([76, 149, 28]);
	});

	it('exposure: mean luma and clipped shares', () => {
		const half = image(10, 10, (x) => (x < 5 ? [0, 0, 0] : [255, 255, 255]));
		expect(exposure(toGrey(half))).toEqual({ meanLuma: 127.5, highlightShare: 0.5, shadowShare: 0.5 });
		expect(exposure(toGrey(image(4, 4, () => [128, 128, 128])))).toMatchObject({ meanLuma: 128, highlightShare: 0, shadowShare: 0 });
	});

	it('chroma is 0 for any grey image and grows with colour', () => {
		expect(meanChroma(image(8, 8, (x, y) => [x * 30, x * 30, x * 30 + (y > 99 ? 1 : 0)]))).toBe(0);
		expect(meanChroma(image(2, 1, (x) => (x === 0 ? [200, 100, 50] : [10, 10, 10])))).toBe(75);
	});

	it('the document box follows the card, and coverage is its share of the frame', () => {
		const frame = card(400, 300, { x0: 100, y0: 75, x1: 300, y1: 225 });
		const box = documentBox(toGrey(frame), 400, 300);
		expect(box).not.toBeNull();
		expect(box!.x0).toBeGreaterThanOrEqual(95);
		expect(box!.x0).toBeLessThanOrEqual(110);
		expect(box!.x1).toBeGreaterThanOrEqual(290);
		expect(box!.x1).toBeLessThanOrEqual(305);
		expect(box!.y0).toBeGreaterThanOrEqual(70);
		expect(box!.y1).toBeLessThanOrEqual(230);
		const quality = measureQuality(frame);
		expect(quality.coverage).toBeGreaterThan(0.2);
		expect(quality.coverage).toBeLessThan(0.3);
		const filling = measureQuality(card(400, 300, { x0: 10, y0: 8, x1: 390, y1: 292 }));
		expect(filling.coverage).toBeGreaterThan(0.8); // true share 0.90, less the 1 % trims and the text inset
	});

	it('measured in steps (as the worker does, yielding between passes): the same figures as at once', () => {
		const frame = card(400, 300, { x0: 100, y0: 75, x1: 300, y1: 225 });
		const steps = measureQualityInSteps(frame);
		let pauses = 0;
		let step = steps.next();
		for (; !step.done; step = steps.next()) pauses++;
		expect(pauses).toBeGreaterThanOrEqual(2);
		expect(step.value).toEqual(measureQuality(frame));
		expect(step.value.box).toBeDefined();
	});

	it('a frame without edges has no document box (coverage is not guessed)', () => {
		const flat = image(200, 100, () => [90, 100, 110]);
		expect(documentBox(toGrey(flat), 200, 100)).toBeNull();
		expect(measureQuality(flat).coverage).toBeUndefined();
	});

	it('blur score: exact on a checkerboard, 0 on a flat or linear image, falling with blur', () => {
		const checker = image(20, 20, (x, y) => ((x + y) % 2 === 0 ? [255, 255, 255] : [0, 0, 0]));
		// Interior second derivatives are ±2·255 in x and in y: variance 510² each, doubled.
		expect(blurScore(toGrey(checker), 20, 20)).toBeCloseTo(2 * 510 ** 2, 0);
		expect(blurScore(toGrey(image(20, 20, () => [7, 7, 7])), 20, 20)).toBe(0);
		expect(blurScore(toGrey(image(20, 20, (x) => [x * 10, x * 10, x * 10])), 20, 20)).toBe(0);
		const sharp = card(300, 200, { x0: 20, y0: 20, x1: 280, y1: 180 });
		const scores = [0, 1, 3].map((passes) => measureQuality(boxBlur(sharp, passes)).blurScore);
		expect(scores[0]).toBeGreaterThan(scores[1] as number);
		expect(scores[1]).toBeGreaterThan(scores[2] as number);
	});

	it('blur score does not call a low-contrast (dark) copy blurred: the grey levels are stretched first', () => {
		const bright = card(300, 200, { x0: 20, y0: 20, x1: 280, y1: 180 });
		const dark = { ...bright, data: bright.data.map((v, i) => (i % 4 === 3 ? v : Math.round(v * 0.3))) };
		const ratio = measureQuality(dark).blurScore / measureQuality(bright).blurScore;
		expect(ratio).toBeGreaterThan(0.7);
		expect(ratio).toBeLessThan(1.4);
	});

	it('blur score catches shake in one direction (the weaker direction counts)', () => {
		const texture = image(200, 200, (x, y) => ((Math.floor(x / 3) + Math.floor(y / 3)) % 2 === 0 ? [230, 230, 230] : [40, 40, 40]));
		// Horizontal shake: average each pixel with its 8 left neighbours.
		const shaken = image(200, 200, (x, y) => {
			let sum = 0;
			for (let k = 0; k < 9; k++) sum += texture.data[(y * 200 + Math.max(0, x - k)) * 4] as number;
			const v = Math.round(sum / 9);
			return [v, v, v];
		});
		const before = blurScore(toGrey(texture), 200, 200);
		const after = blurScore(toGrey(shaken), 200, 200);
		expect(after).toBeLessThan(before / 10);
	});

	it('measures colour and greyscale versions of the same card apart', () => {
		const box = { x0: 20, y0: 20, x1: 280, y1: 180 };
		expect(measureQuality(card(300, 200, box, 0)).meanChroma).toBe(0);
		expect(measureQuality(card(300, 200, box, 20)).meanChroma).toBeGreaterThan(20);
	});
});
