/**
 * Proof of possession for blobs. The blob store keeps one copy of each file's bytes, but a
 * subject only *holds* a blob once an upload into that subject delivered the bytes and the
 * server re-hashed them (`finish-upload.ts`). Knowing a hash is not enough: "already uploaded"
 * shortcuts and downloads look at the holders, so a hash copied into another subject's doc
 * neither skips the upload nor opens the download.
 */
import type { HeldBytes } from '../storage/records/file-index-store.ts';

/**
 * The holder key of an account's own documents (account requests: claim, e-mail
 * initialization), which exist before the account has a subject. Holder keys share the
 * holders table with subject ids; `account:` can never begin a subject id (ROOM-2).
 */
export function accountHolder(accountId: string): string {
	return `account:${accountId}`;
}

/** The holder key of an upload: its subject, or its account when the account holds it. */
export function holderOf(upload: { subjectId: string | null; account: string }): string {
	return upload.subjectId ?? accountHolder(upload.account);
}

/**
 * What the file endpoint needs from the holders table (the records' `FileIndexStore` implements
 * it). `subjectId` is a holder key: a subject id, or `accountHolder(accountId)`.
 */
export interface BlobHolders {
	addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void>;
	subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean>;
	/** What the subject's held blobs weigh (its storage quota). */
	subjectHeldBytes(subjectId: string): Promise<HeldBytes>;
}
