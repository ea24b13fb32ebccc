/**
 * The subject workspace the start page edits: its Y.Doc (persisted on the device by y-dexie)
 * and its connection to the sync server. Exposes the subject name as a reactive value and an
 * intent-named method to change it; the rune wraps Yjs observers with createSubscriber.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { createDb, type BeianDb } from '../storage/db.ts';
import { openWorkspace, requestPersistentStorage, type OpenWorkspace } from '../storage/workspaces.ts';
import { ensureLayout, subjectText } from '../sync/doc-layout.ts';
import { spliceBetween } from '../sync/text-diff.ts';
import { connectWorkspace, type SyncConnection, type SyncStatus } from '../sync/workspace-sync.ts';

/** Until accounts exist, every device edits this one local workspace room. */
export const LOCAL_WORKSPACE_ID = 'local';

export class WorkspaceState {
	#local: OpenWorkspace;
	#sync: SyncConnection;
	#name: Y.Text;
	#subscribeName: () => void;
	#subscribeStatus: () => void;

	private constructor(local: OpenWorkspace, sync: SyncConnection) {
		this.#local = local;
		this.#sync = sync;
		this.#name = subjectText(local.doc, 'name');
		this.#subscribeName = createSubscriber((update) => {
			this.#name.observe(update);
			return () => this.#name.unobserve(update);
		});
		this.#subscribeStatus = createSubscriber((update) => sync.subscribe(update));
	}

	/** Opens the workspace from IndexedDB, then connects it (works offline: it keeps retrying). */
	static async open(options: { db?: BeianDb; workspaceId?: string } = {}): Promise<WorkspaceState> {
		const db = options.db ?? createDb();
		const workspaceId = options.workspaceId ?? LOCAL_WORKSPACE_ID;
		const local = await openWorkspace(db, workspaceId);
		ensureLayout(local.doc);
		void requestPersistentStorage();
		return new WorkspaceState(local, connectWorkspace({ doc: local.doc, workspaceId }));
	}

	/** 主办单位名称 — the subject's name as currently merged from every device. */
	get subjectName(): string {
		this.#subscribeName();
		return this.#name.toString();
	}

	/** Where the data is: only here, connecting, sending, or saved on the server. */
	get syncStatus(): SyncStatus {
		this.#subscribeStatus();
		return this.#sync.status;
	}

	/** Replaces the subject name with `value`, as one minimal splice (keeps others' edits). */
	renameSubject(value: string): void {
		const splice = spliceBetween(this.#name.toString(), value);
		if (!splice) return;
		this.#local.doc.transact(() => {
			if (splice.remove > 0) this.#name.delete(splice.index, splice.remove);
			if (splice.insert) this.#name.insert(splice.index, splice.insert);
		});
	}

	close(): void {
		this.#sync.destroy();
		this.#local.close();
	}
}
