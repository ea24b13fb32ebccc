/** Request-header parsing for static files: which precompressed coding to send, and byte ranges. */

export type Coding = 'br' | 'gzip';

/** File suffix of each precompressed variant (adapter-static's `precompress`). */
export const VARIANT_SUFFIX: Record<Coding, string> = { br: '.br', gzip: '.gz' };

/**
 * The codings an `Accept-Encoding` header accepts, best first: a coding with q=0 is refused,
 * a higher q wins, and on a tie brotli (smaller) comes before gzip. `*` stands for any coding
 * not named. An absent header accepts none (identity), which is what curl and tools send.
 */
export function acceptedCodings(header: string | undefined): Coding[] {
	if (header === undefined || header.length > 1024) return [];
	const weights = new Map<string, number>();
	for (const part of header.split(',')) {
		const [rawName, ...params] = part.split(';');
		const name = rawName?.trim().toLowerCase();
		if (!name) continue;
		let weight = 1;
		for (const param of params) {
			const q = /^\s*q\s*=\s*([0-9](?:\.[0-9]{0,3})?)\s*$/i.exec(param);
			if (q) weight = Math.min(1, Number(q[1]));
		}
		weights.set(name === 'x-gzip' ? 'gzip' : name, weight);
	}
	const star = weights.get('*') ?? 0;
	const weightOf = (coding: Coding) => weights.get(coding) ?? star;
	return (['br', 'gzip'] as const).filter((c) => weightOf(c) > 0).sort((a, b) => weightOf(b) - weightOf(a));
}

/** A satisfiable byte range, inclusive bounds. */
export interface ByteRange {
	start: number;
	end: number;
}

/**
 * The one range of a `Range: bytes=…` header against a file of `size` bytes: a range to send,
 * 'unsatisfiable' (answer 416), or null to ignore the header and send the whole file (absent,
 * malformed, another unit, or several ranges — RFC 9110 lets a server ignore Range).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
	if (header === undefined) return null;
	const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
	if (!match) return null;
	const [, first = '', last = ''] = match;
	if (first === '' && last === '') return null;
	if (first === '') {
		const suffix = Number(last);
		if (suffix === 0 || size === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(first);
	const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
	if (last !== '' && Number(last) < start) return null;
	if (start >= size) return 'unsatisfiable';
	return { start, end };
}
