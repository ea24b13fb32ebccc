/**
 * Local workspaces: one row per subject workspace, with its Y.Doc persisted by y-dexie on
 * every change (so an edit is on the device at once, before any network).
 */
import { DexieYProvider } from 'y-dexie';
import { z } from 'zod/mini';
import * as Y from 'yjs';
import type { BeianDb } from './db.ts';
import { clearJournal, journalUpdates, replayWal, settleLocalWrites, UPDATES_TABLE } from './local-wal.ts';

const workspaceRecord = z.object({ id: z.string().check(z.minLength(1)), createdAt: z.number() });

export interface OpenWorkspace {
	id: string;
	doc: Y.Doc;
	/** Resolves once every local update so far is committed to IndexedDB. */
	flushed(): Promise<void>;
	/** Stops persisting and releases the doc. */
	close(): void;
}

/**
 * Opens (creating on first use) a workspace and loads its doc from IndexedDB. `adopt` receives
 * the doc once it is loaded, its journal replayed and journaling started, in the same task: the
 * first screen's draft hands its edits over there (state/first-screen-draft.svelte.ts).
 */
export async function openWorkspace(db: BeianDb, id: string, adopt?: (doc: Y.Doc) => void): Promise<OpenWorkspace> {
	await db.transaction('rw', db.workspaces, async () => {
		if (!(await db.workspaces.get(id))) await db.workspaces.add({ id, createdAt: Date.now() } as never);
	});
	const row = await db.workspaces.get(id);
	const parsed = workspaceRecord.safeParse(row ? { id: row.id, createdAt: row.createdAt } : undefined);
	if (!row || !parsed.success) throw new Error(`workspace ${id} is unreadable in local storage`);
	const doc = row.doc;
	const provider = DexieYProvider.load(doc);
	await provider.whenLoaded;
	replayWal(doc, id);
	const stopJournal = journalUpdates(db, doc, id);
	adopt?.(doc);
	return {
		id,
		doc,
		flushed: () => settleLocalWrites(db),
		close: () => {
			stopJournal();
			DexieYProvider.release(doc);
		}
	};
}

/**
 * Replaces a workspace's stored doc with `rebuilt` (after the server refused one of its updates,
 * see sync/refusal.ts): its y-dexie update rows and its journal are deleted, so the refused
 * update is never loaded or sent again, and the row is added anew holding `rebuilt`'s state.
 * Close the workspace first; reopen it afterwards.
 */
export async function replaceWorkspaceDoc(db: BeianDb, id: string, rebuilt: Y.Doc): Promise<void> {
	await db.transaction('rw', db.workspaces, UPDATES_TABLE, async (tx) => {
		const row = await db.workspaces.get(id);
		await tx.table(UPDATES_TABLE).where({ k: id }).delete();
		await db.workspaces.delete(id);
		await db.workspaces.add({ id, createdAt: row?.createdAt ?? Date.now(), doc: rebuilt } as never);
	});
	clearJournal(id);
}

/**
 * Moves everything drafted in workspace `fromId` (e.g. the device's local draft before
 * sign-up) into workspace `toId` — a CRDT merge, so nothing already in `toId` is lost — then
 * deletes `fromId` from this device. Idempotent when repeated after a crash.
 */
export async function mergeWorkspace(db: BeianDb, fromId: string, toId: string): Promise<void> {
	if (!(await db.workspaces.get(fromId))) return;
	const from = await openWorkspace(db, fromId);
	const to = await openWorkspace(db, toId);
	try {
		Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc), 'merge');
		await settleLocalWrites(db);
	} finally {
		from.close();
		to.close();
	}
	await db.workspaces.delete(fromId);
	clearJournal(fromId);
}
