/**
 * PDF structure, as far as its ends go: the header `%PDF-1.0`…`%PDF-1.7` or `%PDF-2.0` at byte
 * 0, and at the end `startxref`, the cross-reference offset (inside the file) and `%%EOF`,
 * followed by at most {@link MAX_PDF_TRAILING_WHITESPACE} bytes of PDF whitespace. Anything
 * else after the last `%%EOF` is refused. Incremental updates (several `%%EOF`) are fine: only
 * the last one ends the file. The objects in between are not parsed.
 */
import { ACCEPTED, refused, type StructureCheck } from './verdict.ts';

export const MAX_PDF_TRAILING_WHITESPACE = 1024;
/** The tail kept: trailing whitespace, `%%EOF`, the offset and `startxref`, with room to spare. */
const TAIL = MAX_PDF_TRAILING_WHITESPACE + 512;
const HEADER = /^%PDF-(?:1\.[0-7]|2\.0)$/;
const ENDING = /startxref[\0\t\n\f\r ]+(\d{1,15})[\0\t\n\f\r ]+%%EOF$/;

const isWhitespace = (byte: number) => byte === 0 || byte === 9 || byte === 10 || byte === 12 || byte === 13 || byte === 32;

export function pdfCheck(): StructureCheck {
	const head: number[] = [];
	let tail = new Uint8Array(0);
	let total = 0;
	let sawEof = false;

	return {
		push(chunk) {
			total += chunk.length;
			for (let i = 0; i < chunk.length && head.length < 8; i++) head.push(chunk[i] ?? 0);
			if (!sawEof) sawEof = Buffer.concat([tail.subarray(-4), chunk]).includes('%%EOF', 0, 'latin1');
			if (chunk.length >= TAIL) tail = chunk.slice(chunk.length - TAIL);
			else {
				const kept = tail.subarray(Math.max(0, tail.length + chunk.length - TAIL));
				const next = new Uint8Array(kept.length + chunk.length);
				next.set(kept);
				next.set(chunk, kept.length);
				tail = next;
			}
		},
		end() {
			if (total === 0) return refused('truncated', 'empty file');
			if (head.length < 8 || !HEADER.test(String.fromCharCode(...head))) return refused('malformed', 'no %PDF-1.x header');
			let end = tail.length;
			while (end > 0 && isWhitespace(tail[end - 1] ?? 0) && tail.length - end <= MAX_PDF_TRAILING_WHITESPACE) end--;
			const text = new TextDecoder('latin1').decode(tail.subarray(0, end));
			if (tail.length - end > MAX_PDF_TRAILING_WHITESPACE) return refused('trailing-data', 'too much after %%EOF');
			if (!text.endsWith('%%EOF')) return refused(sawEof ? 'trailing-data' : 'truncated', 'the file does not end with %%EOF');
			const ending = ENDING.exec(text);
			if (!ending) return refused('malformed', 'no startxref before the last %%EOF');
			const offset = Number(ending[1]);
			if (offset < 9 || offset >= total) return refused('malformed', 'startxref points outside the file');
			return ACCEPTED;
		}
	};
}
