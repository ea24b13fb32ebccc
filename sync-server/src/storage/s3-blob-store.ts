/**
 * BlobStore on an S3-compatible object store (for several server nodes sharing their blobs):
 * one object per blob at `<prefix><sha256>`, its Content-Type set at put from the first bytes
 * (`sniffMime`), so `stat` is one HEAD.
 *
 * A blob is written once: the PUT carries `If-None-Match: *`, so when two nodes finish uploads
 * of the same bytes at once the object store keeps the first and refuses the second (412),
 * which is then a success — the blob is there and the bytes are the same by their hash. A PUT is
 * atomic on S3: a reader sees the whole object or none. Reads stream the object's body.
 *
 * An upload staged in the same bucket (`files/s3-staging-store.ts`) arrives by `copyStaged`: a
 * server-side CopyObject with the same `If-None-Match: *`, its Content-Type from the staged
 * object's first bytes (a ranged GET of 8 bytes). Not every S3 server honours the condition on a
 * copy (radosgw 16 ignores it, measured by hand against the test server): there two nodes racing
 * past the HEAD both copy, and the second replaces the object with the same bytes — the key is
 * their SHA-256 — atomically, so there is still one blob and a reader sees it whole.
 */
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { BLOB_MIMES, isSha256, SNIFF_BYTES, sniffMime, type BlobInfo, type BlobStore, type CopyStagedOptions, type PutFileOptions, type PutOnceResult } from './blob-store.ts';

export interface S3Settings {
	/** `https://s3.example.com` (any S3-compatible server). */
	readonly endpoint: string;
	readonly bucket: string;
	readonly region: string;
	readonly accessKeyId: string;
	readonly secretAccessKey: string;
	/** Bucket in the path, not the host name (MinIO, Ceph and most self-hosted servers need it). */
	readonly forcePathStyle: boolean;
}

/** An S3 client for these settings. Checksums only where S3 requires them: older S3-compatible servers (Ceph 16) reject the SDK's default trailing checksums. */
export function createS3Client(settings: S3Settings): S3Client {
	return new S3Client({
		endpoint: settings.endpoint,
		region: settings.region,
		forcePathStyle: settings.forcePathStyle,
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
		credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
	});
}

/** Whether an S3 call failed with one of these HTTP statuses. */
export function hasStatus(error: unknown, ...statuses: number[]): boolean {
	const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
	return status !== undefined && statuses.includes(status);
}

export type { PutOnceResult };

export class S3BlobStore implements BlobStore {
	readonly #client: S3Client;
	readonly #bucket: string;
	readonly #prefix: string;

	/** `prefix` (e.g. `blobs/`) keeps the blobs apart from the uploads in progress in the same bucket. */
	constructor(options: { client: S3Client; bucket: string; prefix?: string }) {
		this.#client = options.client;
		this.#bucket = options.bucket;
		this.#prefix = options.prefix ?? 'blobs/';
	}

	/** The object key of a blob; null for a malformed hash (never a key outside the prefix). */
	keyOf(sha256: string): string | null {
		return isSha256(sha256) ? `${this.#prefix}${sha256}` : null;
	}

	async has(sha256: string): Promise<boolean> {
		return (await this.stat(sha256)) !== null;
	}

	async stat(sha256: string): Promise<BlobInfo | null> {
		const key = this.keyOf(sha256);
		if (!key) return null;
		try {
			const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
			const mime = BLOB_MIMES.find((m) => m === head.ContentType) ?? 'application/octet-stream';
			return { size: head.ContentLength ?? 0, mime };
		} catch (error) {
			if (hasStatus(error, 404)) return null;
			throw error;
		}
	}

	async read(sha256: string): Promise<Readable | null> {
		const key = this.keyOf(sha256);
		if (!key) return null;
		try {
			const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
			if (object.Body instanceof Readable) return object.Body;
			throw new Error('S3 GetObject returned no Node stream');
		} catch (error) {
			if (hasStatus(error, 404)) return null;
			throw error;
		}
	}

	async putFile({ sha256, sourcePath }: PutFileOptions): Promise<void> {
		const key = this.keyOf(sha256);
		if (!key) throw new RangeError(`not a sha256: ${JSON.stringify(sha256)}`);
		// A HEAD first spares sending bytes the store already holds; the conditional put settles races.
		if (!(await this.has(sha256))) await this.putOnce(key, sourcePath);
		await rm(sourcePath, { force: true });
	}

	/** PUT `sourcePath` at `key` unless an object is already there (`If-None-Match: *`); the source stays. */
	async putOnce(key: string, sourcePath: string): Promise<PutOnceResult> {
		const { size, head } = await fileHead(sourcePath);
		try {
			await this.#client.send(
				new PutObjectCommand({
					Bucket: this.#bucket,
					Key: key,
					Body: createReadStream(sourcePath),
					ContentLength: size,
					ContentType: sniffMime(head) ?? 'application/octet-stream',
					IfNoneMatch: '*'
				})
			);
			return 'stored';
		} catch (error) {
			// 412: the object exists; 409: another conditional PUT of this key is in flight.
			if (hasStatus(error, 412, 409)) return 'exists';
			throw error;
		}
	}

	async copyStaged({ sha256, sourceKey }: CopyStagedOptions): Promise<PutOnceResult> {
		const key = this.keyOf(sha256);
		if (!key) throw new RangeError(`not a sha256: ${JSON.stringify(sha256)}`);
		if (await this.has(sha256)) return 'exists';
		const head = await this.#firstBytes(sourceKey);
		try {
			await this.#client.send(
				new CopyObjectCommand({
					Bucket: this.#bucket,
					Key: key,
					CopySource: `${this.#bucket}/${encodeURIComponent(sourceKey).replaceAll('%2F', '/')}`,
					MetadataDirective: 'REPLACE',
					ContentType: sniffMime(head) ?? 'application/octet-stream',
					IfNoneMatch: '*'
				})
			);
			return 'stored';
		} catch (error) {
			if (hasStatus(error, 412, 409)) return 'exists';
			throw error;
		}
	}

	async #firstBytes(key: string): Promise<Uint8Array> {
		const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }));
		return object.Body ? await object.Body.transformToByteArray() : new Uint8Array(0);
	}

	async delete(sha256: string): Promise<boolean> {
		const key = this.keyOf(sha256);
		if (!key) return false;
		// S3 answers a DELETE of a missing key with success too: ask first, for the contract's "false".
		if (!(await this.has(sha256))) return false;
		await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
		return true;
	}
}

async function fileHead(path: string): Promise<{ size: number; head: Uint8Array }> {
	const handle = await open(path, 'r');
	try {
		const { size } = await handle.stat();
		const head = new Uint8Array(SNIFF_BYTES);
		const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
		return { size, head: head.subarray(0, bytesRead) };
	} finally {
		await handle.close();
	}
}
