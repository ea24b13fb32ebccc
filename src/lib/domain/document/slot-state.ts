/**
 * Document slots: one per required document (DOC-1..17), filled by the attachment whose
 * DocumentRef has the slot's kind, owner, website and pre-approval item (DOC-16). A slot's
 * state comes from what is known about it, as a pure function:
 *
 *   capture running ─────────────▶ checking
 *   capture refused (IMG errors) ─▶ refused, with the issues saying what to do
 *   attached photo ──checkImage──▶ accepted | warned (IMG warnings) | refused
 *   nothing ─────────────────────▶ empty
 *
 * and, beside it, where the photo's bytes are: only on this device, waiting for the network,
 * uploading n %, on the server, or failed (retry).
 */
import { checkImage, type ImageMetadata } from '../image/image-acceptance.ts';
import type { Issue } from '../result.ts';
import { DocumentRefSchema, type DocumentRef } from './document-ref.ts';
import { fillsRequirement } from './document-check.ts';
import type { RequiredDocument } from './required-documents.ts';

export type SlotStatus = 'empty' | 'checking' | 'accepted' | 'warned' | 'refused';

export type UploadStatus =
	| { readonly state: 'none' }
	/** Kept on this device; this workspace does not sync (no subject yet). */
	| { readonly state: 'local' }
	| { readonly state: 'waiting' }
	| { readonly state: 'sign-in' }
	| { readonly state: 'uploading'; readonly percent: number }
	| { readonly state: 'on-server' }
	| { readonly state: 'failed'; readonly code: string | null };

/** What the transfer queue says about the photo's upload (a subset of its record). */
export interface SlotTransfer {
	readonly direction: 'upload' | 'download';
	readonly state: 'queued' | 'active' | 'waiting' | 'blocked' | 'failed' | 'done';
	readonly bytesSent: number;
	readonly size: number;
	readonly lastError: string | null;
}

/** What the device is doing with a photo for this slot that is not (yet) attached. */
export type SlotCapture = { readonly state: 'checking' } | { readonly state: 'refused'; readonly issues: readonly Issue[] };

export interface SlotInput {
	readonly ref: DocumentRef | null;
	readonly capture: SlotCapture | null;
	readonly transfer: SlotTransfer | null;
	/** Whether the workspace syncs with the server. */
	readonly syncs: boolean;
}

export interface SlotView {
	readonly status: SlotStatus;
	/** The image rules' issues (IMG-*) behind a warning or a refusal, each saying what to do. */
	readonly issues: readonly Issue[];
	readonly upload: UploadStatus;
}

/** What a checklist shows of one slot: its view, the photo filling it, where its bytes are. */
export interface SlotState extends SlotView {
	readonly key: string;
	readonly ref: DocumentRef | null;
	/** Object URL of the photo's bytes on this device; null while they are not here. */
	readonly photoUrl: string | null;
	/** Why the last photo could not be prepared (a capture error code the UI localises). */
	readonly captureError: string | null;
	/** The upload transfer's id, for retry. */
	readonly transferId: string | null;
}

/** A stable key of a slot: kind, owner, website and pre-approval item. */
export function slotKey(need: RequiredDocument): string {
	return [need.kind, need.owner, need.websiteId ?? '', need.preApprovalCategory ?? ''].join('/');
}

/** One slot per required document: the same document asked for by several rules is one slot with all their rules. */
export function slotsOf(required: readonly RequiredDocument[]): RequiredDocument[] {
	const byKey = new Map<string, RequiredDocument>();
	for (const need of required) {
		const key = slotKey(need);
		const seen = byKey.get(key);
		byKey.set(key, seen ? { ...seen, rules: [...new Set([...seen.rules, ...need.rules])] } : need);
	}
	return [...byKey.values()];
}

/** DOC-16: the attachment filling a slot (the first by hash order when several do), or null. */
export function attachmentFor(need: RequiredDocument, refs: readonly DocumentRef[]): DocumentRef | null {
	return refs.find((ref) => fillsRequirement(ref, need)) ?? null;
}

export function uploadStatusOf(input: Pick<SlotInput, 'ref' | 'transfer' | 'syncs'>): UploadStatus {
	const { ref, transfer } = input;
	if (!ref) return { state: 'none' };
	if (!input.syncs) return { state: 'local' };
	// No upload from here: the photo came from the server (another device) or finished earlier.
	if (!transfer || transfer.direction === 'download') return { state: 'on-server' };
	switch (transfer.state) {
		case 'queued':
		case 'waiting':
			return { state: 'waiting' };
		case 'blocked':
			return { state: 'sign-in' };
		case 'active':
			return { state: 'uploading', percent: transfer.size > 0 ? Math.min(99, Math.floor((transfer.bytesSent / transfer.size) * 100)) : 0 };
		case 'done':
			return { state: 'on-server' };
		case 'failed':
			return { state: 'failed', code: transfer.lastError };
	}
}

/** The state of one slot. Never throws. */
export function slotView(input: SlotInput): SlotView {
	const upload = uploadStatusOf(input);
	if (input.capture?.state === 'checking') return { status: 'checking', issues: [], upload };
	if (input.capture?.state === 'refused') return { status: 'refused', issues: input.capture.issues, upload };
	if (!input.ref) return { status: 'empty', issues: [], upload };
	const check = checkImage(input.ref);
	if (!check.ok) return { status: 'refused', issues: check.issues.filter((i) => i.severity === 'error'), upload };
	return { status: check.issues.length > 0 ? 'warned' : 'accepted', issues: check.issues, upload };
}

/**
 * DOC-16: the reference that fills `need` with a prepared photo — the slot's kind, owner,
 * website and pre-approval item, the photo's hash, size and measured quality (metadata only).
 */
export function slotRef(photo: { sha256: string; size: number; metadata: ImageMetadata }, need: RequiredDocument): DocumentRef {
	const { metadata } = photo;
	return DocumentRefSchema.parse({
		version: 1,
		sha256: photo.sha256,
		kind: need.kind,
		mime: metadata.mime,
		size: photo.size,
		width: metadata.width,
		height: metadata.height,
		...(metadata.quality ? { quality: metadata.quality } : {}),
		owner: need.owner,
		...(need.websiteId ? { websiteId: need.websiteId } : {}),
		...(need.preApprovalCategory ? { preApprovalCategory: need.preApprovalCategory } : {})
	});
}
