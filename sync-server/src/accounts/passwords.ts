/**
 * Password hashing with scrypt (`node:crypto`), stored as a PHC-style string
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` so the parameters can be raised later without
 * invalidating existing hashes (verification reads them from the string).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** scrypt cost: N = 2^log2N. 15 (32 MiB, ~0.1–0.2 s on one core of the reference box) by default. */
export interface ScryptCost {
	readonly log2N: number;
	readonly r: number;
	readonly p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
	const N = 2 ** cost.log2N;
	const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 128 * N * cost.r * cost.p + 16 * 1024 * 1024 };
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
	});
}

/** Hashes a password with a fresh 16-byte salt. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, cost);
	return `$scrypt$ln=${cost.log2N},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `password` matches a stored hash; false for a malformed hash. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const m = FORMAT.exec(stored);
	if (!m) return false;
	const cost = { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
	if (cost.log2N < 1 || cost.log2N > 22) return false;
	const expected = Buffer.from(m[5] ?? '', 'base64url');
	const key = await derive(password, Buffer.from(m[4] ?? '', 'base64url'), cost);
	return expected.length === key.length && timingSafeEqual(expected, key);
}
