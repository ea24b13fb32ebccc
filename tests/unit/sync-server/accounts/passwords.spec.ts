import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../sync-server/src/accounts/passwords.ts';

const COST = { log2N: 10, r: 8, p: 1 };

describe('passwords (scrypt)', () => {
	it('hashes with a fresh salt into a PHC-style string and verifies only the same password', async () => {
		const a = await hashPassword('correct horse battery', COST);
		const b = await hashPassword('correct horse battery', COST);
		expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
		expect(a).not.toBe(b);
		expect(await verifyPassword('correct horse battery', a)).toBe(true);
		expect(await verifyPassword('correct horse batterY', a)).toBe(false);
		expect(await verifyPassword('', a)).toBe(false);
	});

	it('treats canonically equal Unicode passwords as equal (NFC)', async () => {
		const hash = await hashPassword('caf\u00e9 密码 1234', COST);
		expect(await verifyPassword('cafe\u0301 密码 1234', hash)).toBe(true);
	});

	it('reads the cost from the stored hash, and refuses malformed or absurd ones', async () => {
		const cheap = await hashPassword('password-1', { log2N: 4, r: 1, p: 1 });
		expect(await verifyPassword('password-1', cheap)).toBe(true);
		for (const stored of ['', 'plain', '$scrypt$ln=30,r=8,p=1$AAAA$AAAA', '$bcrypt$whatever']) {
			expect(await verifyPassword('password-1', stored)).toBe(false);
		}
	});
});
