/**
 * The device vault: one AES-GCM key per account on this device (WebCrypto, generated
 * non-extractable and kept in IndexedDB as a `CryptoKey`, which IndexedDB stores by structured
 * clone — script can use it but never read its bits), under which that account's document bytes
 * are stored. ID photos are sensitive personal information (PIPL): nothing in IndexedDB is a
 * readable photo, and removing an account's key makes whatever of its rows a crash left behind
 * unreadable.
 *
 * Each sealing uses a fresh random 96-bit IV; the additional data binds the ciphertext to its
 * account, hash and type, so a row copied under another account or hash does not open.
 */
import { z } from 'zod/mini';
import type { BeianDb } from './db.ts';

/** What a row keeps of sealed bytes: the IV and the ciphertext (with GCM's 128-bit tag at its end). */
export interface Sealed {
	readonly iv: Uint8Array;
	readonly data: Uint8Array;
}

/** Seals and opens one account's bytes. `context` is bound into the ciphertext (AES-GCM additional data). */
export interface Vault {
	readonly accountId: string;
	seal(plain: Uint8Array, context: string): Promise<Sealed>;
	/** The plaintext; null when the key, the context or the bytes do not match (never throws for that). */
	open(sealed: Sealed, context: string): Promise<Uint8Array | null>;
}

export const VAULT_ALGORITHM = 'AES-GCM';
const IV_BYTES = 12;

const accountIdSchema = z.string().check(z.minLength(1), z.maxLength(64));

export const VaultKeyRowSchema = z.object({
	accountId: accountIdSchema,
	key: z.custom<CryptoKey>(
		(value) => typeof CryptoKey !== 'undefined' && value instanceof CryptoKey && value.algorithm.name === VAULT_ALGORITHM && !value.extractable
	),
	createdAt: z.number()
});

export type VaultKeyRow = z.infer<typeof VaultKeyRowSchema>;

/** A new AES-256-GCM key that can encrypt and decrypt but never be exported. */
export function createVaultKey(subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<CryptoKey> {
	return subtle.generateKey({ name: VAULT_ALGORITHM, length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The AES-GCM vault of one account under `key`. */
export function aesGcmVault(accountId: string, key: CryptoKey, subtle: SubtleCrypto = globalThis.crypto.subtle): Vault {
	const encoder = new TextEncoder();
	const params = (iv: Uint8Array, context: string): AesGcmParams => ({
		name: VAULT_ALGORITHM,
		iv: iv as BufferSource,
		additionalData: encoder.encode(`${accountId}\n${context}`) as BufferSource
	});
	return {
		accountId,
		async seal(plain, context) {
			const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
			const data = new Uint8Array(await subtle.encrypt(params(iv, context), key, plain as BufferSource));
			return { iv, data };
		},
		async open({ iv, data }, context) {
			if (iv.byteLength !== IV_BYTES) return null;
			try {
				return new Uint8Array(await subtle.decrypt(params(iv, context), key, data as BufferSource));
			} catch {
				// OperationError: another key, another context, or altered bytes.
				return null;
			}
		}
	};
}

/**
 * This account's vault on this device, its key created on first use. Two tabs creating one at
 * the same moment keep the first stored key (the add runs inside one transaction).
 */
export async function openVault(db: BeianDb, accountId: string): Promise<Vault> {
	accountIdSchema.parse(accountId);
	const stored = VaultKeyRowSchema.safeParse(await db.vaultKeys.get(accountId));
	if (stored.success) return aesGcmVault(accountId, stored.data.key);
	const fresh = await createVaultKey();
	const key = await db.transaction('rw', db.vaultKeys, async () => {
		const raced = VaultKeyRowSchema.safeParse(await db.vaultKeys.get(accountId));
		if (raced.success) return raced.data.key;
		// A row that does not parse (not a usable key) is replaced: its data could not be opened anyway.
		await db.vaultKeys.put({ accountId, key: fresh, createdAt: Date.now() });
		return fresh;
	});
	return aesGcmVault(accountId, key);
}

/** Whether this device holds a key for the account. */
export async function hasVaultKey(db: BeianDb, accountId: string): Promise<boolean> {
	return VaultKeyRowSchema.safeParse(await db.vaultKeys.get(accountId)).success;
}
