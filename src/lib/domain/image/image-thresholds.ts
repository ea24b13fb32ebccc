/**
 * Image acceptance thresholds as data (domain-research §6.5, perf-reliability-research §4).
 * Calibrate by changing numbers here, never by adding branches.
 */

export interface ImageThresholds {
	readonly asOf: string;
	/** Accepted formats after on-device conversion (HEIC becomes JPEG) — §6.5 [C][T30][W4]. */
	readonly mimes: readonly string[];
	/** Upload limit after compression — §6.5 (< 2 MB Tencent [T30], WeChat ≤ 2 MB [W4]). */
	readonly maxBytes: number;
	/** Shorter side in pixels — §6.5 [I] client target. */
	readonly minShortSide: number;
	/** Variance of the Laplacian below which the photo is refused — perf §4.3 ("100 or less is blurry", 50–150). */
	readonly blurRefuse: number;
	/** Below this the photo is accepted with a warning — perf §4.3. */
	readonly blurWarn: number;
	/** Working size (long edge, px) the blur score must be measured at — perf §4.3 / target 14. */
	readonly blurWorkingSize: number;
	/** Mean luma below which the photo is too dark [I]. */
	readonly minMeanLuma: number;
	/** Share of near-black pixels (≤ 5 luma) above which the photo is too dark [I]. */
	readonly maxShadowShare: number;
	/** Mean luma above which it is washed out [I]. */
	readonly maxMeanLuma: number;
	/** Share of near-white pixels above which glare is likely [I]. */
	readonly maxHighlightShare: number;
	/** Share of the frame the document should fill [I]; perf §4.2 assumes about 70 %. */
	readonly minCoverage: number;
	/** Mean chroma (max − min of r, g, b; 0–255) below which the photo counts as greyscale (IMG-4) [I]. */
	readonly minMeanChroma: number;
}

export const IMAGE_THRESHOLDS: ImageThresholds = {
	asOf: '2026-11-01',
	mimes: ['image/jpeg', 'image/png'],
	maxBytes: 2 * 1024 * 1024,
	minShortSide: 600,
	blurRefuse: 50,
	blurWarn: 100,
	blurWorkingSize: 1000,
	minMeanLuma: 60,
	maxShadowShare: 0.3,
	maxMeanLuma: 225,
	maxHighlightShare: 0.05,
	minCoverage: 0.5,
	minMeanChroma: 4
};
