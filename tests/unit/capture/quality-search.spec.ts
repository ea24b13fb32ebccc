/** The JPEG quality search: lands in the 150–350 KB band within three encodes when it can. */
import { describe, expect, it } from 'vitest';
import { bandDistance, FIRST_QUALITY, MAX_ENCODES, searchQuality, SIZE_BAND } from '../../../src/lib/capture/quality-search.ts';

/** A size model like a real encoder's: monotone in quality, steeper at the top. */
const model = (scale: number) => async (q: number) => ({ size: Math.round(scale * (0.2 + q * q * q)), q });

describe('JPEG quality search', () => {
	it('keeps the first encode when it is already in the band', async () => {
		const searched = await searchQuality(model(250 * 1024 / (0.2 + FIRST_QUALITY ** 3)));
		expect(searched).toMatchObject({ quality: FIRST_QUALITY, encodes: 1 });
	});

	it.each([2, 3, 4, 0.7])('reaches the band from a scene %d× as detailed within the encode limit', async (detail) => {
		const searched = await searchQuality(model(detail * 250 * 1024));
		expect(searched.encodes).toBeLessThanOrEqual(MAX_ENCODES);
		expect(bandDistance(searched.result.size)).toBe(0);
		expect(searched.result.size).toBeGreaterThanOrEqual(SIZE_BAND.min);
	});

	it('keeps the highest-quality encode of a plain image that cannot reach the band', async () => {
		const searched = await searchQuality(model(40 * 1024));
		expect(searched.quality).toBeGreaterThan(FIRST_QUALITY);
		expect(searched.result.size).toBeLessThan(SIZE_BAND.min);
	});

	it('keeps the smallest encode of a scene that stays over the band', async () => {
		const searched = await searchQuality(model(100 * 1024 * 1024));
		expect(searched.encodes).toBe(MAX_ENCODES);
		expect(searched.result.size).toBe(Math.min(...[FIRST_QUALITY, 0.62, 0.4].map((q) => Math.round(100 * 1024 * 1024 * (0.2 + q ** 3)))));
	});
});
