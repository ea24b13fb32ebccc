import { describe, expect, it } from 'vitest';
import { acceptedCodings, parseRange } from '../../../../sync-server/src/http/content-coding.ts';

describe('Accept-Encoding', () => {
	it('prefers brotli, then gzip, honours q-values and q=0, and treats * as any coding not named', () => {
		expect(acceptedCodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
		expect(acceptedCodings('gzip;q=1.0, br;q=0.8')).toEqual(['gzip', 'br']);
		expect(acceptedCodings('br;q=0, gzip')).toEqual(['gzip']);
		expect(acceptedCodings('*;q=0.5, br;q=0')).toEqual(['gzip']);
		expect(acceptedCodings('x-gzip')).toEqual(['gzip']);
		expect(acceptedCodings('BR ; Q=0.2, GZIP;q=0.1')).toEqual(['br', 'gzip']);
	});

	it('accepts none for an absent, identity-only, malformed or oversized header', () => {
		expect(acceptedCodings(undefined)).toEqual([]);
		expect(acceptedCodings('identity')).toEqual([]);
		expect(acceptedCodings('')).toEqual([]);
		expect(acceptedCodings('br;q=abc')).toEqual(['br']);
		expect(acceptedCodings('br, ' + 'x'.repeat(2000))).toEqual([]);
	});
});

describe('Range', () => {
	it('reads one byte range, an open end and a suffix, clamped to the file', () => {
		expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
		expect(parseRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 });
		expect(parseRange('bytes=500-', 1000)).toEqual({ start: 500, end: 999 });
		expect(parseRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 });
		expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
	});

	it('is unsatisfiable past the end, and ignored when absent, malformed, inverted or multiple', () => {
		expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
		expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
		expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
		expect(parseRange(undefined, 1000)).toBeNull();
		expect(parseRange('items=0-1', 1000)).toBeNull();
		expect(parseRange('bytes=9-3', 1000)).toBeNull();
		expect(parseRange('bytes=0-1,4-5', 1000)).toBeNull();
		expect(parseRange('bytes=-', 1000)).toBeNull();
	});
});
