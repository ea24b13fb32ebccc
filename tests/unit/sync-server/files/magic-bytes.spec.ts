import { describe, expect, it } from 'vitest';
import { toJsonError, TusError } from '../../../../sync-server/src/files/errors.ts';
import { couldBeAccepted, isSha256, sniffMime } from '../../../../sync-server/src/storage/blob-store.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('type by magic bytes', () => {
	it('recognises JPEG, PNG and PDF from their first bytes only', () => {
		expect(sniffMime(bytes(0xff, 0xd8, 0xff, 0xe1))).toBe('image/jpeg');
		expect(sniffMime(bytes(...PNG, 0))).toBe('image/png');
		expect(sniffMime(new TextEncoder().encode('%PDF-1.4'))).toBe('application/pdf');
	});

	it('refuses everything else, including look-alikes, text, GIF, WebP and empty input', () => {
		for (const head of [bytes(), bytes(0xff, 0xd8), bytes(...PNG.slice(0, 7), 0), new TextEncoder().encode('GIF89a'), new TextEncoder().encode('RIFF....WEBP'), new TextEncoder().encode('%PDF'), new TextEncoder().encode('<svg>')]) {
			expect(sniffMime(head)).toBeNull();
		}
	});

	it('judges a partial head: a prefix of a signature may still become one, anything else never will', () => {
		expect(couldBeAccepted(bytes())).toBe(true);
		expect(couldBeAccepted(bytes(0x89, 0x50))).toBe(true);
		expect(couldBeAccepted(bytes(0xff))).toBe(true);
		expect(couldBeAccepted(bytes(0x25, 0x50, 0x44))).toBe(true);
		expect(couldBeAccepted(bytes(0x47))).toBe(false);
		expect(couldBeAccepted(bytes(...PNG.slice(0, 7), 0x00))).toBe(false);
		expect(couldBeAccepted(bytes(0xff, 0xd8, 0xff, 1, 2, 3, 4, 5))).toBe(true);
	});

	it('accepts only lowercase hex SHA-256 digests as hashes', () => {
		expect(isSha256('0'.repeat(64))).toBe(true);
		for (const bad of ['0'.repeat(63), 'F'.repeat(64), `${'0'.repeat(63)}/`, 42, null]) expect(isSha256(bad)).toBe(false);
	});
});

describe('tus error bodies', () => {
	it('keeps Beian JSON errors and wraps tus plain-text errors in the same shape', () => {
		expect(toJsonError(new TusError(460, 'hash-mismatch', 'no'))).toEqual({ status_code: 460, body: '{"error":"hash-mismatch","message":"no"}' });
		expect(toJsonError({ status_code: 409, body: 'Upload-Offset conflict\n' })).toEqual({
			status_code: 409,
			body: JSON.stringify({ error: 'offset-conflict', message: 'Upload-Offset conflict' })
		});
		expect(JSON.parse(toJsonError(new Error('disk on fire')).body)).toEqual({ error: 'internal', message: 'Internal server error' });
	});
});
