/**
 * Local workspaces: one row per subject workspace, with its Y.Doc persisted by y-dexie on
 * every change (so an edit is on the device at once, before any network).
 */
import { DexieYProvider } from 'y-dexie';
import { z } from 'zod/mini';
import type * as Y from 'yjs';
import type { BeianDb } from './db.ts';
import { journalUpdates, replayWal } from './local-wal.ts';

const workspaceRecord = z.object({ id: z.string().check(z.minLength(1)), createdAt: z.number() });

export interface OpenWorkspace {
	id: string;
	doc: Y.Doc;
	/** Stops persisting and releases the doc. */
	close(): void;
}

/** Opens (creating on first use) a workspace and loads its doc from IndexedDB. */
export async function openWorkspace(db: BeianDb, id: string): Promise<OpenWorkspace> {
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
	return {
		id,
		doc,
		close: () => {
			stopJournal();
			DexieYProvider.release(doc);
		}
	};
}

/** Asks the browser to keep our data under storage pressure; false when refused or unsupported. */
export async function requestPersistentStorage(): Promise<boolean> {
	try {
		return (await navigator.storage?.persist?.()) ?? false;
	} catch {
		return false;
	}
}
