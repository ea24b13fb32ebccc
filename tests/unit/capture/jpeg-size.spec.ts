/** The JPEG frame-header reader and the decode scale the capture worker asks `ImageDecoder` for. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jpegCodedSize, scaledDecodeSize } from '../../../src/lib/capture/jpeg-size.ts';
import { withExif } from '../../support/jpeg-exif.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/capture/calibration/${name}`, import.meta.url)));

/** SOI, then one segment of `marker` with `payload`, then an SOF of the given kind and size. */
function handMade(sof: number, width: number, height: number, before: number[][] = []): Uint8Array {
	const segments = before.flatMap(([marker, ...payload]) => [0xff, marker as number, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff, ...payload]);
	const frame = [0xff, sof, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
	return new Uint8Array([0xff, 0xd8, ...segments, ...frame, 0xff, 0xda, 0, 2]);
}

describe('jpegCodedSize', () => {
	it('reads the size of a committed camera-like fixture past its Exif segment', () => {
		const bytes = fixture('sharp.jpg');
		const size = jpegCodedSize(bytes.subarray(0, 64 * 1024));
		expect(size).not.toBeNull();
		expect(Math.max(size!.width, size!.height)).toBeGreaterThan(0);
		// An Exif orientation added in front changes nothing: the coded size is before rotation.
		expect(jpegCodedSize(withExif(bytes, 6).subarray(0, 64 * 1024))).toEqual(size);
	});

	it.each([0xc0, 0xc1, 0xc2, 0xc3])('reads baseline, extended, progressive and lossless frames (SOF %i)', (sof) => {
		expect(jpegCodedSize(handMade(sof, 4032, 3024, [[0xe0, 1, 2, 3], [0xdb, ...new Array(65).fill(1)]]))).toEqual({ width: 4032, height: 3024 });
	});

	it('does not take a Huffman table (C4), DAC (CC) or JPG (C8) segment for a frame header', () => {
		expect(jpegCodedSize(handMade(0xc0, 640, 480, [[0xc4, 0, 0x0b, 0x0c, 0x0d, 0x0e, 0, 0], [0xcc, 9, 9, 9, 9, 9, 9, 9]]))).toEqual({ width: 640, height: 480 });
	});

	it('answers null for bytes that are not a JPEG, a header cut short, or a scan before any frame header', () => {
		expect(jpegCodedSize(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
		expect(jpegCodedSize(handMade(0xc0, 640, 480).subarray(0, 8))).toBeNull();
		expect(jpegCodedSize(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xc0, 0, 11, 8, 0, 10, 0, 10]))).toBeNull();
		expect(jpegCodedSize(handMade(0xc0, 0, 480))).toBeNull();
	});
});

describe('scaledDecodeSize', () => {
	it('asks for half of a 12 MP frame, the smallest eighth that still covers 1600 px', () => {
		expect(scaledDecodeSize({ width: 4032, height: 3024 }, 1600)).toEqual({ width: 2016, height: 1512 });
		expect(scaledDecodeSize({ width: 3024, height: 4032 }, 1600)).toEqual({ width: 1512, height: 2016 });
	});

	it('never goes under the long edge, and keeps a photo already at or under it whole', () => {
		for (const long of [1601, 1999, 2400, 3199, 3200, 4000, 6000, 12_800, 20_000]) {
			const size = scaledDecodeSize({ width: long, height: Math.round(long * 0.75) }, 1600);
			expect(size.width).toBeGreaterThanOrEqual(1600);
			expect(size.width).toBeLessThanOrEqual(long);
		}
		expect(scaledDecodeSize({ width: 1600, height: 1200 }, 1600)).toEqual({ width: 1600, height: 1200 });
		expect(scaledDecodeSize({ width: 800, height: 600 }, 1600)).toEqual({ width: 800, height: 600 });
		expect(scaledDecodeSize({ width: 12_800, height: 9600 }, 1600)).toEqual({ width: 1600, height: 1200 });
	});
});
