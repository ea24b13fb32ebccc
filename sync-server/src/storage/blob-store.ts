/**
 * Where uploaded document bytes live: content-addressed by the SHA-256 of the bytes (lowercase
 * hex). A blob never changes once stored, so every operation is idempotent.
 *
 * The store trusts its caller for the hash: the file endpoint re-hashes every finished upload
 * before `putFile`. The type is a function of the content (magic bytes, see `sniffMime`), so
 * the store derives it itself instead of keeping a declared type; an S3 implementation would
 * set the object's Content-Type at put by the same function.
 */
import type { Readable } from 'node:stream';

export const BLOB_MIMES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type BlobMime = (typeof BLOB_MIMES)[number];

export interface BlobInfo {
	readonly size: number;
	/** From the first bytes; `application/octet-stream` for anything that is not an accepted type. */
	readonly mime: BlobMime | 'application/octet-stream';
}

export interface PutFileOptions {
	readonly sha256: string;
	/** A finished upload on the same filesystem; it is moved (consumed) into the store. */
	readonly sourcePath: string;
}

/** An upload staged as an object in the blob store's own bucket (uploads in progress on S3). */
export interface CopyStagedOptions {
	readonly sha256: string;
	/** The staged object's key in the same bucket; it stays (the staging store deletes it). */
	readonly sourceKey: string;
}

/** `stored`: this call wrote the blob; `exists`: it was there already (or another node's write won). */
export type PutOnceResult = 'stored' | 'exists';

export interface BlobStore {
	/** Whether a blob is stored; false for a malformed hash. */
	has(sha256: string): Promise<boolean>;
	/** Size and type of a stored blob; null when absent or the hash is malformed. */
	stat(sha256: string): Promise<BlobInfo | null>;
	/** The bytes of a stored blob as a stream; null when absent or the hash is malformed. */
	read(sha256: string): Promise<Readable | null>;
	/**
	 * Moves a finished upload into the store, atomically: a reader sees the whole blob or none.
	 * When the blob already exists the source is deleted and the stored copy kept.
	 * Throws for a malformed hash (a programming error: the endpoint validates it first).
	 */
	putFile(options: PutFileOptions): Promise<void>;
	/**
	 * Object stores only (the embedded default has none): copies a staged object to the blob's
	 * address inside the store, once — a server-side copy, the bytes never pass through the node.
	 */
	copyStaged?(options: CopyStagedOptions): Promise<PutOnceResult>;
	/** Removes a blob; false when it was not there. */
	delete(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether a value is a lowercase hex SHA-256 digest. */
export function isSha256(value: unknown): value is string {
	return typeof value === 'string' && SHA256_HEX.test(value);
}

const SIGNATURES: readonly { mime: BlobMime; bytes: readonly number[] }[] = [
	{ mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
	{ mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
	{ mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] } // %PDF-
];

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 8;

/** The accepted type whose magic bytes start `head`, or null (never from a name or a declared type). */
export function sniffMime(head: Uint8Array): BlobMime | null {
	for (const { mime, bytes } of SIGNATURES) {
		if (head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte)) return mime;
	}
	return null;
}

/**
 * Whether `head` can still become an accepted type once more bytes arrive (a prefix of a
 * signature), so an upload's first few bytes can be judged before the rest is stored.
 */
export function couldBeAccepted(head: Uint8Array): boolean {
	return SIGNATURES.some(({ bytes }) => head.every((byte, i) => i >= bytes.length || bytes[i] === byte));
}
