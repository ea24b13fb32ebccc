/**
 * Image acceptance thresholds as data (domain-research §6.5, perf-reliability-research §4).
 * Calibrate by changing numbers here, never by adding branches.
 *
 * Calibrated 2026-12-02 on the synthetic photos of tests/support/capture-fixtures.ts (CALIBRATION),
 * measured by src/lib/capture/metrics.ts at a 1000 px working size; each threshold sits at the
 * geometric middle of the gap between the photos that must pass it and those that must not:
 * blur score sharp ≥ 1304, soft (slight defocus) 174, shaken (12 px motion) 81, defocused 29;
 * coverage ≥ 0.49 for a card at 80 % of the width (0.34 when over-exposed), 0.12 at 38 %;
 * mean luma 171 normal, 47 under-exposed; highlight share ≤ 0.001 normal, 0.58 over-exposed;
 * mean chroma 0.00 greyscale, ≥ 6.6 for colour (even under-exposed).
 */

export interface ImageThresholds {
	readonly asOf: string;
	/** Accepted formats after on-device conversion (HEIC becomes JPEG) — §6.5 [C][T30][W4]. */
	readonly mimes: readonly string[];
	/** Upload limit after compression — §6.5 (< 2 MB Tencent [T30], WeChat ≤ 2 MB [W4]). */
	readonly maxBytes: number;
	/** Shorter side in pixels — §6.5 [I] client target. */
	readonly minShortSide: number;
	/**
	 * Blur score (contrast-stretched, weaker-direction variance of the Laplacian, see
	 * capture/metrics.ts) below which the photo is refused — perf §4.3 ("100 or less is
	 * blurry", 50–150), calibrated between shaken (81) and soft (174).
	 */
	readonly blurRefuse: number;
	/** Below this the photo is accepted with a warning — perf §4.3; calibrated between soft (174) and sharp (1304). */
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
	/**
	 * Share of the frame's area the document box should fill [I]. perf §4.2: a card across 63 %
	 * of a 1600 px frame is ~1000 px ≈ 300 DPI, an area share of 0.33; 0.25 (≈ 55 % of the width,
	 * ~260 DPI) leaves room for the box heuristic's under-estimate on over-exposed photos (0.34).
	 */
	readonly minCoverage: number;
	/** Mean chroma (max − min of r, g, b; 0–255) below which the photo counts as greyscale (IMG-4) [I]. */
	readonly minMeanChroma: number;
}

export const IMAGE_THRESHOLDS: ImageThresholds = {
	asOf: '2026-12-02',
	mimes: ['image/jpeg', 'image/png'],
	maxBytes: 2 * 1024 * 1024,
	minShortSide: 600,
	blurRefuse: 120,
	blurWarn: 450,
	blurWorkingSize: 1000,
	minMeanLuma: 60,
	maxShadowShare: 0.3,
	maxMeanLuma: 225,
	maxHighlightShare: 0.05,
	minCoverage: 0.25,
	minMeanChroma: 2
};
