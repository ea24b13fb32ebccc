/**
 * Document bytes on this device, per account: each row holds the bytes sealed by the account's
 * vault (AES-GCM, see vault.ts) as `Uint8Array` ciphertext with its IV, keyed by (account,
 * SHA-256), with their type and plaintext size. Never `Blob` (WebKit's Blob-in-IndexedDB bugs).
 * Written before any upload, so a photo is safe on the device the moment it is taken; decrypted
 * only to be shown (a blob URL) or uploaded. The same photo under two accounts is two rows, so
 * removing one account's data never touches the other's. Rows are parsed on read.
 *
 * Rows of schema v2 (`blobs`, plaintext, no account) are migrated by `migratePlaintextBlobs`.
 */
import { z } from 'zod/mini';
import type { BeianDb } from './db.ts';
import { openVault, type Vault } from './vault.ts';

const sha256Schema = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const bytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array);
const mimeSchema = z.string().check(z.maxLength(100));
const sizeSchema = z.number().check(z.int(), z.gte(0));

/** A v4 row: sealed bytes of one account. */
export const SealedBlobRowSchema = z.object({
	accountId: z.string().check(z.minLength(1), z.maxLength(64)),
	sha256: sha256Schema,
	iv: bytesSchema,
	/** Ciphertext: `size` bytes plus the 16-byte GCM tag. */
	data: bytesSchema,
	mime: mimeSchema,
	size: sizeSchema,
	storedAt: z.number()
});

export type SealedBlobRow = z.infer<typeof SealedBlobRowSchema>;

/** A row of schema v2 (plaintext, before the vault); read only to migrate it. */
export const PlaintextBlobRowSchema = z.object({
	sha256: sha256Schema,
	bytes: bytesSchema,
	mime: mimeSchema,
	size: sizeSchema,
	storedAt: z.number()
});

export type PlaintextBlobRow = z.infer<typeof PlaintextBlobRowSchema>;

export interface LocalBlob {
	readonly sha256: string;
	readonly bytes: Uint8Array;
	readonly mime: string;
}

/** What the transfer queues need from local bytes (see `src/lib/sync/transfers`). */
export interface LocalBlobs {
	has(sha256: string): Promise<boolean>;
	/** The bytes of a hash; null when absent or the row is unreadable (wrong key, altered, not a row). */
	get(sha256: string): Promise<LocalBlob | null>;
	/**
	 * Stores bytes under their hash (the caller computed it); idempotent. One IndexedDB put: when
	 * the device is full it rejects with a `StorageFullError` and nothing is written.
	 */
	put(blob: LocalBlob): Promise<void>;
}

/** IndexedDB refused a write for lack of space (QuotaExceededError): nothing of it was stored. */
export class StorageFullError extends Error {
	override readonly name = 'QuotaExceededError';
	constructor(options?: { cause?: unknown }) {
		super('This device has no space left for the app', options);
	}
}

/** Whether `error` is IndexedDB's "no space left" (Dexie keeps the DOMException's name, or wraps it as `inner`). */
export function isQuotaError(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	const inner = 'inner' in error && error.inner instanceof Error ? error.inner.name : '';
	return error.name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

/** What a ciphertext is bound to besides its account: its hash and type. */
function contextOf(sha256: string, mime: string): string {
	return `${sha256}\n${mime}`;
}

/** The bytes of `vault`'s account on this device. */
export function createLocalBlobs(db: BeianDb, vault: Vault, now: () => number = Date.now): LocalBlobs {
	const accountId = vault.accountId;
	return {
		async has(sha256) {
			return (await db.sealedBlobs.where('[accountId+sha256]').equals([accountId, sha256]).count()) > 0;
		},
		async get(sha256) {
			const parsed = SealedBlobRowSchema.safeParse(await db.sealedBlobs.get([accountId, sha256]));
			if (!parsed.success || parsed.data.accountId !== accountId || parsed.data.sha256 !== sha256) return null;
			const { iv, data, mime, size } = parsed.data;
			const bytes = await vault.open({ iv, data }, contextOf(sha256, mime));
			if (!bytes || bytes.byteLength !== size) return null;
			return { sha256, bytes, mime };
		},
		async put({ sha256, bytes, mime }) {
			// Sealed before the write: the one put stores a whole row or nothing.
			const sealed = await vault.seal(bytes, contextOf(sha256, mime));
			const row = SealedBlobRowSchema.parse({ accountId, sha256, iv: sealed.iv, data: sealed.data, mime, size: bytes.byteLength, storedAt: now() });
			try {
				await db.sealedBlobs.put(row);
			} catch (error) {
				throw isQuotaError(error) ? new StorageFullError({ cause: error }) : error;
			}
		}
	};
}

/**
 * The signed-in account's vault: opens it (creating its key on first use) and first migrates
 * plaintext rows an earlier version left (see `migratePlaintextBlobs`). Pass it to
 * `createLocalBlobs`.
 */
export async function openAccountVault(db: BeianDb, accountId: string): Promise<Vault> {
	const vault = await openVault(db, accountId);
	await migratePlaintextBlobs(db, [accountId], (id) => (id === accountId ? Promise.resolve(vault) : openVault(db, id)));
	await adoptDevicePhotos(db, vault);
	return vault;
}

/**
 * Whose vault holds the photos of the local draft while no account is signed in on this device
 * (a key of the device's own, kept like an account's). The first account that signs in takes
 * them over: the local draft becomes its workspace.
 */
export const DEVICE_VAULT_ID = 'device';

/**
 * Moves the device vault's photos into `vault`: each is opened with the device key, sealed
 * again under the account's, and only then deleted from the device vault (a crash leaves the
 * original or both, never neither). Returns how many photos moved.
 */
export async function adoptDevicePhotos(db: BeianDb, vault: Vault): Promise<number> {
	if (vault.accountId === DEVICE_VAULT_ID) return 0;
	const hashes = (await db.sealedBlobs.where('accountId').equals(DEVICE_VAULT_ID).toArray()).map((row) => row.sha256);
	if (hashes.length === 0) return 0;
	const from = createLocalBlobs(db, await openVault(db, DEVICE_VAULT_ID));
	const to = createLocalBlobs(db, vault);
	for (const sha256 of hashes) {
		const blob = await from.get(sha256);
		if (blob) await to.put(blob);
		await db.sealedBlobs.delete([DEVICE_VAULT_ID, sha256]);
	}
	return hashes.length;
}

/**
 * Encrypts the plaintext rows of schema v2 and deletes them. A v2 row says nothing of whose
 * photo it is, so it is sealed for every account this device has known (the device-accounts
 * table, plus `alsoFor`): each of them keeps reading it, none loses it, and removing one
 * account's data later leaves the others' copies. Per row, the sealed copies are written and
 * the plaintext deleted in one transaction — a crash leaves either the plaintext row (migrated
 * again next time) or its copies, never neither. A row that does not parse is dropped (no one
 * could read it). Returns how many rows were migrated.
 */
export async function migratePlaintextBlobs(db: BeianDb, alsoFor: readonly string[], vaultFor: (accountId: string) => Promise<Vault>): Promise<number> {
	if ((await db.blobs.count()) === 0) return 0;
	const accounts = [...new Set([...(await db.deviceAccounts.toCollection().primaryKeys()), ...alsoFor])];
	const vaults = await Promise.all(accounts.map(vaultFor));
	let migrated = 0;
	for (const key of await db.blobs.toCollection().primaryKeys()) {
		const parsed = PlaintextBlobRowSchema.safeParse(await db.blobs.get(key));
		const copies: SealedBlobRow[] = [];
		if (parsed.success) {
			const { sha256, bytes, mime, size, storedAt } = parsed.data;
			for (const vault of vaults) {
				const sealed = await vault.seal(bytes, contextOf(sha256, mime));
				copies.push({ accountId: vault.accountId, sha256, iv: sealed.iv, data: sealed.data, mime, size, storedAt });
			}
		}
		await db.transaction('rw', db.blobs, db.sealedBlobs, async () => {
			for (const copy of copies) {
				// A copy already there (written by this account since) wins.
				if ((await db.sealedBlobs.get([copy.accountId, copy.sha256])) === undefined) await db.sealedBlobs.add(copy);
			}
			await db.blobs.delete(key);
		});
		if (parsed.success) migrated++;
	}
	return migrated;
}
