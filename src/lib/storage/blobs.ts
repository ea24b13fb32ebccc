/**
 * Document bytes on this device: `Uint8Array` keyed by SHA-256 (lowercase hex), with their
 * type and size. Never `Blob` (WebKit's Blob-in-IndexedDB bugs). Written before any upload, so
 * a photo is safe on the device the moment it is taken. Rows are parsed on read.
 */
import { z } from 'zod/mini';
import type { BeianDb } from './db.ts';

export const BlobRowSchema = z.object({
	sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
	bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array),
	mime: z.string().check(z.maxLength(100)),
	size: z.number().check(z.int(), z.gte(0)),
	storedAt: z.number()
});

export type BlobRow = z.infer<typeof BlobRowSchema>;

export interface LocalBlob {
	readonly sha256: string;
	readonly bytes: Uint8Array;
	readonly mime: string;
}

/** What the transfer queues need from local bytes (see `src/lib/sync/transfers`). */
export interface LocalBlobs {
	has(sha256: string): Promise<boolean>;
	/** The bytes of a hash; null when absent or the row is unreadable. */
	get(sha256: string): Promise<LocalBlob | null>;
	/** Stores bytes under their hash (the caller computed it); idempotent. */
	put(blob: LocalBlob): Promise<void>;
}

export function createLocalBlobs(db: BeianDb, now: () => number = Date.now): LocalBlobs {
	return {
		async has(sha256) {
			return (await db.blobs.where('sha256').equals(sha256).count()) > 0;
		},
		async get(sha256) {
			const parsed = BlobRowSchema.safeParse(await db.blobs.get(sha256));
			if (!parsed.success || parsed.data.bytes.byteLength !== parsed.data.size) return null;
			const { bytes, mime } = parsed.data;
			return { sha256, bytes, mime };
		},
		async put({ sha256, bytes, mime }) {
			await db.blobs.put(BlobRowSchema.parse({ sha256, bytes, mime, size: bytes.byteLength, storedAt: now() }));
		}
	};
}
