import type { CaptureSummary } from './harness.ts';
import type { DocumentSpec } from './synthetic-document.ts';

/** What harness.ts puts on `window` (typed for the Node side's `page.evaluate`). */
export interface CaptureApi {
	run(file: Blob, withBytes?: boolean): Promise<CaptureSummary>;
	draw(spec: DocumentSpec): Promise<{ index: number; size: number }>;
	drawBase64(spec: DocumentSpec): Promise<string>;
	runDrawn(index: number, withBytes?: boolean): Promise<CaptureSummary>;
	fromBase64(text: string, type: string): Promise<CaptureSummary>;
	pageLoop(iterations: number): number;
	workerLoop(iterations: number): Promise<number>;
	longestTask(): number;
	resetLongestTask(): void;
}

declare global {
	interface Window {
		__capture: CaptureApi;
	}
}
