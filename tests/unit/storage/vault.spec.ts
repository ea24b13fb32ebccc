/**
 * The device vault's cipher (AES-GCM under a non-extractable key, WebCrypto as in browsers) and
 * the blob store over it, with an in-memory table that clones rows as IndexedDB does. The same
 * code over real IndexedDB in Chromium — the v2 migration, the scan for plaintext — is in
 * tests/e2e/vault.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import { createLocalBlobs, isQuotaError, SealedBlobRowSchema, StorageFullError, type SealedBlobRow } from '../../../src/lib/storage/blobs.ts';
import type { BeianDb } from '../../../src/lib/storage/db.ts';
import { aesGcmVault, createVaultKey, VaultKeyRowSchema } from '../../../src/lib/storage/vault.ts';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff)]);
const SHA = 'a'.repeat(64);

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
	outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
}

/** The part of Dexie's `sealedBlobs` table the blob store uses, cloning like IndexedDB; `full` refuses puts. */
function memoryDb(options: { full?: boolean } = {}) {
	const rows = new Map<string, SealedBlobRow>();
	const id = (key: readonly [string, string]) => key.join('|');
	const table = {
		get: async (key: [string, string]) => structuredClone(rows.get(id(key))),
		put: async (row: SealedBlobRow) => {
			if (options.full) throw Object.assign(new Error('Dexie wraps it'), { name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') });
			rows.set(id([row.accountId, row.sha256]), structuredClone(row));
		},
		where: () => ({ equals: (key: [string, string]) => ({ count: async () => (rows.has(id(key)) ? 1 : 0) }) })
	};
	return { db: { sealedBlobs: table } as unknown as BeianDb, rows };
}

describe('vault cipher', () => {
	it('round-trips bytes and never stores them readable', async () => {
		const vault = aesGcmVault('account-a', await createVaultKey());
		const sealed = await vault.seal(JPEG, 'context');
		expect(sealed.iv.byteLength).toBe(12);
		expect(sealed.data.byteLength).toBe(JPEG.byteLength + 16);
		expect(contains(sealed.data, JPEG.subarray(0, 3))).toBe(false);
		expect(await vault.open(sealed, 'context')).toEqual(JPEG);
		// A fresh IV per sealing: the same bytes twice give two ciphertexts.
		const again = await vault.seal(JPEG, 'context');
		expect(Buffer.from(again.iv).equals(Buffer.from(sealed.iv))).toBe(false);
		expect(Buffer.from(again.data).equals(Buffer.from(sealed.data))).toBe(false);
	});

	it('opens nothing under another key, another account, another context or with an altered byte — without throwing', async () => {
		const key = await createVaultKey();
		const sealed = await aesGcmVault('account-a', key).seal(JPEG, 'context');
		expect(await aesGcmVault('account-a', await createVaultKey()).open(sealed, 'context')).toBeNull();
		expect(await aesGcmVault('account-b', key).open(sealed, 'context')).toBeNull();
		expect(await aesGcmVault('account-a', key).open(sealed, 'other')).toBeNull();
		const data = sealed.data.slice();
		data[0] = (data[0] ?? 0) ^ 1;
		expect(await aesGcmVault('account-a', key).open({ iv: sealed.iv, data }, 'context')).toBeNull();
		expect(await aesGcmVault('account-a', key).open({ iv: new Uint8Array(8), data: sealed.data }, 'context')).toBeNull();
	});

	it('makes keys that cannot be exported, and accepts only such keys as a stored key row', async () => {
		const key = await createVaultKey();
		expect(key.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
		expect(VaultKeyRowSchema.safeParse({ accountId: 'a', key, createdAt: 1 }).success).toBe(true);
		const exportable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
		expect(VaultKeyRowSchema.safeParse({ accountId: 'a', key: exportable, createdAt: 1 }).success).toBe(false);
		expect(VaultKeyRowSchema.safeParse({ accountId: 'a', key: 'not a key', createdAt: 1 }).success).toBe(false);
	});
});

describe('sealed blob store', () => {
	it('keeps ciphertext with its IV per account and gives the bytes back to that account only', async () => {
		const { db, rows } = memoryDb();
		const key = await createVaultKey();
		const mine = createLocalBlobs(db, aesGcmVault('account-a', key));
		await mine.put({ sha256: SHA, bytes: JPEG, mime: 'image/jpeg' });
		const [row] = [...rows.values()];
		expect(SealedBlobRowSchema.parse(row)).toMatchObject({ accountId: 'account-a', sha256: SHA, mime: 'image/jpeg', size: JPEG.byteLength });
		expect(contains(row!.data, JPEG.subarray(0, 3))).toBe(false);
		expect(await mine.has(SHA)).toBe(true);
		expect(await mine.get(SHA)).toEqual({ sha256: SHA, bytes: JPEG, mime: 'image/jpeg' });
		// Another account on the device (even with the same key object) has no such row.
		const theirs = createLocalBlobs(db, aesGcmVault('account-b', key));
		expect(await theirs.has(SHA)).toBe(false);
		expect(await theirs.get(SHA)).toBeNull();
	});

	it('reads a row it cannot open, or one that does not parse, as absent', async () => {
		const { db, rows } = memoryDb();
		const vault = aesGcmVault('account-a', await createVaultKey());
		await createLocalBlobs(db, vault).put({ sha256: SHA, bytes: JPEG, mime: 'image/jpeg' });
		expect(await createLocalBlobs(db, aesGcmVault('account-a', await createVaultKey())).get(SHA)).toBeNull();
		const [key] = [...rows.keys()];
		const row = rows.get(key!)!;
		// The type is bound into the ciphertext: a row relabelled does not open.
		rows.set(key!, { ...row, mime: 'image/png' });
		expect(await createLocalBlobs(db, vault).get(SHA)).toBeNull();
		rows.set(key!, { nonsense: true } as never);
		expect(await createLocalBlobs(db, vault).get(SHA)).toBeNull();
		rows.set(key!, row);
		expect((await createLocalBlobs(db, vault).get(SHA))?.bytes).toEqual(JPEG);
	});

	it('turns a full device into a StorageFullError that the error funnel names', async () => {
		const { db, rows } = memoryDb({ full: true });
		const blobs = createLocalBlobs(db, aesGcmVault('account-a', await createVaultKey()));
		const put = blobs.put({ sha256: SHA, bytes: JPEG, mime: 'image/jpeg' });
		await expect(put).rejects.toBeInstanceOf(StorageFullError);
		await expect(put).rejects.toSatisfy(isQuotaError);
		expect(rows.size).toBe(0);
	});
});
