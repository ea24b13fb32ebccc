/**
 * What the upload endpoint needs of the place uploads in progress are staged (a tus data store
 * plus Beian's steps), implemented twice: `staging-store.ts` (a folder, the embedded default)
 * and `s3-staging-store.ts` (the object store's bucket, so every node sees every upload). Both
 * run the same first-bytes check on a PATCH that starts the file and the same one-pass digest
 * (hash, type, structure) when it finished.
 */
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataStore, Upload } from '@tus/server';
import { couldBeAccepted, sniffMime, SNIFF_BYTES, type BlobMime, type BlobStore } from '../storage/blob-store.ts';
import { tusError } from './errors.ts';
import { readStoredMetadata } from './upload-metadata.ts';
import type { PendingIndex, PendingUpload } from './upload-quotas.ts';
import { structureCheck, type StructureCheck, type StructureVerdict } from './structure/index.ts';

export interface UploadStaging extends DataStore {
	/** The unfinished uploads (for the quotas); read from the staging area on first use. */
	pendingIndex(): Promise<PendingIndex>;
	/** The tus upload id for the id in an upload's URL (`/files/<urlId>`). */
	uploadIdOf(urlId: string): string;
	/** The id an upload's URL shows for a tus upload id. */
	urlIdOf(uploadId: string): string;
	/** Reads a finished upload once: hash, first bytes, type and structure. */
	digest(uploadId: string): Promise<StagedDigest>;
	/** Puts a finished, verified upload's bytes into the blob store (consuming the staged copy). */
	moveToBlobs(uploadId: string, sha256: string, blobs: BlobStore): Promise<void>;
	/** Forgets an upload whose bytes were moved into the blob store. */
	release(uploadId: string): Promise<void>;
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

/** Who an upload counts against, from its stored metadata (null for a malformed one). */
export function readPending(upload: Upload): PendingUpload | null {
	const metadata = readStoredMetadata(upload.metadata);
	return metadata ? { account: metadata.account, subjectId: metadata.subjectId, size: upload.size ?? 0 } : null;
}

export interface GuardedWrite {
	readable: Readable;
	/** The upload's bytes already staged, when fewer than SNIFF_BYTES arrived before this PATCH. */
	known: Uint8Array;
	/** The store's own write of the PATCH's bytes. */
	write: (source: Readable) => Promise<number>;
	/** Deletes the refused upload. */
	remove: () => Promise<void>;
}

/**
 * A PATCH whose bytes start the file: its first bytes are read (up to SNIFF_BYTES with the
 * `known` ones) before the store is called, and when they rule out JPEG, PNG and PDF the upload
 * is refused (415 `unsupported-type`) and deleted — the refused bytes never reach the store.
 */
export async function guardedWrite({ readable, known, write, remove }: GuardedWrite): Promise<number> {
	const { head, source } = await peek(readable, SNIFF_BYTES - known.length);
	if (!couldBeAccepted(Buffer.concat([known, head]))) {
		source.destroy();
		await remove().catch(() => undefined);
		throw tusError(415, 'unsupported-type', 'Only JPEG, PNG and PDF files are accepted');
	}
	return write(source);
}

/** Reads at least `bytes` from a stream (fewer when it ends first); `source` gives them back followed by the rest. */
async function peek(readable: Readable, bytes: number): Promise<{ head: Buffer; source: Readable }> {
	const chunks: Buffer[] = [];
	let length = 0;
	await new Promise<void>((resolve, reject) => {
		const stop = () => {
			readable.off('data', onData).off('end', stop).off('error', fail);
			readable.pause();
			resolve();
		};
		const fail = (error: Error) => {
			readable.off('data', onData).off('end', stop);
			reject(error);
		};
		const onData = (chunk: Buffer) => {
			chunks.push(chunk);
			length += chunk.length;
			if (length >= bytes) stop();
		};
		readable.on('data', onData).once('end', stop).once('error', fail);
	});
	const source = new PassThrough();
	source.write(Buffer.concat(chunks));
	// A dropped connection must still end the store's write.
	readable.once('error', (error) => source.destroy(error));
	readable.pipe(source);
	return { head: Buffer.concat(chunks).subarray(0, bytes), source };
}

/** Reads staged bytes once: their first bytes, their SHA-256, and their structure checked to the end (bounded memory). */
export async function digestStream(source: Readable): Promise<StagedDigest> {
	const hash = createHash('sha256');
	let head = new Uint8Array(0);
	let size = 0;
	let check: StructureCheck | null = null;
	let decided = false;
	await pipeline(source, async (chunks: AsyncIterable<Buffer>) => {
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
