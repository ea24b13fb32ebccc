/**
 * JPEG structure, read to its end: SOI, then marker segments (each `FF xx` + a 2-byte length
 * that counts itself), a frame (SOFn) before the first scan (SOS), each scan's entropy-coded
 * data (where `FF 00` is a stuffed byte and `FF D0..D7` a restart marker) up to the next marker,
 * and EOI. Nothing may follow EOI — except, when the first image carries a Multi-Picture
 * Format index (an APP2 segment starting `MPF\0`), further whole JPEG images right after it:
 * that is how phones store an HDR gain map or a depth map (Ultra HDR, Apple's gain maps), and
 * refusing it would refuse their ordinary photos. Each such image is checked the same way.
 */
import { ACCEPTED, refused, type StructureCheck, type StructureVerdict } from './verdict.ts';

/** Images one file may chain through MPF (a primary plus gain map, depth map, previews). */
export const MAX_JPEG_IMAGES = 8;

type State = 'soi0' | 'soi1' | 'marker' | 'code' | 'len0' | 'len1' | 'skip' | 'entropy' | 'entropy-ff' | 'after-eoi' | 'next-soi';

const SOS = 0xda;
const APP2 = 0xe2;
const MPF_TAG = [0x4d, 0x50, 0x46, 0x00]; // "MPF\0"

/** SOF0..SOF15 without DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isFrameMarker(code: number): boolean {
	return code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;
}

export function jpegCheck(): StructureCheck {
	let state: State = 'soi0';
	let verdict: StructureVerdict | null = null;
	let code = 0;
	let length = 0;
	let remaining = 0;
	let tagMatched = 0;
	let sawFrame = false;
	let sawScan = false;
	let multiPicture = false;
	let images = 0;
	let total = 0;

	const fail = (problem: 'malformed' | 'trailing-data', detail: string) => void (verdict ??= refused(problem, detail));

	function onMarker(marker: number): void {
		if (marker === 0xd9) {
			if (!sawFrame || !sawScan) return fail('malformed', 'EOI before a frame and a scan');
			images++;
			state = 'after-eoi';
			return;
		}
		if (marker === 0xd8) return fail('malformed', 'SOI inside an image');
		if (marker >= 0xd0 && marker <= 0xd7) return fail('malformed', 'restart marker outside scan data');
		if (marker === 0x00) return fail('malformed', 'FF 00 where a marker belongs');
		if (marker === 0x01) return void (state = 'marker'); // TEM: no length
		code = marker;
		state = 'len0';
	}

	function onLength(): void {
		if (length < 2) return fail('malformed', `segment length ${length}`);
		if (isFrameMarker(code)) {
			if (length < 8) return fail('malformed', 'frame header too short');
			sawFrame = true;
		}
		if (code === SOS) {
			if (!sawFrame) return fail('malformed', 'scan before a frame');
			if (length < 8) return fail('malformed', 'scan header too short');
			sawScan = true;
		}
		remaining = length - 2;
		tagMatched = 0;
		state = remaining > 0 ? 'skip' : afterSegment();
	}

	function afterSegment(): State {
		if (code === APP2 && images === 0 && tagMatched === MPF_TAG.length) multiPicture = true;
		return code === SOS ? 'entropy' : 'marker';
	}

	function push(chunk: Uint8Array): void {
		total += chunk.length;
		let i = 0;
		while (i < chunk.length && verdict === null) {
			switch (state) {
				case 'skip': {
					// The first bytes of an APP2 say whether it is the MPF index.
					while (code === APP2 && tagMatched < MPF_TAG.length && tagMatched === length - 2 - remaining && remaining > 0 && i < chunk.length) {
						if (chunk[i] === MPF_TAG[tagMatched]) tagMatched++;
						i++;
						remaining--;
					}
					const take = Math.min(remaining, chunk.length - i);
					i += take;
					remaining -= take;
					if (remaining === 0) state = afterSegment();
					break;
				}
				case 'entropy': {
					const at = chunk.indexOf(0xff, i);
					if (at < 0) i = chunk.length;
					else {
						i = at + 1;
						state = 'entropy-ff';
					}
					break;
				}
				default:
					step(chunk[i++] ?? 0);
			}
		}
	}

	function step(byte: number): void {
		switch (state) {
			case 'soi0':
			case 'soi1':
			case 'next-soi': {
				const expected = state === 'soi0' ? 0xff : 0xd8;
				if (state === 'next-soi' && byte !== 0xd8) return fail('trailing-data', 'bytes after EOI');
				if (byte !== expected) return fail('malformed', 'no SOI');
				if (state === 'soi0') return void (state = 'soi1');
				sawFrame = sawScan = false;
				return void (state = 'marker');
			}
			case 'marker':
				if (byte !== 0xff) return fail('malformed', 'bytes where a marker belongs');
				return void (state = 'code');
			case 'code':
				if (byte !== 0xff) onMarker(byte); // FF FF…: fill bytes before a marker
				return;
			case 'len0':
				length = byte << 8;
				return void (state = 'len1');
			case 'len1':
				length |= byte;
				return onLength();
			case 'entropy-ff':
				if (byte === 0x00 || (byte >= 0xd0 && byte <= 0xd7)) return void (state = 'entropy');
				if (byte !== 0xff) onMarker(byte);
				return;
			case 'after-eoi':
				if (!multiPicture || images >= MAX_JPEG_IMAGES || byte !== 0xff) return fail('trailing-data', 'bytes after EOI');
				return void (state = 'next-soi');
		}
	}

	return {
		push,
		end() {
			if (verdict) return verdict;
			if (total === 0) return refused('truncated', 'empty file');
			if (state === 'after-eoi') return ACCEPTED;
			if (state === 'next-soi') return refused('trailing-data', 'bytes after EOI');
			return refused('truncated', 'the file ends before EOI');
		}
	};
}
