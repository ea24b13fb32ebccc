/**
 * The subject workspace the start page edits: its Y.Doc (persisted on the device by y-dexie)
 * and its connection to the sync server. Exposes the subject name as a reactive value and an
 * intent-named method to change it; the rune wraps Yjs observers with createSubscriber.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { BeianDb } from '../storage/db.ts';
import { openWorkspace, replaceWorkspaceDoc, requestPersistentStorage, type OpenWorkspace } from '../storage/workspaces.ts';
import { ensureLayout, subjectText } from '../sync/doc-layout.ts';
import { spliceBetween } from '../sync/text-diff.ts';
import type { SyncConnection, SyncStatus } from '../sync/workspace-sync.ts';

export class WorkspaceState {
	#local: OpenWorkspace;
	#sync: SyncConnection | null;
	#name: Y.Text;
	#subscribeName: () => void;
	#subscribeStatus: () => void;

	private constructor(local: OpenWorkspace, sync: SyncConnection | null) {
		this.#local = local;
		this.#sync = sync;
		this.#name = subjectText(local.doc, 'name');
		this.#subscribeName = createSubscriber((update) => {
			this.#name.observe(update);
			return () => this.#name.unobserve(update);
		});
		this.#subscribeStatus = createSubscriber((update) => sync?.subscribe(update));
	}

	/**
	 * Opens the workspace from IndexedDB; when `syncs`, connects it to its room on the server
	 * (offline it keeps retrying quietly). The local draft of a device without an account
	 * never syncs.
	 */
	static async open(options: { db: BeianDb; workspaceId: string; syncs: boolean }): Promise<WorkspaceState> {
		// The network layer (y-websocket) loads while IndexedDB opens, off the first route's
		// critical bundle: the draft is usable from the device whatever the network does.
		// A failed chunk load leaves the workspace local-only instead of failing to open.
		const syncModule = options.syncs ? import('../sync/workspace-sync.ts').catch(() => null) : null;
		const local = await openWorkspace(options.db, options.workspaceId);
		ensureLayout(local.doc);
		void requestPersistentStorage();
		// The server refused an update (rare): keep the rebuilt doc instead, and reopen everything from it.
		const onRebuilt = async (rebuilt: Y.Doc) => {
			local.close();
			await replaceWorkspaceDoc(options.db, options.workspaceId, rebuilt);
			location.reload();
		};
		const sync = (await syncModule)?.connectWorkspace({ doc: local.doc, workspaceId: options.workspaceId, onRebuilt }) ?? null;
		return new WorkspaceState(local, sync);
	}

	/** The workspace's Y.Doc, for other state objects of the same workspace (attachments). */
	get doc(): Y.Doc {
		return this.#local.doc;
	}

	/** 主办单位名称 — the subject's name as currently merged from every device. */
	get subjectName(): string {
		this.#subscribeName();
		return this.#name.toString();
	}

	/** Where the data is: only here, connecting, sending, saved on the server, or refused. */
	get syncStatus(): SyncStatus {
		this.#subscribeStatus();
		return this.#sync?.status ?? 'offline';
	}

	/** The close code when the server refused to sync (4401 not signed in, 4403 not a member). */
	get refusedWith(): number | null {
		this.#subscribeStatus();
		return this.#sync?.refusedWith ?? null;
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
		this.#sync?.destroy();
		this.#local.close();
	}
}

/** The subject name drafted in a local workspace ('' when there is none), without syncing it. */
export async function readSubjectName(db: BeianDb, workspaceId: string): Promise<string> {
	const local = await openWorkspace(db, workspaceId);
	try {
		return subjectText(local.doc, 'name').toString();
	} finally {
		local.close();
	}
}

/** Writes the bound subject's name into its workspace when the draft has none yet. */
export async function seedSubjectName(db: BeianDb, workspaceId: string, name: string): Promise<void> {
	const local = await openWorkspace(db, workspaceId);
	try {
		ensureLayout(local.doc);
		const text = subjectText(local.doc, 'name');
		if (text.length === 0 && name) text.insert(0, name);
		await local.flushed();
	} finally {
		local.close();
	}
}
