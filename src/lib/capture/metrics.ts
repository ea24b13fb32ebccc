/**
 * The measurements the image rules (IMG-4..9, `domain/image/image-acceptance.ts`) need, as pure
 * arithmetic over an RGBA buffer already drawn at the working size (`IMAGE_THRESHOLDS
 * .blurWorkingSize` px on the long edge). No browser API is used here, so Vitest runs it on raw
 * arrays; the pipeline worker feeds it `getImageData()` of an OffscreenCanvas.
 *
 * - Exposure: mean luma (Rec. 601 weights, 0–255) and the shares of clipped pixels (≥ 250
 *   highlights, ≤ 5 shadows).
 * - Colour: mean chroma, the average of `max(r,g,b) − min(r,g,b)`; a black-and-white filter
 *   (or a scanner's greyscale mode) gives ≈ 0, any colour camera frame gives clearly more.
 * - Document box ("how much of the frame the document fills"): a heuristic, not a detector.
 *   Pixels whose central-difference gradient `|gx| + |gy|` reaches `EDGE_SHARE_OF_P99` of the
 *   frame's 99th-percentile gradient (at least `EDGE_FLOOR`, so sensor noise never counts) are
 *   edges — the card's border, its text and lines; relative, so a dark or soft photo still finds
 *   its card. The box spans the 1st to the 99th percentile of the
 *   edges' columns and rows, so a few stray edges in the background do not widen it. Coverage
 *   is the box's share of the frame. It assumes a fairly plain background: a busy one (a
 *   patterned tablecloth, a keyboard) reads as "document" and overstates coverage, so IMG-9
 *   only warns. With fewer than `MIN_EDGE_SHARE` edge pixels no box is reported.
 * - Blur: variance of the Laplacian (Pech-Pacheco et al. 2000), made robust to the two ways a
 *   phone photo fools it: (1) exposure — the box's 1st–99th percentile grey levels are first
 *   stretched to 0–255 (a dark photo is not "blurred", IMG-7 covers it); (2) shake — motion blur
 *   smears one direction only, so the second derivatives along x and y are scored separately and
 *   the weaker direction counts, doubled (which equals the 4-neighbour Laplacian's variance on
 *   detail that is the same in every direction). Measured inside the document box when there is
 *   one (the plain background would dilute it), else on the whole frame.
 */

/** An RGBA image, 4 bytes per pixel, rows top to bottom. */
export interface RgbaImage {
	readonly data: Uint8ClampedArray | Uint8Array;
	readonly width: number;
	readonly height: number;
}

export interface Box {
	readonly x0: number;
	readonly y0: number;
	/** Exclusive. */
	readonly x1: number;
	/** Exclusive. */
	readonly y1: number;
}

export interface MeasuredQuality {
	blurScore: number;
	workingSize: number;
	meanLuma: number;
	highlightShare: number;
	shadowShare: number;
	meanChroma: number;
	coverage?: number;
	/** The document box the coverage and blur score were computed on, in working-size pixels. */
	box?: Box;
}

/** An edge's gradient (`|gx| + |gy|`) is at least this share of the frame's 99th percentile… */
export const EDGE_SHARE_OF_P99 = 0.3;
/** …and at least this many grey levels. */
export const EDGE_FLOOR = 16;
/** Contrast stretch factor cap (a nearly flat frame is not stretched into pure noise). */
const MAX_STRETCH = 8;
/** Below this share of edge pixels no document box is reported. */
export const MIN_EDGE_SHARE = 0.002;
const HIGHLIGHT = 250;
const SHADOW = 5;
const BOX_TRIM = 0.01;
/** A box smaller than this (px per side) is too small to score blur on; the whole frame is used. */
const MIN_BLUR_BOX = 32;

/** The size that fits `max` on the long edge, never larger than the input (no upscaling). */
export function fitLongEdge(width: number, height: number, max: number): { width: number; height: number } {
	const long = Math.max(width, height);
	if (long <= max) return { width, height };
	const scale = max / long;
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Grey levels (Rec. 601 luma, integer weights 77/150/29 of 256). */
export function toGrey(image: RgbaImage): Uint8Array {
	const { data, width, height } = image;
	const grey = new Uint8Array(width * height);
	for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
		grey[i] = ((data[p] as number) * 77 + (data[p + 1] as number) * 150 + (data[p + 2] as number) * 29) >> 8;
	}
	return grey;
}

export function exposure(grey: Uint8Array): { meanLuma: number; highlightShare: number; shadowShare: number } {
	let sum = 0;
	let highlights = 0;
	let shadows = 0;
	for (let i = 0; i < grey.length; i++) {
		const v = grey[i] as number;
		sum += v;
		if (v >= HIGHLIGHT) highlights++;
		else if (v <= SHADOW) shadows++;
	}
	const n = Math.max(1, grey.length);
	return { meanLuma: sum / n, highlightShare: highlights / n, shadowShare: shadows / n };
}

/** Mean of `max(r,g,b) − min(r,g,b)` over all pixels, 0–255. */
export function meanChroma(image: RgbaImage): number {
	const { data } = image;
	const pixels = image.width * image.height;
	let sum = 0;
	for (let p = 0; p < pixels * 4; p += 4) {
		const r = data[p] as number;
		const g = data[p + 1] as number;
		const b = data[p + 2] as number;
		sum += Math.max(r, g, b) - Math.min(r, g, b);
	}
	return sum / Math.max(1, pixels);
}

/** The edge-percentile box described above, or null when the frame has too few edges. */
export function documentBox(grey: Uint8Array, width: number, height: number): Box | null {
	const gradient = new Uint16Array(width * height);
	const histogram = new Uint32Array(511);
	for (let y = 1; y < height - 1; y++) {
		const row = y * width;
		for (let x = 1; x < width - 1; x++) {
			const i = row + x;
			const g = Math.abs((grey[i + 1] as number) - (grey[i - 1] as number)) + Math.abs((grey[i + width] as number) - (grey[i - width] as number));
			gradient[i] = g;
			histogram[g] = (histogram[g] as number) + 1;
		}
	}
	const step = Math.max(EDGE_FLOOR, EDGE_SHARE_OF_P99 * quantile(histogram, Math.max(0, (width - 2) * (height - 2)), 0.99));
	const columns = new Uint32Array(width);
	const rows = new Uint32Array(height);
	let edges = 0;
	for (let y = 1; y < height - 1; y++) {
		for (let x = 1; x < width - 1; x++) {
			if ((gradient[y * width + x] as number) >= step) {
				columns[x] = (columns[x] as number) + 1;
				rows[y] = (rows[y] as number) + 1;
				edges++;
			}
		}
	}
	if (edges === 0 || edges < MIN_EDGE_SHARE * width * height) return null;
	const [x0, x1] = trimmedSpan(columns, edges);
	const [y0, y1] = trimmedSpan(rows, edges);
	return { x0, y0, x1, y1 };
}

/** The value below which `q` of the `total` counted samples fall. */
function quantile(histogram: Uint32Array, total: number, q: number): number {
	let seen = 0;
	for (let v = 0; v < histogram.length; v++) {
		seen += histogram[v] as number;
		if (seen >= q * total) return v;
	}
	return histogram.length - 1;
}

/** [first, last + 1) index between the BOX_TRIM and 1 − BOX_TRIM quantiles of a histogram. */
function trimmedSpan(histogram: Uint32Array, total: number): [number, number] {
	const low = total * BOX_TRIM;
	const high = total * (1 - BOX_TRIM);
	let seen = 0;
	let start = 0;
	let end = histogram.length;
	let startFound = false;
	for (let i = 0; i < histogram.length; i++) {
		seen += histogram[i] as number;
		if (!startFound && seen > low) {
			start = i;
			startFound = true;
		}
		if (seen >= high) {
			end = i + 1;
			break;
		}
	}
	return [start, Math.max(start + 1, end)];
}

/**
 * The blur score described above: contrast-stretched, weaker-direction second-derivative
 * variance, doubled, over the interior of `box` (default: the frame).
 */
export function blurScore(grey: Uint8Array, width: number, height: number, box: Box = { x0: 0, y0: 0, x1: width, y1: height }): number {
	const x0 = Math.max(1, box.x0);
	const y0 = Math.max(1, box.y0);
	const x1 = Math.min(width - 1, box.x1);
	const y1 = Math.min(height - 1, box.y1);
	const histogram = new Uint32Array(256);
	for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) histogram[grey[y * width + x] as number]! += 1;
	const n = Math.max(0, (x1 - x0) * (y1 - y0));
	if (n === 0) return 0;
	const range = quantile(histogram, n, 0.99) - quantile(histogram, n, 0.01);
	const stretch = Math.min(MAX_STRETCH, range > 0 ? 255 / range : MAX_STRETCH);
	let sx = 0, sxx = 0, sy = 0, syy = 0;
	for (let y = y0; y < y1; y++) {
		const row = y * width;
		for (let x = x0; x < x1; x++) {
			const i = row + x;
			const c = 2 * (grey[i] as number);
			const lx = (grey[i - 1] as number) + (grey[i + 1] as number) - c;
			const ly = (grey[i - width] as number) + (grey[i + width] as number) - c;
			sx += lx;
			sxx += lx * lx;
			sy += ly;
			syy += ly * ly;
		}
	}
	const varX = sxx / n - (sx / n) ** 2;
	const varY = syy / n - (sy / n) ** 2;
	return Math.max(0, 2 * Math.min(varX, varY) * stretch * stretch);
}

/** Everything the image rules need, from the image at its working size. */
export function measureQuality(image: RgbaImage): MeasuredQuality {
	const steps = measureQualityInSteps(image);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * The same, one pass at a time: the caller may yield between passes (the pipeline worker does,
 * so that a JPEG encode finishing meanwhile can start the next one without waiting for the rest).
 */
export function* measureQualityInSteps(image: RgbaImage): Generator<void, MeasuredQuality, void> {
	const { width, height } = image;
	const grey = toGrey(image);
	yield;
	const box = documentBox(grey, width, height);
	yield;
	const scoredOn = box && box.x1 - box.x0 >= MIN_BLUR_BOX && box.y1 - box.y0 >= MIN_BLUR_BOX ? box : undefined;
	const blur = blurScore(grey, width, height, scoredOn);
	yield;
	const measured: MeasuredQuality = {
		blurScore: blur,
		workingSize: Math.max(width, height),
		...exposure(grey),
		meanChroma: meanChroma(image)
	};
	if (box) {
		measured.box = box;
		measured.coverage = Math.min(1, ((box.x1 - box.x0) * (box.y1 - box.y0)) / (width * height));
	}
	return measured;
}
