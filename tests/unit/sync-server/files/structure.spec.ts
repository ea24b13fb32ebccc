/**
 * The upload structure checks on files built in the test: valid ones pass (as one buffer and
 * in every chunking), and truncated, appended-to, corrupted and hostile ones are refused.
 */
import { describe, expect, it } from 'vitest';
import { checkStructure, structureCheck, type StructureVerdict } from '../../../../sync-server/src/files/structure/index.ts';
import { MAX_JPEG_IMAGES } from '../../../../sync-server/src/files/structure/jpeg.ts';
import type { BlobMime } from '../../../../sync-server/src/storage/blob-store.ts';
import { html, jpeg, mpfSegment, pdf, png, PNG_SIGNATURE, pngChunk, zip } from '../../../support/file-samples.ts';

const ok: StructureVerdict = { ok: true };
const problem = (verdict: StructureVerdict) => (verdict.ok ? 'ok' : verdict.problem);

/** The verdict when the bytes arrive in pieces of `size` bytes. */
function chunked(mime: BlobMime, bytes: Uint8Array, size: number): StructureVerdict {
	const check = structureCheck(mime);
	for (let at = 0; at < bytes.length; at += size) check.push(bytes.subarray(at, at + size));
	return check.end();
}

const samples: [BlobMime, Buffer][] = [
	['image/jpeg', jpeg()],
	['image/png', png()],
	['application/pdf', pdf()]
];

describe('upload structure checks', () => {
	it.each(samples)('accepts a valid %s, whole and in every chunk size', (mime, bytes) => {
		expect(checkStructure(mime, bytes)).toEqual(ok);
		for (const size of [1, 2, 3, 7, 64, 1000]) expect(chunked(mime, bytes, size)).toEqual(ok);
	});

	it.each(samples)('accepts a large padded %s of an exact size', (mime) => {
		const make = { 'image/jpeg': jpeg, 'image/png': png, 'application/pdf': pdf }[mime];
		const bytes = make({ size: 300_000, seed: 3 });
		expect(bytes.length).toBe(300_000);
		expect(chunked(mime, bytes, 65_536)).toEqual(ok);
	});

	it.each(samples)('refuses an empty file and every truncation of a valid %s', (mime, bytes) => {
		expect(checkStructure(mime, new Uint8Array(0))).toEqual({ ok: false, problem: 'truncated', detail: 'empty file' });
		// A PDF's final newline is optional whitespace: cutting only that leaves it whole.
		const whole = mime === 'application/pdf' ? bytes.length - 1 : bytes.length;
		for (let cut = 1; cut < whole; cut++) {
			const verdict = checkStructure(mime, bytes.subarray(0, cut));
			expect(verdict.ok, `cut at ${cut}`).toBe(false);
		}
	});

	it.each(samples)('refuses HTML or a ZIP appended to a valid %s (the polyglot upload)', (mime, bytes) => {
		for (const tail of [html(4096), zip(4096), Buffer.from('x'), Buffer.from('\n<html>')]) {
			const verdict = checkStructure(mime, Buffer.concat([bytes, tail]));
			expect(verdict.ok).toBe(false);
			expect(chunked(mime, Buffer.concat([bytes, tail]), 100).ok).toBe(false);
		}
		expect(problem(checkStructure(mime, Buffer.concat([bytes, html(4096)])))).toBe('trailing-data');
	});
});

describe('JPEG', () => {
	it('refuses JPEG magic followed by HTML (no segments)', () => {
		expect(problem(checkStructure('image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html(1000)])))).not.toBe('ok');
		expect(problem(checkStructure('image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8]), html(1000)])))).toBe('malformed');
	});

	it('refuses a huge segment length that runs past the end, and lengths under 2', () => {
		const bytes = jpeg();
		const huge = Buffer.from(bytes);
		huge.writeUInt16BE(0xffff, 4); // APP0's length
		expect(problem(checkStructure('image/jpeg', huge))).toBe('truncated');
		const zero = Buffer.from(bytes);
		zero.writeUInt16BE(0, 4);
		expect(problem(checkStructure('image/jpeg', zero))).toBe('malformed');
		expect(problem(checkStructure('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xd9])))).toBe('malformed');
	});

	it('reads scan data with stuffed bytes, restart markers and fill bytes, and refuses a bare marker inside it', () => {
		const base = jpeg({ blocks: 1 });
		const eoi = base.length - 2;
		const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff]);
		const stuffed = Buffer.concat([base.subarray(0, eoi - 1), scan, base.subarray(eoi)]);
		expect(checkStructure('image/jpeg', stuffed)).toEqual(ok);
		expect(chunked('image/jpeg', stuffed, 1)).toEqual(ok);
		const bare = Buffer.concat([base.subarray(0, eoi - 1), Buffer.from([0x12, 0xff, 0xd8, 0x00]), base.subarray(eoi)]);
		expect(problem(checkStructure('image/jpeg', bare))).toBe('malformed');
	});

	it('refuses a JPEG without a frame or a scan, and a second SOI', () => {
		const noFrame = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from([0xff, 0xfe, 0, 4, 1, 2]), Buffer.from([0xff, 0xd9])]);
		expect(problem(checkStructure('image/jpeg', noFrame))).toBe('malformed');
		const nested = Buffer.concat([Buffer.from([0xff, 0xd8]), jpeg()]);
		expect(problem(checkStructure('image/jpeg', nested))).toBe('malformed');
	});

	it('accepts further whole images after EOI only behind an MPF index (phone gain maps), each checked', () => {
		const gainMap = jpeg({ seed: 2 });
		const primary = jpeg({ app: [mpfSegment()] });
		expect(checkStructure('image/jpeg', Buffer.concat([primary, gainMap]))).toEqual(ok);
		expect(chunked('image/jpeg', Buffer.concat([primary, gainMap, gainMap]), 5)).toEqual(ok);
		expect(problem(checkStructure('image/jpeg', Buffer.concat([jpeg(), gainMap])))).toBe('trailing-data');
		expect(problem(checkStructure('image/jpeg', Buffer.concat([primary, html(4096)])))).toBe('trailing-data');
		expect(problem(checkStructure('image/jpeg', Buffer.concat([primary, gainMap.subarray(0, 50)])))).toBe('truncated');
		expect(problem(checkStructure('image/jpeg', Buffer.concat([primary, gainMap, Buffer.from('<')])))).toBe('trailing-data');
		const many = Buffer.concat([primary, ...new Array<Buffer>(MAX_JPEG_IMAGES).fill(gainMap)]);
		expect(problem(checkStructure('image/jpeg', many))).toBe('trailing-data');
	});
});

describe('PNG', () => {
	const ihdr = (bytes: Buffer) => bytes.subarray(8, 33);

	it('refuses a bad CRC in any chunk', () => {
		const bytes = png();
		for (const at of [30, 40, bytes.length - 1]) {
			const bad = Buffer.from(bytes);
			bad[at] = (bad[at] ?? 0) ^ 0x01;
			expect(checkStructure('image/png', bad).ok, `flip at ${at}`).toBe(false);
		}
		const badCrc = Buffer.from(bytes);
		badCrc[32] = (badCrc[32] ?? 0) ^ 0xff; // IHDR's CRC
		expect(checkStructure('image/png', badCrc)).toEqual({ ok: false, problem: 'malformed', detail: 'bad CRC in IHDR' });
	});

	it('refuses a chunk length over 2^31−1 and a length that runs past the end', () => {
		const bytes = png();
		const overflow = Buffer.concat([PNG_SIGNATURE, ihdr(bytes), Buffer.from([0xff, 0xff, 0xff, 0xf0]), Buffer.from('IDAT')]);
		expect(checkStructure('image/png', overflow)).toEqual({ ok: false, problem: 'malformed', detail: 'chunk length 4294967280 over 2^31-1' });
		const runs = Buffer.concat([PNG_SIGNATURE, ihdr(bytes), Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from('IDAT'), Buffer.alloc(5000)]);
		expect(problem(checkStructure('image/png', runs))).toBe('truncated');
	});

	it('refuses chunk order breaks: not IHDR first, no IDAT, split IDATs, a chunk after IEND, a non-empty IEND', () => {
		const bytes = png();
		const idat = pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
		const cases: [Buffer, string][] = [
			[Buffer.concat([PNG_SIGNATURE, idat, ihdr(bytes), pngChunk('IEND')]), 'first chunk is not IHDR'],
			[Buffer.concat([PNG_SIGNATURE, ihdr(bytes), pngChunk('IEND')]), 'no IDAT before IEND'],
			[Buffer.concat([PNG_SIGNATURE, ihdr(bytes), idat, pngChunk('tEXt', Buffer.from('a\0b')), idat, pngChunk('IEND')]), 'IDAT chunks are not consecutive'],
			[Buffer.concat([PNG_SIGNATURE, ihdr(bytes), idat, pngChunk('IEND', Buffer.from('x'))]), 'IEND is not empty'],
			[Buffer.concat([PNG_SIGNATURE, ihdr(bytes), ihdr(bytes), idat, pngChunk('IEND')]), 'a second IHDR'],
			[Buffer.concat([PNG_SIGNATURE, ihdr(bytes), idat, pngChunk('I D@', Buffer.alloc(0)), pngChunk('IEND')]), 'chunk type is not four letters']
		];
		for (const [file, detail] of cases) expect(checkStructure('image/png', file)).toEqual({ ok: false, problem: 'malformed', detail });
		expect(problem(checkStructure('image/png', Buffer.concat([bytes, pngChunk('tEXt', Buffer.from('a\0b'))])))).toBe('trailing-data');
	});

	it('refuses an IHDR with a zero size or an impossible bit depth', () => {
		const header = (width: number, depth: number, colour: number) => {
			const data = Buffer.alloc(13);
			data.writeUInt32BE(width, 0);
			data.writeUInt32BE(1, 4);
			data.set([depth, colour, 0, 0, 0], 8);
			return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', data), pngChunk('IDAT', Buffer.alloc(2)), pngChunk('IEND')]);
		};
		expect(checkStructure('image/png', header(1, 8, 2))).toEqual(ok);
		expect(problem(checkStructure('image/png', header(0, 8, 2)))).toBe('malformed');
		expect(problem(checkStructure('image/png', header(1, 4, 2)))).toBe('malformed');
		expect(problem(checkStructure('image/png', header(1, 8, 5)))).toBe('malformed');
	});
});

describe('PDF', () => {
	it('accepts PDF 1.0–1.7 and 2.0, trailing newlines and incremental updates', () => {
		for (const version of ['1.0', '1.4', '1.7', '2.0']) expect(checkStructure('application/pdf', pdf({ version }))).toEqual(ok);
		expect(checkStructure('application/pdf', Buffer.concat([pdf(), Buffer.from('\r\n \0\n')]))).toEqual(ok);
		const update = Buffer.from('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstartxref\n9\n%%EOF\n');
		expect(checkStructure('application/pdf', Buffer.concat([pdf(), update]))).toEqual(ok);
	});

	it('refuses other headers, a missing startxref, an offset outside the file and too much whitespace', () => {
		expect(problem(checkStructure('application/pdf', Buffer.from(pdf().toString('latin1').replace('%PDF-1.7', '%PDF-3.1'), 'latin1')))).toBe('malformed');
		expect(problem(checkStructure('application/pdf', Buffer.from('%PDF-1.4\n% no trailer\n%%EOF\n')))).toBe('malformed');
		expect(problem(checkStructure('application/pdf', Buffer.from('%PDF-1.4\nstartxref\n99999\n%%EOF\n')))).toBe('malformed');
		expect(problem(checkStructure('application/pdf', Buffer.concat([pdf(), Buffer.alloc(2000, 0x20)])))).toBe('trailing-data');
		expect(problem(checkStructure('application/pdf', Buffer.from('%PDF-1.4\n')))).toBe('truncated');
	});
});
