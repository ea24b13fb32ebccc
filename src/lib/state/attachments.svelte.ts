/**
 * Document photos of a workspace: their references in the Y.Doc (metadata only), the bytes on
 * this device (IndexedDB), and the upload / download queues that move bytes to and from the
 * server, resuming after reloads and drops. Image bytes never enter the Y.Doc.
 */
import { logBackground, type WatchBackground } from './errors.svelte.ts';
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
// Direct module import, not the domain index: the index also carries tldts (~47 KB gzip).
import { DocumentRefSchema, type DocumentKind, type DocumentRef } from '../domain/document/document-ref.ts';
import { createLocalBlobs, type LocalBlobs } from '../storage/blobs.ts';
import type { BeianDb } from '../storage/db.ts';
import type { Vault } from '../storage/vault.ts';
import { createTransferRepo, type TransferRecord } from '../storage/transfers.ts';
import { attachmentsSource, putAttachment, readAttachments, removeAttachment } from '../sync/bindings/attachments.ts';
import type { ImageMetadata } from '../domain/image/image-acceptance.ts';
import type { RequiredDocument } from '../domain/document/required-documents.ts';
import { slotRef } from '../domain/document/slot-state.ts';
import type { Issue } from '../domain/result.ts';
import { DownloadQueue } from '../sync/transfers/download-queue.ts';
import { UploadQueue } from '../sync/transfers/upload-queue.ts';

export interface AttachmentView {
	ref: DocumentRef;
	/** The transfer moving its bytes, if any (upload from here or download to here). */
	transfer: TransferRecord | null;
	hasBytes: boolean;
}

export class AttachmentsState {
	#doc: Y.Doc;
	#subjectId: string;
	#syncs: boolean;
	#blobs: LocalBlobs;
	#uploads: UploadQueue;
	#downloads: DownloadQueue;
	#transfers = $state<readonly TransferRecord[]>([]);
	#present = $state<readonly string[]>([]);
	#subscribeDoc: () => void;
	#stop: (() => void)[] = [];
	#watch: WatchBackground;

	/** `vault`: the signed-in account's (`openAccountVault`): bytes are kept encrypted under its key. */
	constructor(options: { db: BeianDb; vault: Vault; doc: Y.Doc; subjectId: string; syncs?: boolean; watch?: WatchBackground; chunkSize?: number }) {
		this.#watch = options.watch ?? logBackground;
		this.#doc = options.doc;
		this.#subjectId = options.subjectId;
		this.#syncs = options.syncs ?? true;
		this.#blobs = createLocalBlobs(options.db, options.vault);
		// This workspace's transfers only (another account's on this device are not ours to run).
		const repo = createTransferRepo(options.db, { subjectId: options.subjectId });
		this.#uploads = new UploadQueue({ repo, blobs: this.#blobs, serverUrl: '', ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}) });
		this.#downloads = new DownloadQueue({ repo, blobs: this.#blobs, serverUrl: '' });
		this.#subscribeDoc = createSubscriber((update) => {
			const map = attachmentsSource(this.#doc);
			map.observe(update);
			return () => map.unobserve(update);
		});
	}

	/** Starts both queues, fetches the bytes this device lacks, and follows new references. */
	async start(): Promise<void> {
		// Queue notifications come with every progress step: they only refresh the transfer list
		// (memory), and look at local bytes again only when a transfer has just finished.
		const onTransfers = () => {
			const before = this.#transfers.filter((t) => t.state === 'done').length;
			this.#transfers = [...this.#uploads.queue.records, ...this.#downloads.queue.records];
			if (this.#transfers.filter((t) => t.state === 'done').length !== before) this.#watch(this.#checkBytes(), 'attachments.checkBytes');
		};
		for (const queue of [this.#uploads.queue, this.#downloads.queue]) {
			this.#stop.push(queue.subscribe(onTransfers));
			await queue.start();
		}
		const onReferences = () => this.#watch(this.#followReferences(), 'attachments.followReferences');
		const map = attachmentsSource(this.#doc);
		map.observe(onReferences);
		this.#stop.push(() => map.unobserve(onReferences));
		const online = () => {
			this.#watch(this.#uploads.queue.kick(), 'uploads.kick');
			this.#watch(this.#downloads.queue.kick(), 'downloads.kick');
		};
		window.addEventListener('online', online);
		this.#stop.push(() => window.removeEventListener('online', online));
		onTransfers();
		await this.#followReferences();
	}

	/** The workspace's attachments with where their bytes are. */
	get items(): AttachmentView[] {
		this.#subscribeDoc();
		return this.#references().map((ref) => ({
			ref,
			transfer: this.#transfers.find((t) => t.sha256 === ref.sha256 && t.direction === 'upload') ?? this.#transfers.find((t) => t.sha256 === ref.sha256) ?? null,
			hasBytes: this.#present.includes(ref.sha256)
		}));
	}

	/** The bytes of an attachment on this device, or null. */
	async bytesOf(sha256: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
		return this.#blobs.get(sha256);
	}

	/**
	 * Keeps a picked photo on this device, references it in the doc (which syncs to
	 * collaborators) and queues its upload. Refuses anything but JPEG and PNG by content.
	 */
	async attach(file: { bytes: Uint8Array; mime: string; name: string }, kind: DocumentKind): Promise<'ok' | 'unsupported'> {
		const size = await imageSize(file.bytes, file.mime);
		if (!size) return 'unsupported';
		const { sha256 } = await this.#uploads.enqueue({ bytes: file.bytes, mime: file.mime, subjectId: this.#subjectId, kind, filename: file.name });
		const ref = DocumentRefSchema.parse({ version: 1, sha256, kind, mime: file.mime, size: file.bytes.byteLength, ...size, owner: 'subject' });
		putAttachment(this.#doc, ref);
		return 'ok';
	}

	/** Whether this workspace syncs (its photos upload); a local draft keeps them on the device. */
	get syncs(): boolean {
		return this.#syncs;
	}

	/**
	 * Attaches a photo the capture pipeline prepared to the slot of a required document: keeps
	 * the bytes on this device, references them in the doc with the slot's kind, owner, website
	 * and pre-approval item and the measured quality (metadata only), and queues the upload.
	 */
	async attachPhoto(photo: { bytes: Uint8Array; metadata: ImageMetadata; filename: string | null }, need: RequiredDocument): Promise<DocumentRef> {
		const { bytes, metadata } = photo;
		const sha256 = await this.#uploads.keep(bytes, metadata.mime);
		if (this.#syncs) await this.#uploads.enqueueKept({ sha256, size: bytes.byteLength, subjectId: this.#subjectId, kind: need.kind, filename: photo.filename });
		const ref = slotRef({ sha256, size: bytes.byteLength, metadata }, need);
		putAttachment(this.#doc, ref);
		return ref;
	}

	/**
	 * Takes a photo out of the doc and cancels its upload: a photo removed before it was
	 * uploaded never leaves the device (a running transfer is aborted, an upload the server had
	 * begun is terminated). The bytes stay on this device for `restore` (undo).
	 */
	async detach(ref: DocumentRef): Promise<void> {
		removeAttachment(this.#doc, ref.sha256);
		if (this.#syncs) await this.#uploads.cancel(this.#subjectId, ref.sha256);
	}

	/** Undoes `detach`: the reference is back and its upload queued again (skipped when the server holds it). */
	async restore(ref: DocumentRef): Promise<void> {
		putAttachment(this.#doc, ref);
		if (this.#syncs) await this.#uploads.enqueueKept({ sha256: ref.sha256, size: ref.size, subjectId: this.#subjectId, kind: ref.kind, filename: null });
	}

	retry(id: string): void {
		this.#watch(this.#uploads.queue.retry(id), 'uploads.retry');
		this.#watch(this.#downloads.queue.retry(id), 'downloads.retry');
	}

	close(): void {
		for (const stop of this.#stop.splice(0)) stop();
		this.#uploads.queue.stop();
		this.#downloads.queue.stop();
	}

	/** Entries of the attachments map that are not a DocumentRef (DATA-3), shown, never fatal. */
	get issues(): readonly Issue[] {
		this.#subscribeDoc();
		return readAttachments(this.#doc).issues;
	}

	/** The references in the doc, parsed (anything that is not a DocumentRef is an issue, not a reference). */
	#references(): DocumentRef[] {
		return readAttachments(this.#doc).value;
	}

	/**
	 * After the doc's references changed: queue downloads for bytes this device lacks, and
	 * uploads for bytes only this device has — photos taken in the local draft before the account
	 * had a subject, which moved into the subject's workspace with the draft (a HEAD first: bytes
	 * the subject already holds are not sent again).
	 */
	async #followReferences(): Promise<void> {
		if (this.#syncs) await this.#downloads.request(this.#references().map((ref) => ({ sha256: ref.sha256, subjectId: this.#subjectId, size: ref.size })));
		await this.#checkBytes();
		if (this.#syncs) await this.#queueLocalOnly();
	}

	async #queueLocalOnly(): Promise<void> {
		const moving = [...this.#uploads.queue.records, ...this.#downloads.queue.records].map((t) => t.sha256);
		for (const ref of this.#references()) {
			if (moving.includes(ref.sha256) || !this.#present.includes(ref.sha256)) continue;
			await this.#uploads.enqueueKept({ sha256: ref.sha256, size: ref.size, subjectId: this.#subjectId, kind: ref.kind, filename: null });
		}
	}

	/** Which referenced photos have their bytes on this device (IndexedDB reads). */
	async #checkBytes(): Promise<void> {
		const present: string[] = [];
		for (const ref of this.#references()) if (await this.#blobs.has(ref.sha256)) present.push(ref.sha256);
		this.#present = present;
	}
}

/** Decodes the image header to get its pixel size; null when the bytes are not a JPEG/PNG image. */
async function imageSize(bytes: Uint8Array, mime: string): Promise<{ width: number; height: number } | null> {
	if (mime !== 'image/jpeg' && mime !== 'image/png') return null;
	try {
		const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: mime }));
		const size = { width: bitmap.width, height: bitmap.height };
		bitmap.close();
		return size;
	} catch {
		return null;
	}
}
