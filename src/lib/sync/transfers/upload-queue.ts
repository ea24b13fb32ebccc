/**
 * The upload queue: document bytes from this device to `/files`, surviving reloads and drops.
 *
 * `enqueue` hashes the bytes (SHA-256, Web Crypto), keeps them in local storage first, and
 * queues an upload. Running an upload: `HEAD /files/by-hash/<sha256>?subject=<subjectId>` —
 * the subject already holds these bytes (another device or collaborator uploaded them into it)
 * → done without sending a byte; otherwise tus — also when another subject has the same file,
 * as the server only trusts bytes uploaded into this subject — with the SHA-256 as fingerprint
 * and the upload URL kept in the transfer row, so a reload resumes at the server's offset. The server re-hashes and checks the type and structure; its refusals
 * (`unsupported-type`, `malformed-file`, `hash-mismatch`, `payload-too-large`, `quota-exceeded`,
 * `forbidden`) fail the transfer for good, anything that may pass — `too-many-uploads` (429)
 * included — is retried with backoff.
 */
import { Upload, type DetailedError, type UploadOptions } from 'tus-js-client';
import type { LocalBlobs } from '../../storage/blobs.ts';
import type { TransferRecord, TransferRepo } from '../../storage/transfers.ts';
import type { BackoffOptions } from './backoff.ts';
import { sha256Hex } from './sha256.ts';
import { TransferQueue, type QueueClock, type RunContext } from './transfer-queue.ts';
import { classifyHttpFailure, errorCodeOf, newTransfer, transferId, type Failure } from './transfer-state.ts';
import { transferUrlStorage } from './url-storage.ts';

const STORAGE_UNAVAILABLE: Failure = { kind: 'transient', code: 'storage-unavailable' };

/**
 * The `subjectId` of an upload the signed-in account holds itself (an account request's
 * document: claim, e-mail initialization — the account may have no subject yet). Sent as tus
 * metadata `holder=account`; never a subject id (those are 16 base32 letters, ROOM-2).
 */
export const ACCOUNT_HOLDER = 'account';

/**
 * The `subjectId` of uploads held by one account itself (`account:<accountId>`): the transfer
 * rows of two accounts on one device stay apart (each runs only under its own session and
 * vault). Sent like `ACCOUNT_HOLDER`, as `holder=account`.
 */
export function accountHolder(accountId: string): string {
	return `${ACCOUNT_HOLDER}:${accountId}`;
}

/** Whether a transfer's `subjectId` names the signed-in account rather than a subject. */
export function isAccountHolder(subjectId: string): boolean {
	return subjectId === ACCOUNT_HOLDER || subjectId.startsWith(`${ACCOUNT_HOLDER}:`);
}

export interface UploadQueueOptions {
	repo: TransferRepo;
	blobs: LocalBlobs;
	/** Origin of the server, e.g. `https://beian.example`; '' for this page's origin. */
	serverUrl: string;
	fetch?: typeof globalThis.fetch;
	/** Extra request headers (Node tests pass the session cookie; browsers send it themselves). */
	headers?: Record<string, string>;
	/** Turns stored bytes into what tus-js-client reads: a Blob in browsers (default), a Buffer in Node. */
	toSource?: (bytes: Uint8Array, mime: string) => TusSource;
	/** tus chunk size, bytes (default: the whole file in one PATCH — photos are small). */
	chunkSize?: number;
	/** tus-js-client's own quick retries within one attempt (default [0, 1000, 3000]). */
	tusRetryDelays?: number[];
	clock?: Partial<QueueClock>;
	backoff?: BackoffOptions;
	subtle?: SubtleCrypto;
}

/** What tus-js-client's `Upload` reads from. */
export type TusSource = ConstructorParameters<typeof Upload>[0];

export interface EnqueueUpload {
	bytes: Uint8Array;
	mime: string;
	subjectId: string;
	/** DocumentRef kind (e.g. `id-front`). */
	kind: string;
	filename?: string | null;
}

export class UploadQueue {
	readonly queue: TransferQueue;
	#options: UploadQueueOptions;

	constructor(options: UploadQueueOptions) {
		this.#options = options;
		this.queue = new TransferQueue({
			direction: 'upload',
			repo: options.repo,
			perform: (record, context) => this.#perform(record, context),
			clock: options.clock,
			backoff: options.backoff
		});
	}

	/** Keeps the bytes on this device and queues their upload; resolves with their SHA-256. */
	async enqueue(input: EnqueueUpload): Promise<{ sha256: string; record: TransferRecord }> {
		const sha256 = await this.keep(input.bytes, input.mime);
		const record = await this.enqueueKept({ sha256, size: input.bytes.byteLength, subjectId: input.subjectId, kind: input.kind, filename: input.filename });
		return { sha256, record };
	}

	/**
	 * Keeps bytes on this device only (no upload yet): e.g. a photo taken before the account
	 * has a subject. Resolves with their SHA-256; queue them later with `enqueueKept`.
	 */
	async keep(bytes: Uint8Array, mime: string): Promise<string> {
		const sha256 = await sha256Hex(bytes, this.#options.subtle);
		await this.#options.blobs.put({ sha256, bytes, mime });
		return sha256;
	}

	/** Queues the upload of bytes already kept on this device. */
	async enqueueKept(input: { sha256: string; size: number; subjectId: string; kind: string; filename?: string | null }): Promise<TransferRecord> {
		const now = (this.#options.clock?.now ?? Date.now)();
		return this.queue.add(newTransfer({ direction: 'upload', ...input }, now));
	}

	/**
	 * Cancels the upload of a photo that was removed: the queued or running transfer is
	 * forgotten (a running one aborted first), and an upload the server had begun is terminated
	 * there (tus DELETE, best effort: an unfinished upload expires on its own). Resolves with
	 * whether the bytes had all reached the server already.
	 */
	async cancel(subjectId: string, sha256: string): Promise<{ wasDone: boolean }> {
		const record = await this.queue.cancel(transferId('upload', subjectId, sha256));
		if (record?.tusUrl && record.state !== 'done') {
			const doFetch = this.#options.fetch ?? globalThis.fetch;
			const url = new URL(record.tusUrl, this.#base() || undefined).href;
			await doFetch(url, { method: 'DELETE', headers: { ...this.#options.headers, 'Tus-Resumable': '1.0.0' }, credentials: 'same-origin' }).catch(() => undefined);
		}
		return { wasDone: record?.state === 'done' };
	}

	async #perform(record: TransferRecord, context: RunContext): Promise<Failure | null> {
		const blob = await this.#options.blobs.get(record.sha256);
		if (!blob) return { kind: 'permanent', code: 'missing-local-bytes' };
		const present = await this.#headByHash(record.sha256, record.subjectId, context.signal);
		if (present !== false) return present === true ? null : present;
		return this.#tus(record, blob, context);
	}

	/** true when the subject holds the blob on the server, false when not, a Failure when it could not say. */
	async #headByHash(sha256: string, subjectId: string, signal: AbortSignal): Promise<boolean | Failure> {
		const doFetch = this.#options.fetch ?? globalThis.fetch;
		const holder = isAccountHolder(subjectId) ? 'holder=account' : `subject=${encodeURIComponent(subjectId)}`;
		try {
			const response = await doFetch(`${this.#base()}/files/by-hash/${sha256}?${holder}`, {
				method: 'HEAD',
				headers: this.#options.headers,
				credentials: 'same-origin',
				signal
			});
			if (response.status === 200) return true;
			if (response.status === 404) return false;
			return classifyHttpFailure(response.status, null);
		} catch {
			return classifyHttpFailure(0, null);
		}
	}

	#tus(record: TransferRecord, blob: { bytes: Uint8Array; mime: string }, context: RunContext): Promise<Failure | null> {
		return new Promise((resolve) => {
			// A progress write that fails (IndexedDB full or gone) stops this run: it fails
			// transiently, and the queue retries from the last offset it did record.
			const storageFailed = (): Promise<void> => stop(STORAGE_UNAVAILABLE);
			const upload = new Upload(this.#source(blob), this.#tusOptions(record, context, resolve, storageFailed));
			const stop = (outcome: Failure | null): Promise<void> => upload.abort().then(() => resolve(outcome), () => resolve(outcome));
			context.signal.addEventListener('abort', () => stop(null), { once: true });
			upload.findPreviousUploads().then(
				(previous) => {
					if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
					if (!context.signal.aborted) upload.start();
				},
				() => resolve(STORAGE_UNAVAILABLE)
			);
		});
	}

	#tusOptions(record: TransferRecord, context: RunContext, resolve: (failure: Failure | null) => void, storageFailed: () => unknown): UploadOptions {
		const metadata: Record<string, string> = { sha256: record.sha256, kind: record.kind ?? '' };
		if (isAccountHolder(record.subjectId)) metadata.holder = 'account';
		else metadata.subjectId = record.subjectId;
		if (record.filename) metadata.filename = record.filename;
		return {
			endpoint: `${this.#base()}/files`,
			metadata,
			uploadSize: record.size,
			headers: this.#options.headers,
			// tus-js-client turns an explicit `undefined` into NaN-sized chunks: only pass a number.
			...(this.#options.chunkSize ? { chunkSize: this.#options.chunkSize } : {}),
			retryDelays: this.#options.tusRetryDelays ?? [0, 1000, 3000],
			fingerprint: async () => record.sha256,
			storeFingerprintForResuming: true,
			removeFingerprintOnSuccess: true,
			urlStorage: transferUrlStorage({ repo: this.#options.repo, transferId: record.id, setUrl: (url) => context.setUrl(url) }),
			onProgress: (sent) => {
				context.progress(sent).catch(storageFailed);
			},
			onChunkComplete: (_chunk, accepted) => {
				context.progress(accepted, true).catch(storageFailed);
			},
			onSuccess: () => resolve(null),
			onError: (error) => resolve(failureOf(error))
		};
	}

	#source(blob: { bytes: Uint8Array; mime: string }): TusSource {
		if (this.#options.toSource) return this.#options.toSource(blob.bytes, blob.mime);
		return new Blob([blob.bytes.slice()], { type: blob.mime });
	}

	/** The server origin: the option, else this page's origin (tus-js-client needs absolute URLs). */
	#base(): string {
		return this.#options.serverUrl || (globalThis.location?.origin ?? '');
	}
}

function failureOf(error: Error | DetailedError): Failure {
	const response = 'originalResponse' in error ? error.originalResponse : null;
	if (!response) return classifyHttpFailure(0, null);
	return classifyHttpFailure(response.getStatus(), errorCodeOf(response.getBody()));
}
