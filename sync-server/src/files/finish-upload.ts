/**
 * What happens when the last byte of an upload arrives: the staged file is re-hashed, its
 * type read from its magic bytes and its structure checked to the format's end marker
 * (`structure/`), all in one read. A type other than JPEG, PNG or PDF (415), a mismatch with
 * the client's `sha256` (460), or a file that is cut off, malformed or has anything appended
 * (422 `malformed-file`) deletes it and refuses the upload — the bytes are never rewritten. Otherwise the upload's subject becomes
 * a holder of the blob (it proved it has the bytes) and they move into the BlobStore — or are
 * dropped when the store already has them. The staging area does the reading and the moving
 * (`upload-staging.ts`): a local file renamed, or on S3 the object streamed back and copied
 * server-side. The holder is written first: should storing fail,
 * the resumed upload finishes again (idempotently), and no check trusts a holder without a blob.
 */
import type { Logger } from '../log.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { HASH_MISMATCH_STATUS, MALFORMED_FILE_STATUS, tusError } from './errors.ts';
import { holderOf, type BlobHolders } from './holders.ts';
import { readStoredMetadata } from './upload-metadata.ts';
import type { UploadStaging } from './upload-staging.ts';

/** The parts of a tus upload this module reads. */
export interface FinishedUpload {
	readonly id: string;
	readonly metadata?: Record<string, string | null>;
}

export interface FinishOptions {
	staging: UploadStaging;
	blobs: BlobStore;
	holders: BlobHolders;
	logger: Logger;
}

/** Verifies and stores a finished upload; throws a TusError (and deletes it) when refused. */
export async function finishUpload(options: FinishOptions, upload: FinishedUpload): Promise<{ headers: Record<string, string> }> {
	const { staging, blobs, holders, logger } = options;
	const discard = () => staging.remove(upload.id).catch(() => undefined);
	const metadata = readStoredMetadata(upload.metadata);
	if (!metadata) {
		await discard();
		throw tusError(400, 'invalid-input', 'Upload metadata is missing or malformed');
	}
	const digest = await staging.digest(upload.id);
	const { mime, structure } = digest;
	if (!mime) {
		await discard();
		logger.log('warn', 'upload refused', { reason: 'unsupported-type', uploadId: upload.id, account: metadata.account });
		throw tusError(415, 'unsupported-type', 'Only JPEG, PNG and PDF files are accepted');
	}
	if (digest.sha256 !== metadata.sha256) {
		await discard();
		logger.log('warn', 'upload refused', { reason: 'hash-mismatch', uploadId: upload.id, account: metadata.account });
		throw tusError(HASH_MISMATCH_STATUS, 'hash-mismatch', 'The bytes received do not match the declared SHA-256');
	}
	if (structure && !structure.ok) {
		await discard();
		logger.log('warn', 'upload refused', { reason: 'malformed-file', problem: structure.problem, detail: structure.detail, mime, uploadId: upload.id, account: metadata.account });
		throw tusError(MALFORMED_FILE_STATUS, 'malformed-file', `Not a whole ${mime} file (${structure.problem}: ${structure.detail})`);
	}
	await holders.addBlobHolder(holderOf(metadata), digest.sha256, digest.size);
	await staging.moveToBlobs(upload.id, digest.sha256, blobs);
	logger.log('info', 'upload stored', { sha256: digest.sha256, size: digest.size, mime, holder: holderOf(metadata), account: metadata.account });
	return { headers: { 'Beian-Sha256': digest.sha256 } };
}
