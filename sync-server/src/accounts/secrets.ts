/**
 * Random identifiers and secrets, and how secrets are kept: only their SHA-256 is stored, so a
 * leaked database yields no usable session token or invite code.
 */
import { createHash, randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lowercase RFC 4648 base32 without padding. */
export function toBase32(bytes: Uint8Array): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
		buffer &= (1 << bits) - 1;
	}
	if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
	return out;
}

/** A random id of 16 base32 characters (80 bits): subjects (ROOM-2), accounts, public session ids. */
export function newId(): string {
	return toBase32(randomBytes(10));
}

/** A session token: 32 random bytes, base64url. Travels only in the HttpOnly cookie. */
export function newSessionToken(): string {
	return randomBytes(32).toString('base64url');
}

/** An invite code: 160 random bits as 32 base32 characters (easy to read out and type). */
export function newInviteCode(): string {
	return toBase32(randomBytes(20));
}

/** SHA-256 of a secret, base64url: what the store keeps instead of the secret. */
export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('base64url');
}
