/**
 * What the start page's first screen reads from IndexedDB before Dexie has loaded: the signed-in
 * account's last `/api/me` snapshot and one workspace's Y.Doc as stored, read with the bare
 * IndexedDB API from the stores Dexie and y-dexie keep (db.ts: `deviceAccounts`, indexed by
 * `current`; y-dexie's `$workspaces.doc_updates`, indexed by `k`, rows `{ i, k, u }` holding
 * Yjs v2 updates). Read only: nothing here writes, creates or upgrades the database — a device
 * with no database yet reads as empty and keeps none. Dexie (db.ts) stays the only writer.
 * Every row is parsed before it is trusted; a row that does not parse is left out. The doc read
 * here hands its edits to the workspace's doc as opened by Dexie (`handOverEdits`).
 */
import * as Y from 'yjs';
import { z } from 'zod/mini';
import { replayWal } from './local-wal.ts';
import { DB_NAME_ON_DEVICE, UPDATES_TABLE } from './store-names.ts';

/** Transaction origin of the stored updates read here (not an edit: never journaled). */
const FROM_DEVICE = Symbol('first-read');

const DeviceAccountRowSchema = z.object({ current: z.literal(1), me: z.unknown() });
const UpdateRowSchema = z.object({ k: z.string(), u: z.instanceof(Uint8Array) });

/** What the first screen found on the device. */
export interface FirstRead {
	/** The signed-in account's last `/api/me` answer, unparsed (the caller parses it), or null. */
	me: unknown;
	/** Reads one workspace's stored Yjs v2 updates (none when the device has none). */
	updatesOf(workspaceId: string): Promise<Uint8Array[]>;
	/** Lets go of the database (Dexie may then open and upgrade it). */
	close(): void;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

/** Opens the existing database as it is, or null when the device has none (none is created). */
function openExisting(name: string): Promise<IDBDatabase | null> {
	return new Promise((resolve, reject) => {
		const open = indexedDB.open(name);
		let created = false;
		open.onupgradeneeded = () => {
			// No database yet: abort, so that Dexie later creates it with its own schema.
			created = true;
			open.transaction?.abort();
		};
		open.onsuccess = () => {
			const db = open.result;
			// Another tab (or Dexie here) upgrades the schema: step aside at once.
			db.onversionchange = () => db.close();
			resolve(db);
		};
		open.onerror = (event) => {
			if (created) {
				event.preventDefault();
				resolve(null);
			} else reject(open.error ?? new Error('IndexedDB open failed'));
		};
	});
}

async function readAll(db: IDBDatabase, store: string, index: string, key: IDBValidKey): Promise<unknown[]> {
	if (!db.objectStoreNames.contains(store)) return [];
	const found = db.transaction(store, 'readonly').objectStore(store);
	if (!found.indexNames.contains(index)) return [];
	return request(found.index(index).getAll(key));
}

/**
 * Opens what the device holds for the first screen; rejects when IndexedDB refuses (the caller
 * then waits for Dexie, which reports the failure in words).
 */
export async function openFirstRead(name = DB_NAME_ON_DEVICE): Promise<FirstRead> {
	const db = await openExisting(name);
	// Dexie's `where('current').equals(1).first()`: the index's first row, in the same order.
	const accounts = db ? await readAll(db, 'deviceAccounts', 'current', 1) : [];
	const account = accounts.map((row) => DeviceAccountRowSchema.safeParse(row)).find((row) => row.success);
	return {
		me: account?.success ? account.data.me : null,
		updatesOf: async (workspaceId) => {
			if (!db) return [];
			const rows = await readAll(db, UPDATES_TABLE, 'k', workspaceId);
			return rows.flatMap((row) => {
				const parsed = UpdateRowSchema.safeParse(row);
				return parsed.success ? [parsed.data.u] : [];
			});
		},
		close: () => db?.close()
	};
}

/**
 * The workspace's doc as this device holds it (IndexedDB, then the local journal), without
 * Dexie; empty when nothing is stored. Rejects when IndexedDB refuses.
 */
export async function readStoredDoc(workspaceId: string): Promise<Y.Doc> {
	const read = await openFirstRead();
	let updates: Uint8Array[];
	try {
		updates = await read.updatesOf(workspaceId);
	} finally {
		read.close();
	}
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const update of updates) {
			try {
				Y.applyUpdateV2(doc, update);
			} catch {
				// An update Yjs cannot read: the workspace session, through y-dexie, reports what it holds.
			}
		}
	}, FROM_DEVICE);
	replayWal(doc, workspaceId);
	return doc;
}

/**
 * Gives `to` every edit of `from` it lacks, then each later edit of `from` as it is made, under
 * `origin` (a string: `to`'s journal and y-dexie keep them). Returns the function that stops it.
 */
export function handOverEdits(from: Y.Doc, to: Y.Doc, origin: string): () => void {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), origin);
	const forward = (update: Uint8Array) => Y.applyUpdate(to, update, origin);
	from.on('update', forward);
	return () => from.off('update', forward);
}
