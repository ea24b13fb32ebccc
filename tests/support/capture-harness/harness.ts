/**
 * A test page for the capture pipeline, built by Vite (`build.ts`) and served by the real
 * server (with its CSP): picking a file in `#file` runs the real worker through the real client;
 * `window.__capture` lets the tests and the benchmark draw synthetic photos, run the pipeline
 * on a Blob, time fixed loops on the page and in the worker, and read the longest main-thread
 * task seen (PerformanceObserver 'longtask').
 */
import { CapturePipeline, verdictOf, type CaptureOutcome } from '../../../src/lib/capture/capture-client.ts';
import { drawDocumentPhoto, type DocumentSpec } from './synthetic-document.ts';

export interface CaptureSummary {
	ok: boolean;
	error?: string;
	verdict?: string;
	rules?: string[];
	severities?: string[];
	width?: number;
	height?: number;
	size?: number;
	sourceWidth?: number;
	sourceHeight?: number;
	encodeQuality?: number;
	encodes?: number;
	timings?: Record<string, number>;
	quality?: Record<string, unknown>;
	bytesBase64?: string;
	mainThreadMs: number;
}

const pipeline = new CapturePipeline();
let longestTask = 0;
new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
}).observe({ type: 'longtask', buffered: true });

function base64(bytes: Uint8Array): string {
	let text = '';
	for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(text);
}

function summarize(outcome: CaptureOutcome, mainThreadMs: number, withBytes: boolean): CaptureSummary {
	if (!outcome.ok) return { ok: false, error: outcome.error, mainThreadMs };
	const { photo, check } = outcome;
	return {
		ok: true,
		verdict: verdictOf(check),
		rules: check.issues.map((i) => i.rule),
		severities: check.issues.map((i) => i.severity),
		width: photo.metadata.width,
		height: photo.metadata.height,
		size: photo.metadata.size,
		sourceWidth: photo.source.width,
		sourceHeight: photo.source.height,
		encodeQuality: photo.encodeQuality,
		encodes: photo.encodes,
		timings: { ...photo.timings },
		quality: { ...photo.metadata.quality },
		...(withBytes ? { bytesBase64: base64(photo.bytes) } : {}),
		mainThreadMs
	};
}

async function run(file: Blob, withBytes = true): Promise<CaptureSummary> {
	const start = performance.now();
	const outcome = await pipeline.process(file);
	return summarize(outcome, performance.now() - start, withBytes);
}

function spin(iterations: number): number {
	const start = performance.now();
	let x = 1;
	for (let i = 0; i < iterations; i++) x = (x * 1_103_515_245 + 12_345) >>> 0;
	if (x === 0.5) console.log(x);
	return performance.now() - start;
}

const drawn: Blob[] = [];

const api = {
	run,
	/** Draws a synthetic photo; returns its index in the page's list (bytes stay in the page). */
	async draw(spec: DocumentSpec): Promise<{ index: number; size: number }> {
		const blob = await drawDocumentPhoto(spec);
		drawn.push(blob);
		return { index: drawn.length - 1, size: blob.size };
	},
	async drawBase64(spec: DocumentSpec): Promise<string> {
		return base64(new Uint8Array(await (await drawDocumentPhoto(spec)).arrayBuffer()));
	},
	runDrawn: (index: number, withBytes = false) => run(drawn[index] as Blob, withBytes),
	fromBase64: async (text: string, type: string) => {
		const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
		return run(new Blob([bytes], { type }));
	},
	pageLoop: (iterations: number) => spin(iterations),
	workerLoop: (iterations: number) => pipeline.probe(iterations),
	longestTask: () => longestTask,
	resetLongestTask: () => void (longestTask = 0)
};

(window as unknown as { __capture: typeof api }).__capture = api;

const input = document.getElementById('file') as HTMLInputElement;
const output = document.getElementById('result') as HTMLOutputElement;
input.addEventListener('change', () => {
	const file = input.files?.[0];
	if (!file) return;
	document.body.dataset.state = 'working';
	void run(file).then((summary) => {
		output.value = JSON.stringify(summary);
		document.body.dataset.state = 'done';
	});
});
document.body.dataset.ready = 'true';
