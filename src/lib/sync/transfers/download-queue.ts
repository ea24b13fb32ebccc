/**
 * The download queue: bytes of attachments referenced by a workspace doc that this device does
 * not hold yet (added by another device or a collaborator). Each download is checked against
 * its SHA-256 before it is stored, so a truncated or altered answer never reaches local storage.
 * A blob the server does not have yet (its uploader is still offline) is retried with backoff.
 */
import type { LocalBlobs } from '../../storage/blobs.ts';
import type { TransferRecord, TransferRepo } from '../../storage/transfers.ts';
import type { BackoffOptions } from './backoff.ts';
import { sha256Hex } from './sha256.ts';
import { TransferQueue, type QueueClock, type RunContext } from './transfer-queue.ts';
import { classifyHttpFailure, errorCodeOf, newTransfer, type Failure } from './transfer-state.ts';

export interface DownloadQueueOptions {
	repo: TransferRepo;
	blobs: LocalBlobs;
	/** Origin of the server; '' for this page's origin. */
	serverUrl: string;
	fetch?: typeof globalThis.fetch;
	/** Extra request headers (Node tests pass the session cookie). */
	headers?: Record<string, string>;
	/** Refuse answers larger than this, bytes (default 10 MB, the server's upload limit). */
	maxBytes?: number;
	clock?: Partial<QueueClock>;
	backoff?: BackoffOptions;
	subtle?: SubtleCrypto;
}

export interface AttachmentReference {
	sha256: string;
	subjectId: string;
	/** From the DocumentRef, when known (for progress); 0 otherwise. */
	size?: number;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export class DownloadQueue {
	readonly queue: TransferQueue;
	#options: DownloadQueueOptions;

	constructor(options: DownloadQueueOptions) {
		this.#options = options;
		this.queue = new TransferQueue({
			direction: 'download',
			repo: options.repo,
			perform: (record, context) => this.#perform(record, context),
			clock: options.clock,
			backoff: options.backoff
		});
	}

	/** Queues the references whose bytes this device lacks; returns how many were queued. */
	async request(references: readonly AttachmentReference[]): Promise<number> {
		let queued = 0;
		const now = (this.#options.clock?.now ?? Date.now)();
		for (const { sha256, subjectId, size = 0 } of references) {
			if (!/^[0-9a-f]{64}$/.test(sha256) || (await this.#options.blobs.has(sha256))) continue;
			const record = await this.queue.add(newTransfer({ direction: 'download', sha256, subjectId, size }, now));
			if (record.state !== 'done') queued++;
		}
		return queued;
	}

	async #perform(record: TransferRecord, context: RunContext): Promise<Failure | null> {
		if (await this.#options.blobs.has(record.sha256)) return null;
		const doFetch = this.#options.fetch ?? globalThis.fetch;
		let response: Response;
		try {
			response = await doFetch(`${this.#base()}/files/blob/${record.sha256}`, {
				headers: this.#options.headers,
				credentials: 'same-origin',
				signal: context.signal
			});
		} catch {
			return classifyHttpFailure(0, null);
		}
		if (!response.ok) return downloadFailure(response.status, errorCodeOf(await response.text().catch(() => '')));
		return this.#store(record, response, context);
	}

	async #store(record: TransferRecord, response: Response, context: RunContext): Promise<Failure | null> {
		const maxBytes = this.#options.maxBytes ?? DEFAULT_MAX_BYTES;
		if (Number(response.headers.get('content-length') ?? 0) > maxBytes) return { kind: 'permanent', code: 'payload-too-large' };
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await response.arrayBuffer());
		} catch {
			return classifyHttpFailure(0, null);
		}
		if (bytes.byteLength > maxBytes) return { kind: 'permanent', code: 'payload-too-large' };
		if ((await sha256Hex(bytes, this.#options.subtle)) !== record.sha256) return { kind: 'transient', code: 'hash-mismatch' };
		const mime = response.headers.get('content-type') ?? 'application/octet-stream';
		await this.#options.blobs.put({ sha256: record.sha256, bytes, mime });
		await context.progress(bytes.byteLength, true);
		return null;
	}

	/** The server origin: the option, else this page's origin (tus-js-client needs absolute URLs). */
	#base(): string {
		return this.#options.serverUrl || (globalThis.location?.origin ?? '');
	}
}

/**
 * 404: the uploader has not finished yet; 403: the server's attachment index may lag the doc
 * by a moment. Both may pass, so both are retried with backoff.
 */
function downloadFailure(status: number, code: string | null): Failure {
	if (status === 404 || status === 403) return { kind: 'transient', code: code ?? (status === 404 ? 'not-found' : 'forbidden') };
	return classifyHttpFailure(status, code);
}
