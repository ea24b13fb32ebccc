/**
 * The coded size of a JPEG from its frame header (SOF0–SOF15 except DHT/JPG/DAC: ITU T.81
 * B.2.2), read from the first bytes only, and the decode scale that still covers a long edge.
 * The capture worker asks the decoder for that scale (libjpeg decodes at n/8 of the size with
 * its inverse DCT, far less memory than a full 12 MP frame); pure, so Vitest tests it on bytes.
 */

/** Width and height as coded (before any EXIF orientation), or null when no frame header is found. */
export function jpegCodedSize(bytes: Uint8Array): { width: number; height: number } | null {
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
	let at = 2;
	while (at + 9 <= bytes.length) {
		if (bytes[at] !== 0xff) return null;
		const marker = bytes[at + 1] as number;
		if (marker === 0xff) {
			at++;
			continue;
		}
		if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			at += 2;
			continue;
		}
		const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
		if (length < 2) return null;
		const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isFrame) {
			const height = ((bytes[at + 5] as number) << 8) | (bytes[at + 6] as number);
			const width = ((bytes[at + 7] as number) << 8) | (bytes[at + 8] as number);
			return width > 0 && height > 0 ? { width, height } : null;
		}
		if (marker === 0xda || marker === 0xd9) return null;
		at += 2 + length;
	}
	return null;
}

/**
 * The smallest n/8 scale (n = 1…8) of `size` whose long edge still reaches `longEdge`, as the
 * size to ask the decoder for; the full size when no smaller scale covers it.
 */
export function scaledDecodeSize(size: { width: number; height: number }, longEdge: number): { width: number; height: number } {
	const long = Math.max(size.width, size.height);
	const eighths = Math.min(8, Math.max(1, Math.ceil((8 * longEdge) / long)));
	return { width: Math.ceil((size.width * eighths) / 8), height: Math.ceil((size.height * eighths) / 8) };
}
