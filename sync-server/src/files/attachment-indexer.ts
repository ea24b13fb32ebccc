/**
 * Keeps the server's attachment index — which subjects' workspace docs reference which blob
 * hashes — in step with the docs, so `/files/blob/<sha256>` can tell who may download.
 *
 * The sync rooms call `onDocChanged(room, doc)` after a room loads and after updates; the first
 * call for a doc indexes it and observes its `attachments` map, later calls cost one lookup.
 * Writes are coalesced per subject (one per tick) and serialised, so the last state wins.
 * Only workspace rooms are indexed (not the server-owned facts room); keys that are not a
 * SHA-256 are ignored.
 *
 * When a room loads, its doc is compared with the index by reads only, and written only when a
 * hash is missing — so loading many rooms (most without attachments) costs no disk writes. An
 * index row left behind by a crash between a doc change and its index write (a hash no longer
 * referenced) stays until the subject's attachments change next.
 */
import type * as Y from 'yjs';
import { WORKSPACE_ROOT } from '../../../src/lib/domain/workspace/layout.ts';
import { subjectOfRoom } from '../../../src/lib/domain/workspace/room.ts';
import type { Logger } from '../log.ts';
import { isSha256 } from '../storage/blob-store.ts';

/** The attachments map of a workspace doc: the layout's name, shared with the app. */
export const ATTACHMENTS_MAP = WORKSPACE_ROOT.attachments;

/** What the indexer reads and writes (the records' `FileIndexStore` implements it). */
export interface AttachmentRefWriter {
	setAttachmentRefs(subjectId: string, hashes: readonly string[]): Promise<void>;
	subjectsReferencing(sha256: string): Promise<string[]>;
}

export interface AttachmentIndexerOptions {
	refs: AttachmentRefWriter;
	logger: Logger;
}

export class AttachmentIndexer {
	#options: AttachmentIndexerOptions;
	#watched = new WeakSet<Y.Doc>();
	/** Latest hash list per subject not yet written. */
	#pending = new Map<string, string[]>();
	/** Subjects whose pending list comes only from a room load (checked by reads first). */
	#loadOnly = new Set<string>();
	/** Last list written per subject, to skip writes that change nothing. */
	#written = new Map<string, string>();
	#writing: Promise<void> = Promise.resolve();
	#scheduled = false;

	constructor(options: AttachmentIndexerOptions) {
		this.#options = options;
	}

	/** Hook for the sync rooms: cheap to call on every update. */
	readonly onDocChanged = (room: string, doc: Y.Doc): void => {
		if (this.#watched.has(doc)) return;
		const owner = subjectOfRoom(room);
		if (!owner || owner.kind !== 'workspace') return;
		this.#watched.add(doc);
		const attachments = doc.getMap(ATTACHMENTS_MAP);
		const index = () => this.#queue(owner.subjectId, [...attachments.keys()], false);
		attachments.observe(index);
		doc.once('destroy', () => attachments.unobserve(index));
		this.#queue(owner.subjectId, [...attachments.keys()], true);
	};

	/** Resolves once every queued write has been attempted (shutdown, tests). */
	async flushed(): Promise<void> {
		while (this.#scheduled || this.#pending.size > 0) {
			await this.#writing;
			await new Promise((resolve) => setImmediate(resolve));
		}
		await this.#writing;
	}

	#queue(subjectId: string, keys: string[], onLoad: boolean): void {
		if (onLoad && !this.#pending.has(subjectId)) this.#loadOnly.add(subjectId);
		if (!onLoad) this.#loadOnly.delete(subjectId);
		this.#pending.set(subjectId, keys.filter(isSha256).sort());
		if (this.#scheduled) return;
		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			const batch = [...this.#pending].map(([subjectId, hashes]) => ({ subjectId, hashes, onLoad: this.#loadOnly.has(subjectId) }));
			this.#pending.clear();
			this.#loadOnly.clear();
			this.#writing = this.#writing.then(() => this.#write(batch));
		});
	}

	async #write(batch: { subjectId: string; hashes: string[]; onLoad: boolean }[]): Promise<void> {
		for (const { subjectId, hashes, onLoad } of batch) {
			const key = hashes.join(',');
			if (this.#written.get(subjectId) === key) continue;
			try {
				if (!onLoad || !(await this.#indexed(subjectId, hashes))) await this.#options.refs.setAttachmentRefs(subjectId, hashes);
				this.#written.set(subjectId, key);
			} catch (error) {
				this.#options.logger.log('error', 'attachment index write failed', { subjectId, error: String(error) });
			}
		}
	}

	/** Whether the index already lists every hash for the subject (reads only). */
	async #indexed(subjectId: string, hashes: readonly string[]): Promise<boolean> {
		for (const hash of hashes) {
			if (!(await this.#options.refs.subjectsReferencing(hash)).includes(subjectId)) return false;
		}
		return true;
	}
}
