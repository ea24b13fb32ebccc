/**
 * Proof of possession for blobs. The blob store keeps one copy of each file's bytes, but a
 * subject only *holds* a blob once an upload into that subject delivered the bytes and the
 * server re-hashed them (`finish-upload.ts`). Knowing a hash is not enough: "already uploaded"
 * shortcuts and downloads look at the holders, so a hash copied into another subject's doc
 * neither skips the upload nor opens the download.
 */
import type { HeldBytes } from '../storage/records/file-index-store.ts';

/** What the file endpoint needs from the holders table (the records' `FileIndexStore` implements it). */
export interface BlobHolders {
	addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void>;
	subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean>;
	/** What the subject's held blobs weigh (its storage quota). */
	subjectHeldBytes(subjectId: string): Promise<HeldBytes>;
}
