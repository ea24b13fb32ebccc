/**
 * Main-thread side of the capture pipeline: sends a picked or photographed file to
 * `pipeline.worker.ts` and turns the answer into the photo's bytes, its `ImageMetadata` and the
 * domain's verdict (`checkImage`: accepted, accepted with warnings, or refused, each issue
 * saying what to do). Nothing heavy runs here: decoding, resizing, measuring and encoding are in
 * the worker, and the bytes come back as a transferred buffer. Failures resolve as
 * `{ ok: false, error }` codes (never a silent failure, never a throw).
 */
import { checkImage, type ImageMetadata } from '../domain/image/image-acceptance.ts';
import { IMAGE_THRESHOLDS, type ImageThresholds } from '../domain/image/image-thresholds.ts';
import type { QualityMetrics } from '../domain/document/document-ref.ts';
import type { Result } from '../domain/result.ts';
import type { MeasuredQuality } from './metrics.ts';
import { isCaptureError, type CaptureError, type ProcessedPhoto, type Timings, type WorkerRequest, type WorkerResponse } from './protocol.ts';

export interface CapturedPhoto {
	readonly bytes: Uint8Array;
	readonly metadata: ImageMetadata;
	readonly source: { width: number; height: number };
	readonly encodeQuality: number;
	readonly encodes: number;
	readonly timings: Timings;
}

export type CaptureOutcome = { ok: true; photo: CapturedPhoto; check: Result<ImageMetadata> } | { ok: false; error: CaptureError };

/** The domain's quality record for what the worker measured. */
export function toQualityMetrics(measured: MeasuredQuality, thresholds: ImageThresholds = IMAGE_THRESHOLDS): QualityMetrics {
	return {
		blurScore: measured.blurScore,
		workingSize: measured.workingSize,
		meanLuma: measured.meanLuma,
		highlightShare: measured.highlightShare,
		shadowShare: measured.shadowShare,
		isColour: measured.meanChroma >= thresholds.minMeanChroma,
		meanChroma: measured.meanChroma,
		...(measured.coverage === undefined ? {} : { coverage: measured.coverage })
	};
}

export function toOutcome(photo: ProcessedPhoto, thresholds: ImageThresholds = IMAGE_THRESHOLDS): CaptureOutcome {
	const bytes = new Uint8Array(photo.bytes);
	const metadata: ImageMetadata = { mime: photo.mime, size: bytes.byteLength, width: photo.width, height: photo.height, quality: toQualityMetrics(photo.measured, thresholds) };
	return {
		ok: true,
		photo: { bytes, metadata, source: { width: photo.sourceWidth, height: photo.sourceHeight }, encodeQuality: photo.encodeQuality, encodes: photo.encodes, timings: photo.timings },
		check: checkImage(metadata, thresholds)
	};
}

type Pending = (response: WorkerResponse) => void;
type RequestBody = { kind: 'process'; file: Blob } | { kind: 'probe'; iterations: number };

/** The slot states the verdict maps to: accepted, accepted with a warning, refused. */
export type Verdict = 'accepted' | 'warned' | 'refused';

export function verdictOf(check: Result<ImageMetadata>): Verdict {
	return !check.ok ? 'refused' : check.issues.length > 0 ? 'warned' : 'accepted';
}

export class CapturePipeline {
	#worker: Worker | null = null;
	#next = 1;
	#pending = new Map<number, Pending>();
	readonly #create: () => Worker;

	constructor(create: () => Worker = () => new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module' })) {
		this.#create = create;
	}

	/** Prepares and checks one photo. */
	async process(file: Blob): Promise<CaptureOutcome> {
		const response = await this.#send({ kind: 'process', file });
		if (!response.ok) return { ok: false, error: response.error };
		if (response.kind !== 'process') return { ok: false, error: 'worker-failed' };
		return toOutcome(response.photo);
	}

	/** Times a fixed loop inside the worker (the benchmark's proof that CPU throttling reached it). */
	async probe(iterations: number): Promise<number> {
		const response = await this.#send({ kind: 'probe', iterations });
		return response.ok && response.kind === 'probe' ? response.elapsedMs : Number.NaN;
	}

	/** Stops the worker; pending requests resolve as `worker-failed`. */
	dispose(): void {
		this.#fail();
	}

	#send(request: RequestBody): Promise<WorkerResponse> {
		const id = this.#next++;
		return new Promise((resolve) => {
			let worker: Worker;
			try {
				worker = this.#ensure();
			} catch {
				resolve({ id, ok: false, error: 'worker-failed' });
				return;
			}
			this.#pending.set(id, resolve);
			worker.postMessage({ ...request, id } satisfies WorkerRequest);
		});
	}

	#ensure(): Worker {
		if (this.#worker) return this.#worker;
		const worker = this.#create();
		worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
			const response = event.data;
			const resolve = this.#pending.get(response.id);
			if (!resolve) return;
			this.#pending.delete(response.id);
			resolve(response.ok || isCaptureError(response.error) ? response : { id: response.id, ok: false, error: 'worker-failed' });
		};
		worker.onerror = (event) => {
			event.preventDefault();
			this.#fail();
		};
		worker.onmessageerror = () => this.#fail();
		this.#worker = worker;
		return worker;
	}

	#fail(): void {
		this.#worker?.terminate();
		this.#worker = null;
		const pending = [...this.#pending];
		this.#pending.clear();
		for (const [id, resolve] of pending) resolve({ id, ok: false, error: 'worker-failed' });
	}
}
