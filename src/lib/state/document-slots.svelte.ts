/**
 * The slots of a document checklist: what each required document's slot shows (`slotView`, a
 * pure derivation from the doc's attachments, the capture running on this device and the
 * upload queue), and the intents — capture a photo into a slot (through the Worker pipeline
 * and the domain's image rules: a refused photo is never attached nor uploaded), retake,
 * remove with undo, retry an upload. Object URLs for the photos on this device are made here
 * and revoked on `dispose`. No markup.
 */
import type { DocumentRef } from '../domain/document/document-ref.ts';
import type { RequiredDocument } from '../domain/document/required-documents.ts';
import { attachmentFor, slotKey, slotView, type SlotCapture, type SlotState } from '../domain/document/slot-state.ts';
import type { CaptureError } from '../capture/protocol.ts';
import type { CapturePipeline } from '../capture/capture-client.ts';
import type { AttachmentsState } from './attachments.svelte.ts';
import { logBackground, type WatchBackground } from './errors.svelte.ts';

export type { SlotState };

/** What a checklist needs from its slots (`DocumentChecklist`'s props); an account request's checklist implements it too. */
export interface SlotController {
	stateOf(need: RequiredDocument): SlotState;
	capture(need: RequiredDocument, file: File): Promise<void>;
	/** Removes the slot's photo; resolves with the undo (null when the slot was empty). */
	remove(need: RequiredDocument): Promise<(() => Promise<void>) | null>;
	retry(need: RequiredDocument): void;
}

/** What the slots read and change: a workspace's `AttachmentsState`, or an account request's `RequestAttachments`. */
export type SlotAttachments = Pick<AttachmentsState, 'items' | 'syncs' | 'bytesOf' | 'attachPhoto' | 'detach' | 'restore' | 'retry'>;

export class DocumentSlots implements SlotController {
	#attachments: SlotAttachments;
	#watch: WatchBackground;
	#pipeline: Promise<CapturePipeline> | null = null;
	#captures = $state<Record<string, SlotCapture>>({});
	#errors = $state<Record<string, CaptureError>>({});
	#urls = $state<Record<string, string>>({});
	/** Hashes whose object URL is being made (bookkeeping, not reactive). */
	#loading: Record<string, true> = {};
	#disposed = false;

	constructor(attachments: SlotAttachments, options: { watch?: WatchBackground } = {}) {
		this.#attachments = attachments;
		this.#watch = options.watch ?? logBackground;
	}

	stateOf(need: RequiredDocument): SlotState {
		const key = slotKey(need);
		const items = this.#attachments.items;
		const ref = attachmentFor(
			need,
			items.map((i) => i.ref)
		);
		const item = ref ? items.find((i) => i.ref.sha256 === ref.sha256) : undefined;
		const transfer = item?.transfer ?? null;
		if (ref && item?.hasBytes) this.#ensureUrl(ref.sha256);
		const view = slotView({ ref, capture: this.#captures[key] ?? null, transfer, syncs: this.#attachments.syncs });
		return {
			...view,
			key,
			ref,
			photoUrl: ref ? (this.#urls[ref.sha256] ?? null) : null,
			captureError: this.#errors[key] ?? null,
			transferId: transfer?.direction === 'upload' ? transfer.id : null
		};
	}

	/**
	 * Prepares a picked or photographed file in the Worker and checks it. Accepted (with or
	 * without warnings): it replaces the slot's photo (the old one is removed, its upload
	 * cancelled). Refused: the slot says why and what to do; nothing is kept or sent.
	 */
	async capture(need: RequiredDocument, file: File): Promise<void> {
		const key = slotKey(need);
		this.#captures = { ...this.#captures, [key]: { state: 'checking' } };
		this.#errors = without(this.#errors, key);
		const pipeline = await this.#ensurePipeline();
		const outcome = await pipeline.process(file);
		if (!outcome.ok) {
			this.#captures = without(this.#captures, key);
			this.#errors = { ...this.#errors, [key]: outcome.error };
			return;
		}
		if (!outcome.check.ok) {
			this.#captures = { ...this.#captures, [key]: { state: 'refused', issues: outcome.check.issues.filter((i) => i.severity === 'error') } };
			return;
		}
		const previous = this.stateOf(need).ref;
		let ref: DocumentRef;
		try {
			ref = await this.#attachments.attachPhoto({ bytes: outcome.photo.bytes, metadata: outcome.photo.metadata, filename: photoName(file) }, need);
		} catch (error) {
			// Not stored (a full device: nothing was written): the slot is back as it was, the caller says why.
			this.#captures = without(this.#captures, key);
			throw error;
		}
		if (previous && previous.sha256 !== ref.sha256) await this.#attachments.detach(previous);
		this.#captures = without(this.#captures, key);
	}

	async remove(need: RequiredDocument): Promise<(() => Promise<void>) | null> {
		const key = slotKey(need);
		const hadCapture = key in this.#captures || key in this.#errors;
		this.#captures = without(this.#captures, key);
		this.#errors = without(this.#errors, key);
		const ref = this.stateOf(need).ref;
		if (!ref) return hadCapture ? async () => undefined : null;
		await this.#attachments.detach(ref);
		return () => this.#attachments.restore(ref);
	}

	retry(need: RequiredDocument): void {
		const id = this.stateOf(need).transferId;
		if (id) this.#attachments.retry(id);
	}

	dispose(): void {
		this.#disposed = true;
		for (const url of Object.values(this.#urls)) URL.revokeObjectURL(url);
		this.#urls = {};
		this.#pipeline?.then((p) => p.dispose(), () => undefined);
	}

	#ensurePipeline(): Promise<CapturePipeline> {
		this.#pipeline ??= import('../capture/capture-client.ts').then(({ CapturePipeline }) => new CapturePipeline());
		return this.#pipeline;
	}

	/** Makes an object URL for bytes on this device, once per hash (an IndexedDB read). */
	#ensureUrl(sha256: string): void {
		if (this.#disposed || this.#loading[sha256]) return;
		this.#loading[sha256] = true;
		const shown = this.#attachments.bytesOf(sha256).then((blob) => {
			if (!blob || this.#disposed) return void delete this.#loading[sha256];
			this.#urls = { ...this.#urls, [sha256]: URL.createObjectURL(new Blob([blob.bytes as BlobPart], { type: blob.mime })) };
		});
		this.#watch(shown, 'slots.photoUrl');
	}
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
	if (!(key in record)) return record;
	const next = { ...record };
	delete next[key];
	return next;
}

/** The picked file's name as upload metadata: the prepared photo is always a JPEG. */
function photoName(file: File): string | null {
	const base = file.name.replace(/\.[^.]*$/, '').slice(0, 200);
	return base ? `${base}.jpg` : null;
}
