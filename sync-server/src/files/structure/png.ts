/**
 * PNG structure, read to its end: the 8-byte signature, then chunks of `length (4, ≤ 2^31−1) ·
 * type (4 ASCII letters) · data · CRC-32 of type and data`. IHDR comes first (13 bytes, a
 * non-zero size, a valid bit depth for its colour type), IDAT chunks are consecutive, and IEND
 * (empty) is last: nothing may follow it. The image data is not inflated — a structure check,
 * not a decoder.
 */
import { crc32 } from 'node:zlib';
import { ACCEPTED, refused, type StructureCheck, type StructureVerdict } from './verdict.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_CHUNK_LENGTH = 0x7fffffff;
/** Allowed bit depths per colour type (PNG spec, table 11.1). */
const BIT_DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

type State = 'signature' | 'header' | 'data' | 'crc' | 'after-iend';

export function pngCheck(): StructureCheck {
	let state: State = 'signature';
	let verdict: StructureVerdict | null = null;
	const small = new Uint8Array(13); // signature/header/CRC bytes, or IHDR's data
	let filled = 0;
	let length = 0;
	let type = '';
	let remaining = 0;
	let crc = 0;
	let chunks = 0;
	let idat: 'none' | 'open' | 'closed' = 'none';
	let total = 0;

	const fail = (problem: 'malformed' | 'trailing-data', detail: string) => void (verdict ??= refused(problem, detail));
	const u32 = (at: number) => ((small[at] ?? 0) * 0x1000000 + ((small[at + 1] ?? 0) << 16) + ((small[at + 2] ?? 0) << 8) + (small[at + 3] ?? 0));

	function onHeader(): void {
		length = u32(0);
		type = String.fromCharCode(...small.subarray(4, 8));
		if (length > MAX_CHUNK_LENGTH) return fail('malformed', `chunk length ${length} over 2^31-1`);
		if (!/^[A-Za-z]{4}$/.test(type)) return fail('malformed', 'chunk type is not four letters');
		if (chunks === 0 && type !== 'IHDR') return fail('malformed', 'first chunk is not IHDR');
		if (chunks > 0 && type === 'IHDR') return fail('malformed', 'a second IHDR');
		if (type === 'IHDR' && length !== 13) return fail('malformed', 'IHDR is not 13 bytes');
		if (type === 'IEND' && length !== 0) return fail('malformed', 'IEND is not empty');
		if (type === 'IDAT') {
			if (idat === 'closed') return fail('malformed', 'IDAT chunks are not consecutive');
			idat = 'open';
		} else if (idat === 'open') idat = 'closed';
		if (type === 'IEND' && idat === 'none') return fail('malformed', 'no IDAT before IEND');
		chunks++;
		crc = crc32(small.subarray(4, 8));
		remaining = length;
		filled = 0;
		state = remaining > 0 ? 'data' : 'crc';
	}

	function onImageHeader(): void {
		const width = u32(0);
		const height = u32(4);
		const [depth = 0, colour = 0, compression, filter, interlace = 0] = small.subarray(8, 13);
		if (width === 0 || height === 0 || width > MAX_CHUNK_LENGTH || height > MAX_CHUNK_LENGTH) return fail('malformed', 'IHDR size out of range');
		if (!BIT_DEPTHS[colour]?.includes(depth)) return fail('malformed', 'IHDR bit depth/colour type');
		if (compression !== 0 || filter !== 0 || interlace > 1) return fail('malformed', 'IHDR methods');
	}

	function push(chunk: Uint8Array): void {
		total += chunk.length;
		let i = 0;
		while (i < chunk.length && verdict === null) {
			if (state === 'after-iend') return fail('trailing-data', 'bytes after IEND');
			if (state === 'data') {
				const take = Math.min(remaining, chunk.length - i);
				const piece = chunk.subarray(i, i + take);
				crc = crc32(piece, crc);
				if (type === 'IHDR') small.set(piece, length - remaining);
				i += take;
				remaining -= take;
				if (remaining === 0) {
					if (type === 'IHDR') onImageHeader();
					filled = 0;
					state = 'crc';
				}
				continue;
			}
			const want = state === 'signature' ? 8 : state === 'header' ? 8 : 4;
			const take = Math.min(want - filled, chunk.length - i);
			small.set(chunk.subarray(i, i + take), filled);
			filled += take;
			i += take;
			if (filled < want) continue;
			if (state === 'signature') {
				if (!SIGNATURE.every((byte, at) => small[at] === byte)) return fail('malformed', 'no PNG signature');
				filled = 0;
				state = 'header';
			} else if (state === 'header') onHeader();
			else {
				if (u32(0) !== crc) return fail('malformed', `bad CRC in ${type}`);
				filled = 0;
				state = type === 'IEND' ? 'after-iend' : 'header';
			}
		}
	}

	return {
		push,
		end() {
			if (verdict) return verdict;
			if (total === 0) return refused('truncated', 'empty file');
			return state === 'after-iend' ? ACCEPTED : refused('truncated', 'the file ends before IEND');
		}
	};
}
