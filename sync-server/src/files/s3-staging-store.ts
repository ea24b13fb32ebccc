/**
 * Uploads in progress on the object store (issue 13), so an upload started on one node resumes
 * on any other: `@tus/s3-store` under a staging prefix of the blobs' bucket (`uploads/<id>`,
 * its tus record in `uploads/<id>.info`, bytes short of a 5 MiB part in `uploads/<id>.part`).
 * Every node reads an upload's state from S3 (the offset from its parts), and tus's metadata
 * cache is either Redis, shared by the nodes (`redis-upload-cache.ts`), or none at all — never
 * one node's memory, which would go stale when another node finishes or removes the upload.
 *
 * Beian's steps are the folder store's (`upload-staging.ts`): the first PATCH's first bytes are
 * judged before anything is stored; at the finish the object is streamed back once (hash, type,
 * structure; memory bounded by the stream), then copied server-side to the blob's address
 * (`S3BlobStore.copyStaged`, conditional: two nodes finishing one SHA-256 store one blob) and
 * deleted here. Abandoned multipart uploads are aborted by `deleteExpired` (the expiry sweep):
 * ListMultipartUploads under the prefix, AbortMultipartUpload for those initiated longer ago
 * than the expiry, by the injected clock.
 */
import type { Readable } from 'node:stream';
import { S3Store, type MetadataValue } from '@tus/s3-store';
import { ERRORS, type KvStore, type Upload } from '@tus/server';
import type { RedisConnection } from '../cluster/redis-connection.ts';
import type { Logger } from '../log.ts';
import { SNIFF_BYTES, type BlobStore } from '../storage/blob-store.ts';
import { hasStatus, type S3Settings } from '../storage/s3-blob-store.ts';
import { redisUploadCache } from './redis-upload-cache.ts';
import { digestStream, guardedWrite, readPending, type StagedDigest, type UploadStaging } from './upload-staging.ts';
import { PendingIndex } from './upload-quotas.ts';

/** How the upload endpoint stages uploads on S3 (`startServer`'s `uploadStaging`). */
export interface S3StagingConfig {
	readonly s3: S3Settings;
	/** Key prefix of the uploads in progress in the bucket (default `uploads/`; the blobs are under `blobs/`). */
	readonly prefix?: string;
	/** tus's upload metadata shared by the nodes through Redis; without it every request reads it from S3. */
	readonly redis?: RedisConnection | null;
	/** Clock of the expiry sweep (tests). Default `Date.now`. */
	readonly now?: () => number;
}

export interface S3StagingOptions extends S3StagingConfig {
	readonly expiryMs: number;
	readonly logger: Logger;
}

/** Remembers nothing: every read of an upload's metadata goes to S3. */
const NO_CACHE: KvStore<MetadataValue> = {
	get: () => Promise.resolve(undefined),
	set: () => Promise.resolve(),
	delete: () => Promise.resolve(),
	list: () => Promise.resolve([])
};

export class S3StagingStore extends S3Store implements UploadStaging {
	readonly prefix: string;
	#now: () => number;
	#pending: Promise<PendingIndex> | null = null;

	constructor(options: S3StagingOptions) {
		const { s3 } = options;
		const prefix = options.prefix ?? 'uploads/';
		super({
			s3ClientConfig: {
				bucket: s3.bucket,
				endpoint: s3.endpoint,
				region: s3.region,
				forcePathStyle: s3.forcePathStyle,
				// Ceph 16 and other older S3 servers reject the SDK's default trailing checksums.
				requestChecksumCalculation: 'WHEN_REQUIRED',
				responseChecksumValidation: 'WHEN_REQUIRED',
				credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
			},
			cache: options.redis ? redisUploadCache(options.redis, { ttlMs: options.expiryMs, logger: options.logger }) : NO_CACHE,
			expirationPeriodInMilliseconds: options.expiryMs,
			// Expiry is the sweep's, not bucket lifecycle rules keyed on tags.
			useTags: false
		});
		this.prefix = prefix;
		this.#now = options.now ?? Date.now;
	}

	uploadIdOf(urlId: string): string {
		return `${this.prefix}${urlId}`;
	}

	urlIdOf(uploadId: string): string {
		return uploadId.startsWith(this.prefix) ? uploadId.slice(this.prefix.length) : uploadId;
	}

	pendingIndex(): Promise<PendingIndex> {
		this.#pending ??= this.#loadPending().catch((error: unknown) => {
			this.#pending = null;
			throw error;
		});
		return this.#pending;
	}

	/**
	 * tus reads an upload whose multipart upload is gone as complete; when its object is gone too
	 * (moved, removed or expired by another node while a record lingered in a cache) it is no upload.
	 */
	override async getUpload(uploadId: string): Promise<Upload> {
		const upload = await super.getUpload(uploadId);
		if (upload.size && upload.offset === upload.size && !(await this.#exists(uploadId))) {
			await this.clearCache(uploadId);
			throw ERRORS.FILE_NOT_FOUND;
		}
		return upload;
	}

	override async create(file: Upload): Promise<Upload> {
		const created = await super.create(file);
		const pending = readPending(file);
		if (pending) (await this.pendingIndex()).add(file.id, pending);
		return created;
	}

	/** Deletes an upload in progress: its multipart upload, its object, record and buffered part. */
	override async remove(uploadId: string): Promise<void> {
		try {
			await super.remove(uploadId);
		} finally {
			await this.#deleteObjects(uploadId).catch(() => undefined);
			(await this.pendingIndex()).remove(uploadId);
		}
	}

	/** Forgets an upload whose bytes were copied into the blob store: its object and record go. */
	async release(uploadId: string): Promise<void> {
		try {
			await this.#deleteObjects(uploadId);
			await this.clearCache(uploadId);
		} finally {
			(await this.pendingIndex()).remove(uploadId);
		}
	}

	override async write(readable: Readable, uploadId: string, offset: number): Promise<number> {
		if (offset >= SNIFF_BYTES) return super.write(readable, uploadId, offset);
		const known = await this.#readHead(uploadId, offset);
		return guardedWrite({ readable, known, write: (source) => super.write(source, uploadId, offset), remove: () => this.remove(uploadId) });
	}

	async digest(uploadId: string): Promise<StagedDigest> {
		return digestStream(await this.read(uploadId));
	}

	async moveToBlobs(uploadId: string, sha256: string, blobs: BlobStore): Promise<void> {
		if (!blobs.copyStaged) throw new Error('Uploads staged on S3 need the S3 blob store (S3_ENDPOINT sets both)');
		await blobs.copyStaged({ sha256, sourceKey: uploadId });
		await this.release(uploadId).catch(() => undefined);
	}

	/** The expiry sweep (tus's `cleanUpExpiredUploads`): aborts multipart uploads under the prefix older than the expiry. */
	override async deleteExpired(): Promise<number> {
		const expiry = this.getExpiration();
		if (expiry === 0) return 0;
		const cutoff = this.#now() - expiry;
		let removed = 0;
		let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
		for (;;) {
			const page = await this.client.listMultipartUploads({ Bucket: this.bucket, Prefix: this.prefix, ...markers });
			for (const upload of page.Uploads ?? []) {
				const { Key: key, UploadId: multipartId, Initiated: initiated } = upload;
				if (!key || !multipartId || !initiated || initiated.getTime() > cutoff) continue;
				await this.#abort(key, multipartId);
				await this.#deleteObjects(key);
				await this.clearCache(key);
				(await this.pendingIndex()).remove(key);
				removed++;
			}
			if (!page.IsTruncated) return removed;
			markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
		}
	}

	/** Aborts a multipart upload; one another node's sweep aborted first is gone already. */
	async #abort(key: string, multipartId: string): Promise<void> {
		try {
			await this.client.abortMultipartUpload({ Bucket: this.bucket, Key: key, UploadId: multipartId });
		} catch (error) {
			if (!hasStatus(error, 404)) throw error;
		}
	}

	async #exists(key: string): Promise<boolean> {
		try {
			await this.client.headObject({ Bucket: this.bucket, Key: key });
			return true;
		} catch (error) {
			if (hasStatus(error, 404)) return false;
			throw error;
		}
	}

	/** The staged object (when complete), its tus record and its buffered part. */
	#deleteObjects(uploadId: string): Promise<unknown> {
		const keys = [uploadId, this.infoKey(uploadId), this.partKey(uploadId, true)];
		return this.client.deleteObjects({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } });
	}

	/** The first `offset` bytes of an upload that has fewer than SNIFF_BYTES: all in its buffered part. */
	async #readHead(uploadId: string, offset: number): Promise<Uint8Array> {
		if (offset === 0) return new Uint8Array(0);
		const part = await this.client.getObject({ Bucket: this.bucket, Key: this.partKey(uploadId, true), Range: `bytes=0-${offset - 1}` });
		return part.Body ? await part.Body.transformToByteArray() : new Uint8Array(0);
	}

	async #loadPending(): Promise<PendingIndex> {
		const index = new PendingIndex();
		let token: string | undefined;
		do {
			const page = await this.client.listObjectsV2({ Bucket: this.bucket, Prefix: this.prefix, ...(token ? { ContinuationToken: token } : {}) });
			for (const { Key: key } of page.Contents ?? []) {
				if (!key?.endsWith('.info')) continue;
				const id = key.slice(0, -'.info'.length);
				const metadata = await this.getMetadata(id).catch(() => undefined);
				const pending = metadata && readPending(metadata.file);
				if (pending) index.add(id, pending);
			}
			token = page.IsTruncated ? page.NextContinuationToken : undefined;
		} while (token);
		return index;
	}
}
