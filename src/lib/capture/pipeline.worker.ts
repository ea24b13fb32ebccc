/**
 * The capture pipeline, off the main thread: decode with the photo's EXIF orientation applied,
 * downscale to 1600 px on the long
 * edge (never up), measure what the image rules need on a copy at the rules' working size, and
 * re-encode as JPEG in the 150–350 KB band. The encoder writes a bare JFIF: no EXIF (so no GPS
 * position, camera or time) survives. The result's bytes are transferred, not copied.
 *
 * Decoding is most of the time on a phone, so it uses WebCodecs' `ImageDecoder` where the
 * browser has it: in Chromium 156 it decodes a 12 MP JPEG in about half the time of
 * `createImageBitmap`, and a JPEG is asked for at the smallest n/8 scale that still covers
 * 1600 px (`jpeg-size.ts`), a quarter of the memory of a full frame. The `VideoFrame` it returns
 * carries the EXIF rotation, which `drawImage` applies. Elsewhere (or if it fails) the pipeline
 * falls back to `createImageBitmap(…, { imageOrientation: 'from-image' })`.
 */
import { IMAGE_THRESHOLDS } from '../domain/image/image-thresholds.ts';
import { jpegCodedSize, scaledDecodeSize } from './jpeg-size.ts';
import { fitLongEdge, measureQualityInSteps, type MeasuredQuality } from './metrics.ts';
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

/** A decoded photo, upright, with the size it had before any decode-time scaling. */
interface Decoded {
	readonly image: CanvasImageSource;
	readonly width: number;
	readonly height: number;
	readonly source: { width: number; height: number };
	close(): void;
}

/** The type to hand `ImageDecoder`, from the bytes (a file picked from disk may have no type). */
function sniffType(head: Uint8Array): 'image/jpeg' | 'image/png' | null {
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
	if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
	return null;
}

/** The decode through WebCodecs, or null where it is missing or fails (the caller falls back). */
async function decodeWithImageDecoder(file: Blob): Promise<Decoded | null> {
	if (typeof ImageDecoder === 'undefined') return null;
	// One read: the decoder takes the whole file, and the header is its first bytes.
	const data = await file.arrayBuffer();
	const head = new Uint8Array(data, 0, Math.min(data.byteLength, 64 * 1024));
	const type = sniffType(head);
	if (!type || !(await ImageDecoder.isTypeSupported(type))) return null;
	const coded = type === 'image/jpeg' ? jpegCodedSize(head) : null;
	const desired = coded ? scaledDecodeSize(coded, OUTPUT_LONG_EDGE) : null;
	let decoder: ImageDecoder | null = null;
	try {
		decoder = new ImageDecoder({ data, type, ...(desired ? { desiredWidth: desired.width, desiredHeight: desired.height } : {}) });
		const { image: frame } = await decoder.decode();
		const width = frame.displayWidth;
		const height = frame.displayHeight;
		// Never less than the output needs: a decoder that scaled further than asked is not used.
		const needed = Math.min(OUTPUT_LONG_EDGE, coded ? Math.max(coded.width, coded.height) : 0);
		if (Math.max(width, height) < needed) {
			frame.close();
			return null;
		}
		// The coded size, turned like the frame (EXIF 5–8 swap the sides).
		const turned = coded && (coded.width > coded.height) !== (width > height) && coded.width !== coded.height;
		const source = coded ? (turned ? { width: coded.height, height: coded.width } : coded) : { width, height };
		return { image: frame, width, height, source, close: () => frame.close() };
	} catch {
		return null;
	} finally {
		decoder?.close();
	}
}

async function decode(file: Blob): Promise<Decoded> {
	const viaWebCodecs = await decodeWithImageDecoder(file);
	if (viaWebCodecs) return viaWebCodecs;
	try {
		const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
		const size = { width: bitmap.width, height: bitmap.height };
		return { image: bitmap, ...size, source: size, close: () => bitmap.close() };
	} catch {
		throw new Failure((await looksLikeHeif(file)) ? 'heic-not-decodable' : 'not-decodable');
	}
}

/** Measures with a macrotask between passes, in which a finished encode starts the quality search's next one. */
async function measureYielding(image: ImageData): Promise<MeasuredQuality> {
	const steps = measureQualityInSteps(image);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
}

async function processFile(file: Blob): Promise<ProcessedPhoto> {
	const start = performance.now();
	if (file.size === 0) throw new Failure('empty-file');
	const bitmap = await decode(file);
	const decoded = performance.now();
	const source = bitmap.source;
	const out = fitLongEdge(source.width, source.height, OUTPUT_LONG_EDGE);
	const canvas = new OffscreenCanvas(out.width, out.height);
	const ctx = context(canvas);
	// White under transparent PNGs (JPEG has no alpha; black would hide dark text).
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, out.width, out.height);
	ctx.drawImage(bitmap.image, 0, 0, out.width, out.height);
	bitmap.close();
	const resized = performance.now();
	// The encodes start first: Chromium encodes on another thread, so they overlap the measuring here.
	const search = searchQuality((quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }));
	const work = fitLongEdge(out.width, out.height, IMAGE_THRESHOLDS.blurWorkingSize);
	const workCanvas = new OffscreenCanvas(work.width, work.height);
	const workCtx = context(workCanvas);
	workCtx.drawImage(canvas, 0, 0, work.width, work.height);
	const measured = await measureYielding(workCtx.getImageData(0, 0, work.width, work.height));
	const measuredAt = performance.now();
	let searched;
	try {
		searched = await search;
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
