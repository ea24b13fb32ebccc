/**
 * Image acceptance (IMG-1..9) as pure functions over metadata the device measured: format,
 * bytes, pixel size, colour, blur score, exposure, coverage. Each issue's message tells the
 * person what to do ("hold steady", "more light", "fill the frame"). Never alters pixels.
 */
import type { QualityMetrics } from '../document/document-ref.ts';
import { issue, resultOf, type Issue, type Result } from '../result.ts';
import { IMAGE_THRESHOLDS, type ImageThresholds } from './image-thresholds.ts';

export interface ImageMetadata {
	readonly mime: string;
	readonly size: number;
	readonly width: number;
	readonly height: number;
	readonly quality?: QualityMetrics;
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

function shapeIssues(image: ImageMetadata, t: ImageThresholds): Issue[] {
	const issues: Issue[] = [];
	if (!t.mimes.includes(image.mime)) issues.push(issue('IMG-1', 'error', { path: ['mime'], params: { mime: String(image.mime).slice(0, 100) } }));
	if (!finite(image.size) || image.size > t.maxBytes || image.size <= 0) {
		issues.push(issue('IMG-2', 'error', { path: ['size'], params: { max: t.maxBytes } }));
	}
	const short = Math.min(image.width, image.height);
	if (!finite(short) || short < t.minShortSide) issues.push(issue('IMG-3', 'error', { path: ['width'], params: { min: t.minShortSide } }));
	return issues;
}

function qualityIssues(q: QualityMetrics, t: ImageThresholds): Issue[] {
	const issues: Issue[] = [];
	const path = ['quality'];
	if (q.meanChroma !== undefined ? q.meanChroma < t.minMeanChroma : !q.isColour) {
		issues.push(issue('IMG-4', 'error', { path: [...path, q.meanChroma !== undefined ? 'meanChroma' : 'isColour'] }));
	}
	if (q.blurScore < t.blurRefuse) issues.push(issue('IMG-5', 'error', { path: [...path, 'blurScore'] }));
	else if (q.blurScore < t.blurWarn) issues.push(issue('IMG-6', 'warning', { path: [...path, 'blurScore'] }));
	if (q.meanLuma < t.minMeanLuma || (q.shadowShare ?? 0) > t.maxShadowShare) issues.push(issue('IMG-7', 'warning', { path: [...path, 'meanLuma'] }));
	if (q.meanLuma > t.maxMeanLuma || q.highlightShare > t.maxHighlightShare) {
		issues.push(issue('IMG-8', 'warning', { path: [...path, 'highlightShare'] }));
	}
	if (q.coverage !== undefined && q.coverage < t.minCoverage) issues.push(issue('IMG-9', 'warning', { path: [...path, 'coverage'] }));
	return issues;
}

/** Whether a photo can be used as a filing document. Never throws. */
export function checkImage(image: ImageMetadata, thresholds: ImageThresholds = IMAGE_THRESHOLDS): Result<ImageMetadata> {
	const issues = [...shapeIssues(image, thresholds), ...(image.quality ? qualityIssues(image.quality, thresholds) : [])];
	return resultOf(image, issues);
}
