/**
 * Messages between the capture client (main thread) and `pipeline.worker.ts`. Output bytes
 * travel as a transferred ArrayBuffer (moved, not copied); the input is a Blob/File, which
 * structured clone passes by reference.
 */
import type { MeasuredQuality } from './metrics.ts';

/** Why a photo could not be prepared; the UI localises these (`i18n/capture-errors.ts`). */
export const CAPTURE_ERRORS = [
	/** HEIC/HEIF this browser cannot decode (Chromium on Android and desktop). */
	'heic-not-decodable',
	/** Not an image this browser can decode (damaged, or another format). */
	'not-decodable',
	'empty-file',
	/** The browser could not encode the JPEG (e.g. out of memory). */
	'encode-failed',
	/** The worker could not start or crashed (no OffscreenCanvas, out of memory…). */
	'worker-failed'
] as const;
export type CaptureError = (typeof CAPTURE_ERRORS)[number];

export type WorkerRequest = { id: number; kind: 'process'; file: Blob } | { id: number; kind: 'probe'; iterations: number };

/** Where the worker's time went, stage after stage; the encodes overlap the measure, so `encodeMs` is only the wait after it. */
export interface Timings {
	decodeMs: number;
	resizeMs: number;
	measureMs: number;
	encodeMs: number;
	totalMs: number;
}

export interface ProcessedPhoto {
	bytes: ArrayBuffer;
	mime: 'image/jpeg';
	width: number;
	height: number;
	/** The decoded picture's size after orientation, before downscaling. */
	sourceWidth: number;
	sourceHeight: number;
	measured: MeasuredQuality;
	encodeQuality: number;
	encodes: number;
	timings: Timings;
}

export type WorkerResponse =
	| { id: number; ok: true; kind: 'process'; photo: ProcessedPhoto }
	| { id: number; ok: true; kind: 'probe'; elapsedMs: number; checksum: number }
	| { id: number; ok: false; error: CaptureError };

export function isCaptureError(value: unknown): value is CaptureError {
	return typeof value === 'string' && (CAPTURE_ERRORS as readonly string[]).includes(value);
}
