/**
 * The tus data store for uploads in progress: `@tus/file-store` in a staging folder, plus a
 * look at the first bytes as they arrive. An upload whose first bytes cannot start a JPEG,
 * PNG or PDF is refused (415) and deleted before the rest of it is stored. The full check —
 * type, hash and structure — runs when the upload finishes (`finish-upload.ts`). The store
 * also keeps the index of unfinished uploads the quotas count (`upload-quotas.ts`).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import { couldBeAccepted, sniffMime, SNIFF_BYTES, type BlobMime } from '../storage/blob-store.ts';
import { tusError, type TusError } from './errors.ts';
import { readStoredMetadata } from './upload-metadata.ts';
import { PendingIndex, type PendingUpload } from './upload-quotas.ts';
import { structureCheck, type StructureCheck, type StructureVerdict } from './structure/index.ts';

export class StagingStore extends FileStore {
	#pending: Promise<PendingIndex> | null = null;

	/** Path of an upload's staged bytes. */
	pathOf(uploadId: string): string {
		return join(this.directory, uploadId);
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
		let refusal: TusError | null = null;
		const guard = headGuard(known, () => (refusal = tusError(415, 'unsupported-type', 'Only JPEG, PNG and PDF files are accepted')));
		const source = readable.pipe(guard);
		// Pipe does not forward source errors; a dropped connection must still end the write.
		readable.once('error', (error) => guard.destroy(error));
		try {
			return await super.write(source, uploadId, offset);
		} catch (error) {
			if (!refusal) throw error;
			await this.remove(uploadId).catch(() => undefined);
			throw refusal;
		}
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

/** Who an upload counts against, from its stored metadata (null for a malformed one). */
function readPending(upload: Upload): PendingUpload | null {
	const metadata = readStoredMetadata(upload.metadata);
	return metadata ? { account: metadata.account, subjectId: metadata.subjectId, size: upload.size ?? 0 } : null;
}

/** Passes bytes through, failing as soon as the first bytes rule out every accepted type. */
function headGuard(known: Uint8Array, onRefused: () => void): Transform {
	let head = known;
	let decided = head.length >= SNIFF_BYTES;
	return new Transform({
		transform(chunk: Buffer, _encoding, done) {
			if (!decided) {
				head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
				decided = head.length >= SNIFF_BYTES;
				if (!couldBeAccepted(head)) {
					onRefused();
					return done(new Error('unsupported type'));
				}
			}
			done(null, chunk);
		}
	});
}

export interface StagedDigest {
	sha256: string;
	head: Uint8Array;
	size: number;
	/** The accepted type the first bytes name, or null. */
	mime: BlobMime | null;
	/** The structure check's verdict for that type (null when the type is not accepted). */
	structure: StructureVerdict | null;
}

/** Reads a staged file once: its first bytes, its SHA-256, and its structure checked to the end. */
export async function digestFile(path: string): Promise<StagedDigest> {
	const hash = createHash('sha256');
	let head = new Uint8Array(0);
	let size = 0;
	let check: StructureCheck | null = null;
	let decided = false;
	await pipeline(createReadStream(path), async (chunks: AsyncIterable<Buffer>) => {
		for await (const chunk of chunks) {
			if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
			hash.update(chunk);
			size += chunk.length;
			if (!decided && head.length >= SNIFF_BYTES) {
				decided = true;
				const mime = sniffMime(head);
				check = mime && structureCheck(mime);
				// The bytes before this chunk are exactly the head's first part (fewer than SNIFF_BYTES).
				check?.push(head.subarray(0, size - chunk.length));
			}
			if (decided) check?.push(chunk);
		}
	});
	const mime = sniffMime(head);
	const structure = mime ? (check ?? structureCheck(mime)).end() : null;
	return { sha256: hash.digest('hex'), head, size, mime, structure };
}
