/**
 * JPEG header surgery for the capture tests, written from the JPEG (ITU T.81) and Exif 2.3
 * layouts: list the marker segments before the scan, and insert an APP1 Exif segment carrying
 * an orientation, a camera make and a GPS position (so a test can prove the pipeline drops them).
 */

export interface Segment {
	marker: number;
	/** Offset of the 0xFF byte. */
	offset: number;
	/** Payload length in bytes (after the 2 length bytes). */
	length: number;
	payload: Uint8Array;
}

/** The segments from SOI up to and including SOS (throws on a malformed header). */
export function jpegSegments(bytes: Uint8Array): Segment[] {
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG (no SOI)');
	const segments: Segment[] = [];
	let at = 2;
	while (at + 4 <= bytes.length) {
		if (bytes[at] !== 0xff) throw new Error(`expected a marker at ${at}`);
		const marker = bytes[at + 1] as number;
		if (marker === 0xff) {
			at++;
			continue;
		}
		const length = (((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number)) - 2;
		segments.push({ marker, offset: at, length, payload: bytes.subarray(at + 4, at + 4 + length) });
		if (marker === 0xda) break;
		at += 4 + length;
	}
	return segments;
}

/** Whether the byte string occurs anywhere in the file. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
	outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
}

export const EXIF_HEADER = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0]);

/** A little-endian TIFF/Exif block: IFD0 (Orientation, Make, GPS pointer) and a GPS IFD (Beijing). */
function exifPayload(orientation: number): Uint8Array {
	const make = new TextEncoder().encode('BeianTestCam\0');
	// Layout: header 8 | IFD0 (2 + 3·12 + 4 = 42) at 8 | make at 50 | GPS IFD (2 + 4·12 + 4 = 54) at 63 | rationals at 117.
	const ifd0 = 8;
	const makeAt = ifd0 + 42;
	const gps = makeAt + make.length;
	const rationals = gps + 54;
	const buffer = new ArrayBuffer(rationals + 6 * 8);
	const view = new DataView(buffer);
	const u8 = new Uint8Array(buffer);
	u8.set([0x49, 0x49, 0x2a, 0x00]);
	view.setUint32(4, ifd0, true);
	const entry = (at: number, tag: number, type: number, count: number, value: number, inline16 = false) => {
		view.setUint16(at, tag, true);
		view.setUint16(at + 2, type, true);
		view.setUint32(at + 4, count, true);
		if (inline16) view.setUint16(at + 8, value, true);
		else view.setUint32(at + 8, value, true);
	};
	view.setUint16(ifd0, 3, true);
	entry(ifd0 + 2, 0x010f, 2, make.length, makeAt); // Make
	entry(ifd0 + 14, 0x0112, 3, 1, orientation, true); // Orientation
	entry(ifd0 + 26, 0x8825, 4, 1, gps); // GPSInfo IFD pointer
	view.setUint32(ifd0 + 38, 0, true);
	u8.set(make, makeAt);
	view.setUint16(gps, 4, true);
	entry(gps + 2, 0x0001, 2, 2, 0x4e, true); // GPSLatitudeRef 'N'
	entry(gps + 14, 0x0002, 5, 3, rationals); // GPSLatitude
	entry(gps + 26, 0x0003, 2, 2, 0x45, true); // GPSLongitudeRef 'E'
	entry(gps + 38, 0x0004, 5, 3, rationals + 24); // GPSLongitude
	view.setUint32(gps + 50, 0, true);
	[39, 1, 54, 1, 2700, 100, 116, 1, 23, 1, 2900, 100].forEach((n, i) => view.setUint32(rationals + i * 4, n, true));
	const payload = new Uint8Array(EXIF_HEADER.length + u8.length);
	payload.set(EXIF_HEADER);
	payload.set(u8, EXIF_HEADER.length);
	return payload;
}

/** The JPEG with an APP1 Exif segment right after SOI. */
export function withExif(jpeg: Uint8Array, orientation: number): Uint8Array {
	jpegSegments(jpeg);
	const payload = exifPayload(orientation);
	const segment = new Uint8Array(4 + payload.length);
	segment.set([0xff, 0xe1, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff]);
	segment.set(payload, 4);
	const out = new Uint8Array(jpeg.length + segment.length);
	out.set(jpeg.subarray(0, 2));
	out.set(segment, 2);
	out.set(jpeg.subarray(2), 2 + segment.length);
	return out;
}

/** The APP1 segments that carry Exif. */
export function exifSegments(jpeg: Uint8Array): Segment[] {
	return jpegSegments(jpeg).filter((s) => s.marker === 0xe1 && containsBytes(s.payload.subarray(0, 6), EXIF_HEADER));
}
