/**
 * Picks the JPEG quality whose output lands in the size band (perf-reliability-research §4.2:
 * 1600 px, 150–350 KB per side) with at most three encodes: a first guess, one step towards the
 * band, then the secant through the two towards the band's middle. An image that stays
 * under the band at the highest quality (a small or plain one) keeps that encode; one that stays
 * over it at the lowest keeps the smallest. Pure: the encoder is passed in.
 */

export const SIZE_BAND = { min: 150 * 1024, max: 350 * 1024 } as const;
export const FIRST_QUALITY = 0.82;
const HIGHEST = 0.92;
const LOWER = 0.62;
const LOWEST = 0.4;
export const MAX_ENCODES = 3;

export interface Encoded {
	readonly size: number;
}

export interface Searched<T extends Encoded> {
	readonly result: T;
	readonly quality: number;
	readonly encodes: number;
}

/** How far a size is outside the band (0 inside). */
export function bandDistance(size: number, band: { min: number; max: number } = SIZE_BAND): number {
	return size < band.min ? band.min - size : size > band.max ? size - band.max : 0;
}

export async function searchQuality<T extends Encoded>(encode: (quality: number) => Promise<T>, band: { min: number; max: number } = SIZE_BAND): Promise<Searched<T>> {
	const tried: { result: T; quality: number }[] = [];
	const attempt = async (quality: number) => {
		const result = await encode(quality);
		tried.push({ result, quality });
		return result;
	};
	const first = await attempt(FIRST_QUALITY);
	if (bandDistance(first.size, band) > 0) {
		const secondQuality = first.size > band.max ? LOWER : HIGHEST;
		const second = await attempt(secondQuality);
		const aim = (band.min + band.max) / 2;
		if (bandDistance(second.size, band) > 0 && second.size !== first.size) {
			// Secant towards the middle of the band (interpolates when the two straddle it).
			const q = Math.min(HIGHEST, Math.max(LOWEST, FIRST_QUALITY + ((aim - first.size) * (secondQuality - FIRST_QUALITY)) / (second.size - first.size)));
			if (Math.abs(q - secondQuality) > 0.01) await attempt(q);
		}
	}
	const best = tried.reduce((a, b) => (bandDistance(b.result.size, band) < bandDistance(a.result.size, band) ? b : a));
	return { result: best.result, quality: best.quality, encodes: tried.length };
}
