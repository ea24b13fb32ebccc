/**
 * The capture pipeline, off the main thread: decode with the photo's EXIF orientation applied
 * (`createImageBitmap(…, { imageOrientation: 'from-image' })`), downscale to 1600 px on the long
 * edge (never up), measure what the image rules need on a copy at the rules' working size, and
 * re-encode as JPEG in the 150–350 KB band. The encoder writes a bare JFIF: no EXIF (so no GPS
 * position, camera or time) survives. The result's bytes are transferred, not copied.
 */
import { IMAGE_THRESHOLDS } from '../domain/image/image-thresholds.ts';
import { fitLongEdge, measureQuality } from './metrics.ts';
import type { CaptureError, ProcessedPhoto, WorkerRequest, WorkerResponse } from './protocol.ts';
import { searchQuality } from './quality-search.ts';

export const OUTPUT_LONG_EDGE = 1600;

interface WorkerScope {
	onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
	postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

class Failure extends Error {
	readonly code: CaptureError;
	constructor(code: CaptureError) {
		super(code);
		this.code = code;
	}
}

/** ISO-BMFF brands of HEIC/HEIF stills (`ftyp` major brand), which Chromium cannot decode. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

async function looksLikeHeif(file: Blob): Promise<boolean> {
	if (/^image\/hei[cf]/i.test(file.type)) return true;
	const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
	const text = String.fromCharCode(...head);
	return text.slice(4, 8) === 'ftyp' && HEIF_BRANDS.has(text.slice(8, 12));
}

function context(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
	const ctx = canvas.getContext('2d', { alpha: false });
	if (!ctx) throw new Failure('worker-failed');
	ctx.imageSmoothingEnabled = true;
	ctx.imageSmoothingQuality = 'high';
	return ctx;
}

async function processFile(file: Blob): Promise<ProcessedPhoto> {
	const start = performance.now();
	if (file.size === 0) throw new Failure('empty-file');
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		throw new Failure((await looksLikeHeif(file)) ? 'heic-not-decodable' : 'not-decodable');
	}
	const decoded = performance.now();
	const source = { width: bitmap.width, height: bitmap.height };
	const out = fitLongEdge(source.width, source.height, OUTPUT_LONG_EDGE);
	const canvas = new OffscreenCanvas(out.width, out.height);
	const ctx = context(canvas);
	// White under transparent PNGs (JPEG has no alpha; black would hide dark text).
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, out.width, out.height);
	ctx.drawImage(bitmap, 0, 0, out.width, out.height);
	bitmap.close();
	const resized = performance.now();
	const work = fitLongEdge(out.width, out.height, IMAGE_THRESHOLDS.blurWorkingSize);
	const workCanvas = new OffscreenCanvas(work.width, work.height);
	const workCtx = context(workCanvas);
	workCtx.drawImage(canvas, 0, 0, work.width, work.height);
	const measured = measureQuality(workCtx.getImageData(0, 0, work.width, work.height));
	const measuredAt = performance.now();
	let searched;
	try {
		searched = await searchQuality((quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }));
	} catch {
		throw new Failure('encode-failed');
	}
	if (searched.result.type !== 'image/jpeg') throw new Failure('encode-failed');
	const bytes = await searched.result.arrayBuffer();
	const end = performance.now();
	return {
		bytes,
		mime: 'image/jpeg',
		width: out.width,
		height: out.height,
		sourceWidth: source.width,
		sourceHeight: source.height,
		measured,
		encodeQuality: searched.quality,
		encodes: searched.encodes,
		timings: { decodeMs: decoded - start, resizeMs: resized - decoded, measureMs: measuredAt - resized, encodeMs: end - measuredAt, totalMs: end - start }
	};
}

/** A fixed integer loop: the benchmark times it to show that CPU throttling reached this worker. */
function probe(iterations: number): { elapsedMs: number; checksum: number } {
	const start = performance.now();
	let x = 1;
	for (let i = 0; i < iterations; i++) x = (x * 1_103_515_245 + 12_345) >>> 0;
	return { elapsedMs: performance.now() - start, checksum: x };
}

scope.onmessage = (event) => {
	const request = event.data;
	if (request.kind === 'probe') {
		scope.postMessage({ id: request.id, ok: true, kind: 'probe', ...probe(request.iterations) });
		return;
	}
	processFile(request.file).then(
		(photo) => scope.postMessage({ id: request.id, ok: true, kind: 'process', photo }, [photo.bytes]),
		(error: unknown) => scope.postMessage({ id: request.id, ok: false, error: error instanceof Failure ? error.code : 'worker-failed' })
	);
};
