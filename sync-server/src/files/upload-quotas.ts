/**
 * Upload quotas, checked when an upload is created (`POST /files`), before a byte is staged:
 *
 * - unfinished uploads per account (`maxPendingPerAccount`): uploads created and not yet
 *   stored, removed or expired — 429 `too-many-uploads` (the app retries later, once its
 *   other uploads finished);
 * - bytes per subject (`maxSubjectBytes`): the blobs the subject holds plus the declared
 *   `Upload-Length` of its unfinished uploads plus this one — 413 `quota-exceeded`;
 * - bytes an account holds itself (`maxAccountBytes`, account requests' documents uploaded
 *   with `holder=account`), counted the same way — 413 `quota-exceeded`.
 *
 * Declared lengths count from creation, so the finish step cannot push a subject over its
 * quota (tus fixes `Upload-Length` at creation; deferred lengths are refused). The count is
 * kept in memory (`PendingIndex`, fed by the staging store) and rebuilt from the staging
 * folder on first use after a restart. A slot is reserved synchronously after the last await,
 * so parallel requests cannot all pass one check.
 */
import type { BlobStore } from '../storage/blob-store.ts';
import type { FileErrorCode } from './errors.ts';
import { holderOf, type BlobHolders } from './holders.ts';
import type { UploadStaging } from './upload-staging.ts';

export const DEFAULT_MAX_PENDING_UPLOADS_PER_ACCOUNT = 20;
export const DEFAULT_MAX_SUBJECT_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_ACCOUNT_BYTES = 50 * 1024 * 1024;

export interface PendingUpload {
	readonly account: string;
	/** null: the account holds the upload itself (no subject). */
	readonly subjectId: string | null;
	readonly size: number;
}

/** A slot taken by a creation in progress; `uploadId` once tus named the upload. */
export interface Reservation extends PendingUpload {
	uploadId: string | null;
}

/** Unfinished uploads by id, plus the creations in progress. */
export class PendingIndex {
	#uploads = new Map<string, PendingUpload>();
	#reservations = new Set<Reservation>();

	add(uploadId: string, upload: PendingUpload): void {
		this.#uploads.set(uploadId, upload);
	}

	remove(uploadId: string): void {
		this.#uploads.delete(uploadId);
	}

	reserve(upload: PendingUpload): Reservation {
		const reservation = { ...upload, uploadId: null };
		this.#reservations.add(reservation);
		return reservation;
	}

	release(reservation: Reservation): void {
		this.#reservations.delete(reservation);
	}

	/** Unfinished uploads and creations in progress of an account. */
	countOf(account: string): number {
		let count = 0;
		for (const upload of this.#all()) if (upload.account === account) count++;
		return count;
	}

	/** Declared bytes of a subject's unfinished uploads and creations in progress. */
	bytesOf(subjectId: string): number {
		let bytes = 0;
		for (const upload of this.#all()) if (upload.subjectId === subjectId) bytes += upload.size;
		return bytes;
	}

	/** Declared bytes of the unfinished uploads an account holds itself (no subject). */
	accountBytesOf(account: string): number {
		let bytes = 0;
		for (const upload of this.#all()) if (upload.subjectId === null && upload.account === account) bytes += upload.size;
		return bytes;
	}

	/** Each upload once: a reservation whose upload is already indexed is not counted again. */
	*#all(): Iterable<PendingUpload> {
		yield* this.#uploads.values();
		for (const reservation of this.#reservations) if (reservation.uploadId === null || !this.#uploads.has(reservation.uploadId)) yield reservation;
	}
}

export interface UploadQuotaOptions {
	staging: Pick<UploadStaging, 'pendingIndex'>;
	holders: BlobHolders;
	blobs: BlobStore;
	maxPendingPerAccount: number;
	maxSubjectBytes: number;
	maxAccountBytes: number;
}

export type Admission =
	| { readonly ok: true; readonly reservation: Reservation }
	| { readonly ok: false; readonly status: number; readonly code: FileErrorCode; readonly message: string };

export class UploadQuotas {
	#options: UploadQuotaOptions;

	constructor(options: UploadQuotaOptions) {
		this.#options = options;
	}

	/** Admits a new upload (and reserves its slot: `release` it when the creation request ends) or says why not. */
	async admit(upload: PendingUpload): Promise<Admission> {
		const { staging, maxPendingPerAccount, maxSubjectBytes, maxAccountBytes } = this.#options;
		const pending = await staging.pendingIndex();
		const held = await this.#heldBytes(holderOf(upload));
		// No await from here on: the check and the reservation are one step.
		if (pending.countOf(upload.account) >= maxPendingPerAccount) {
			return { ok: false, status: 429, code: 'too-many-uploads', message: `At most ${maxPendingPerAccount} unfinished uploads per account` };
		}
		if (upload.subjectId === null) {
			if (held + pending.accountBytesOf(upload.account) + upload.size > maxAccountBytes) {
				return { ok: false, status: 413, code: 'quota-exceeded', message: `An account may hold at most ${maxAccountBytes} bytes of its own documents` };
			}
		} else if (held + pending.bytesOf(upload.subjectId) + upload.size > maxSubjectBytes) {
			return { ok: false, status: 413, code: 'quota-exceeded', message: `This subject may store at most ${maxSubjectBytes} bytes` };
		}
		return { ok: true, reservation: pending.reserve(upload) };
	}

	/** A holder's held bytes; sizes missing from before they were recorded are filled in from the blob store. */
	async #heldBytes(subjectId: string): Promise<number> {
		const { holders, blobs } = this.#options;
		const { bytes, unsized } = await holders.subjectHeldBytes(subjectId);
		let total = bytes;
		for (const sha256 of unsized) {
			const info = await blobs.stat(sha256);
			if (!info) continue;
			await holders.addBlobHolder(subjectId, sha256, info.size);
			total += info.size;
		}
		return total;
	}
}
