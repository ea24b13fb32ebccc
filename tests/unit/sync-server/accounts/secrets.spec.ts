import { describe, expect, it } from 'vitest';
import { hashSecret, newId, newInviteCode, newSessionToken, toBase32 } from '../../../../sync-server/src/accounts/secrets.ts';
import { isSubjectId } from '../../../../src/lib/domain/workspace/room.ts';

describe('secrets', () => {
	it('encodes RFC 4648 base32 (lowercase, unpadded)', () => {
		expect(toBase32(new TextEncoder().encode('foobar'))).toBe('mzxw6ytboi');
		expect(toBase32(new Uint8Array())).toBe('');
	});

	it('ROOM-2 issues ids that are valid subject ids, and long random tokens and codes', () => {
		const ids = new Set(Array.from({ length: 200 }, newId));
		expect(ids.size).toBe(200);
		for (const id of ids) expect(isSubjectId(id)).toBe(true);
		expect(newSessionToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(newInviteCode()).toMatch(/^[a-z2-7]{32}$/);
	});

	it('keeps only a SHA-256 of a secret', () => {
		expect(hashSecret('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
		expect(hashSecret('abc')).not.toContain('abc');
	});
});
