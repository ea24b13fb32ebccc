/**
 * The tus data store for uploads in progress: `@tus/file-store` in a staging folder, plus a
 * look at the first bytes as they arrive. An upload whose first bytes cannot start a JPEG,
 * PNG or PDF is refused (415) and deleted before the rest of it is stored. The full check —
 * type, hash and structure — runs when the upload finishes (`finish-upload.ts`). The store
 * also keeps the index of unfinished uploads the quotas count (`upload-quotas.ts`).
 */
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import { SNIFF_BYTES, type BlobStore } from '../storage/blob-store.ts';
import { digestStream, guardedWrite, readPending, type StagedDigest, type UploadStaging } from './upload-staging.ts';
import { PendingIndex } from './upload-quotas.ts';

export class StagingStore extends FileStore implements UploadStaging {
	#pending: Promise<PendingIndex> | null = null;

	/** Path of an upload's staged bytes. */
	pathOf(uploadId: string): string {
		return join(this.directory, uploadId);
	}

	uploadIdOf(urlId: string): string {
		return urlId;
	}

	urlIdOf(uploadId: string): string {
		return uploadId;
	}

	digest(uploadId: string): Promise<StagedDigest> {
		return digestStream(createReadStream(this.pathOf(uploadId)));
	}

	async moveToBlobs(uploadId: string, sha256: string, blobs: BlobStore): Promise<void> {
		await blobs.putFile({ sha256, sourcePath: this.pathOf(uploadId) });
		await this.release(uploadId).catch(() => undefined);
	}

	/** The unfinished uploads (for the quotas); read from the staging folder on first use. */
	pendingIndex(): Promise<PendingIndex> {
		this.#pending ??= this.#loadPending().catch((error: unknown) => {
			this.#pending = null;
			throw error;
		});
		return this.#pending;
	}

	override async create(file: Upload): Promise<Upload> {
		const created = await super.create(file);
		const pending = readPending(file);
		if (pending) (await this.pendingIndex()).add(file.id, pending);
		return created;
	}

	/** Deletes an upload's bytes and record (cancel, refusal, expiry). */
	override async remove(uploadId: string): Promise<void> {
		try {
			await super.remove(uploadId);
		} finally {
			(await this.pendingIndex()).remove(uploadId);
		}
	}

	/** Forgets an upload whose bytes were moved into the blob store. */
	async release(uploadId: string): Promise<void> {
		try {
			await this.configstore.delete(uploadId);
		} finally {
			(await this.pendingIndex()).remove(uploadId);
		}
	}

	async #loadPending(): Promise<PendingIndex> {
		const index = new PendingIndex();
		await mkdir(this.directory, { recursive: true });
		const ids = (await this.configstore.list?.()) ?? [];
		for (const id of ids) {
			const upload = await this.configstore.get(id).catch(() => undefined);
			const pending = upload && readPending(upload);
			if (pending) index.add(id, pending);
		}
		return index;
	}

	override async write(readable: Readable, uploadId: string, offset: number): Promise<number> {
		if (offset >= SNIFF_BYTES) return super.write(readable, uploadId, offset);
		const known = await this.#readHead(uploadId, offset);
		return guardedWrite({ readable, known, write: (source) => super.write(source, uploadId, offset), remove: () => this.remove(uploadId) });
	}

	async #readHead(uploadId: string, offset: number): Promise<Uint8Array> {
		if (offset === 0) return new Uint8Array(0);
		const handle = await open(this.pathOf(uploadId), 'r');
		try {
			const head = new Uint8Array(offset);
			const { bytesRead } = await handle.read(head, 0, offset, 0);
			return head.subarray(0, bytesRead);
		} finally {
			await handle.close();
		}
	}
}
