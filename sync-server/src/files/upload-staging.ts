/**
 * What the upload endpoint needs of the place uploads in progress are staged (a tus data store
 * plus Beian's steps), implemented twice: `staging-store.ts` (a folder, the embedded default)
 * and `s3-staging-store.ts` (the object store's bucket, so every node sees every upload). Both
 * run the same first-bytes guard while a PATCH streams in and the same one-pass digest (hash,
 * type, structure) when it finished.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataStore, Upload } from '@tus/server';
import { couldBeAccepted, sniffMime, SNIFF_BYTES, type BlobMime, type BlobStore } from '../storage/blob-store.ts';
import { tusError, type TusError } from './errors.ts';
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

/**
 * Passes bytes through, failing as soon as the first bytes (after the `known` ones already
 * staged) rule out every accepted type — before the refused bytes reach the store.
 */
export function headGuard(known: Uint8Array, onRefused: () => void): Transform {
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

export interface GuardedWrite {
	readable: Readable;
	/** The upload's bytes already staged, when fewer than SNIFF_BYTES arrived before this PATCH. */
	known: Uint8Array;
	/** The store's own write of the guarded stream. */
	write: (source: Readable) => Promise<number>;
	/** Deletes the refused upload. */
	remove: () => Promise<void>;
}

/**
 * A PATCH whose bytes start the file, through `headGuard`: refused (415 `unsupported-type`,
 * the upload deleted) as soon as the first bytes rule out JPEG, PNG and PDF.
 */
export async function guardedWrite({ readable, known, write, remove }: GuardedWrite): Promise<number> {
	let refusal: TusError | null = null;
	const guard = headGuard(known, () => (refusal = tusError(415, 'unsupported-type', 'Only JPEG, PNG and PDF files are accepted')));
	const source = readable.pipe(guard);
	// Pipe does not forward source errors; a dropped connection must still end the write.
	readable.once('error', (error) => guard.destroy(error));
	try {
		return await write(source);
	} catch (error) {
		if (!refusal) throw error;
		await remove().catch(() => undefined);
		throw refusal;
	}
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
