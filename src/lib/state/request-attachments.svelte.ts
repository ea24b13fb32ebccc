/**
 * The document photos of one account request (claim, e-mail initialization): what the slots
 * of `DocumentSlots` read and change, like a workspace's `AttachmentsState`, but the references
 * live in the request's draft on this device (no Y.Doc: the account may have no subject) and the
 * uploads are held by the account itself (tus metadata `holder=account`, quota
 * `MAX_ACCOUNT_BYTES`). The bytes are sealed in the account's vault; a photo removed before
 * its upload never leaves the device. `uploaded` says when the request may be sent (LEG-3).
 */
import type { DocumentRef } from '../domain/document/document-ref.ts';
import { slotRef } from '../domain/document/slot-state.ts';
import type { RequiredDocument } from '../domain/document/required-documents.ts';
import type { ImageMetadata } from '../domain/image/image-acceptance.ts';
import { createLocalBlobs, DEVICE_VAULT_ID, openAccountVault, type LocalBlobs } from '../storage/blobs.ts';
import type { BeianDb } from '../storage/db.ts';
import { createTransferRepo, type TransferRecord } from '../storage/transfers.ts';
import type { Vault } from '../storage/vault.ts';
import { accountHolder, UploadQueue } from '../sync/transfers/upload-queue.ts';
import type { AttachmentView } from './attachments.svelte.ts';
import { logBackground, type WatchBackground } from './errors.svelte.ts';
import type { LocalDraft } from './local-drafts.svelte.ts';
import type { RequestDraftData } from './record-forms.ts';
import { uploadChunkBytes } from './upload-settings.ts';

export class RequestAttachments {
	#draft: LocalDraft<RequestDraftData>;
	#holder: string;
	#syncs: boolean;
	#blobs: LocalBlobs;
	#uploads: UploadQueue;
	#transfers = $state<readonly TransferRecord[]>([]);
	#present = $state<readonly string[]>([]);
	#started = $state(false);
	#stop: (() => void)[] = [];
	#watch: WatchBackground;

	/** `syncs`: false while no account is signed in (the photos stay on this device until one is). */
	constructor(options: { db: BeianDb; vault: Vault; accountId: string; draft: LocalDraft<RequestDraftData>; syncs: boolean; watch?: WatchBackground; chunkSize?: number }) {
		this.#draft = options.draft;
		this.#holder = accountHolder(options.accountId);
		this.#syncs = options.syncs;
		this.#watch = options.watch ?? logBackground;
		this.#blobs = createLocalBlobs(options.db, options.vault);
		// This account's own uploads only (another account's on this device are not ours to run).
		const repo = createTransferRepo(options.db, { subjectId: this.#holder });
		this.#uploads = new UploadQueue({ repo, blobs: this.#blobs, serverUrl: '', ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}) });
	}

	/**
	 * Opens the photos of a request's draft for the signed-in account (`accountId` '' when none:
	 * the photos are sealed in the device's own vault and wait on this device) and starts them.
	 */
	static async open(options: { db: BeianDb; accountId: string; draft: LocalDraft<RequestDraftData>; watch?: WatchBackground }): Promise<RequestAttachments> {
		const syncs = options.accountId !== '';
		const vault = await openAccountVault(options.db, syncs ? options.accountId : DEVICE_VAULT_ID);
		const chunkSize = uploadChunkBytes();
		const attachments = new RequestAttachments({ ...options, accountId: options.accountId || DEVICE_VAULT_ID, vault, syncs, ...(chunkSize ? { chunkSize } : {}) });
		await attachments.start();
		return attachments;
	}

	/** Starts the upload queue and queues the photos only this device has (taken before signing in, or after a lost row). */
	async start(): Promise<void> {
		const onTransfers = () => {
			const before = this.#transfers.filter((t) => t.state === 'done').length;
			this.#transfers = this.#uploads.queue.records;
			if (this.#transfers.filter((t) => t.state === 'done').length !== before) this.#watch(this.#checkBytes(), 'requestAttachments.checkBytes');
		};
		this.#stop.push(this.#uploads.queue.subscribe(onTransfers));
		await this.#uploads.queue.start();
		const online = () => this.#watch(this.#uploads.queue.kick(), 'requestUploads.kick');
		window.addEventListener('online', online);
		this.#stop.push(() => window.removeEventListener('online', online));
		onTransfers();
		await this.#checkBytes();
		if (this.#syncs) {
			const known = this.#uploads.queue.records.map((t) => t.sha256);
			for (const ref of this.#refs()) {
				if (known.includes(ref.sha256) || !this.#present.includes(ref.sha256)) continue;
				await this.#uploads.enqueueKept({ sha256: ref.sha256, size: ref.size, subjectId: this.#holder, kind: ref.kind, filename: null });
			}
		}
		this.#started = true;
	}

	get syncs(): boolean {
		return this.#syncs;
	}

	get items(): AttachmentView[] {
		return this.#refs().map((ref) => ({ ref, transfer: this.#transfers.find((t) => t.sha256 === ref.sha256) ?? null, hasBytes: this.#present.includes(ref.sha256) }));
	}

	/** The draft's photos as the request names them. */
	get documents(): DocumentRef[] {
		return this.#refs();
	}

	/** How many of the request's photos the account holds on the server, of how many (LEG-3). */
	get progress(): { done: number; total: number } {
		const refs = this.#refs();
		const done = this.#started ? refs.filter((ref) => this.#transfers.some((t) => t.sha256 === ref.sha256 && t.state === 'done')).length : 0;
		return { done, total: refs.length };
	}

	/** Whether every photo of the request reached the server (a failed one needs the person: retry). */
	get uploaded(): boolean {
		const { done, total } = this.progress;
		return this.#syncs && this.#started && done === total;
	}

	/** Whether an upload failed for good (the slot offers retry). */
	get failed(): boolean {
		return this.#refs().some((ref) => this.#transfers.some((t) => t.sha256 === ref.sha256 && t.state === 'failed'));
	}

	bytesOf(sha256: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
		return this.#blobs.get(sha256);
	}

	/** Keeps a prepared photo (sealed), names it in the draft with the slot's kind and owner, and queues its upload to the account. */
	async attachPhoto(photo: { bytes: Uint8Array; metadata: ImageMetadata; filename: string | null }, need: RequiredDocument): Promise<DocumentRef> {
		const { bytes, metadata } = photo;
		const sha256 = await this.#uploads.keep(bytes, metadata.mime);
		const ref = slotRef({ sha256, size: bytes.byteLength, metadata }, need);
		await this.#write([...this.#refs().filter((r) => r.sha256 !== sha256), ref]);
		if (!this.#present.includes(sha256)) this.#present = [...this.#present, sha256];
		if (this.#syncs) await this.#uploads.enqueueKept({ sha256, size: bytes.byteLength, subjectId: this.#holder, kind: need.kind, filename: photo.filename });
		return ref;
	}

	/** Takes the photo out of the request and cancels its upload; the bytes stay here for `restore` (undo). */
	async detach(ref: DocumentRef): Promise<void> {
		await this.#write(this.#refs().filter((r) => r.sha256 !== ref.sha256));
		if (this.#syncs) await this.#uploads.cancel(this.#holder, ref.sha256);
	}

	async restore(ref: DocumentRef): Promise<void> {
		await this.#write([...this.#refs().filter((r) => r.sha256 !== ref.sha256), ref]);
		if (this.#syncs) await this.#uploads.enqueueKept({ sha256: ref.sha256, size: ref.size, subjectId: this.#holder, kind: ref.kind, filename: null });
	}

	retry(id: string): void {
		this.#watch(this.#uploads.queue.retry(id), 'requestUploads.retry');
	}

	close(): void {
		for (const stop of this.#stop.splice(0)) stop();
		this.#uploads.queue.stop();
	}

	#refs(): DocumentRef[] {
		return this.#draft.values.documents;
	}

	async #write(documents: DocumentRef[]): Promise<void> {
		this.#draft.values.documents = documents;
		await this.#draft.save();
	}

	async #checkBytes(): Promise<void> {
		const present: string[] = [];
		for (const ref of this.#refs()) if (await this.#blobs.has(ref.sha256)) present.push(ref.sha256);
		this.#present = present;
	}
}
