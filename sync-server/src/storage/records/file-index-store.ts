/**
 * The server's index of files per subject. Contract FILE-S* (`../README.md`).
 * - Attachment references: which blob hashes (lowercase hex SHA-256) a subject's workspace doc
 *   references — written by `files/attachment-indexer.ts`, read by downloads.
 * - Blob holders: which subjects proved they have a blob's bytes (an upload into the subject
 *   finished and the server re-hashed it, `files/holders.ts`). Never removed by reference changes.
 *
 * The method names match the narrow interfaces the `files/` module declares
 * (`AttachmentRefReader`, `AttachmentRefWriter`, `BlobHolders`), which this store satisfies.
 */

export interface HeldBytes {
	/** Sum of the sizes of the blobs the subject holds. */
	readonly bytes: number;
	/** Holders from before sizes were recorded (schema 2): their sizes are not in `bytes`. */
	readonly unsized: readonly string[];
}

export interface FileIndexStore {
	/** Replaces the set of attachment hashes a subject's docs reference (duplicates collapse). */
	setAttachmentRefs(subjectId: string, hashes: readonly string[]): Promise<void>;
	/** Subjects whose docs reference an attachment hash. */
	subjectsReferencing(sha256: string): Promise<string[]>;
	/** Records that a subject holds a blob, `size` bytes long. Idempotent (a repeat records the size). */
	addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void>;
	/** Whether an upload into the subject delivered (and the server verified) these bytes. */
	subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean>;
	/** The bytes of the blobs a subject holds (its storage quota), and holders recorded before sizes were. */
	subjectHeldBytes(subjectId: string): Promise<HeldBytes>;
}
