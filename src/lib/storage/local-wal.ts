/**
 * A synchronous safety net under y-dexie. IndexedDB commits asynchronously, so the last
 * keystrokes before a reload or a closed tab can be lost. Every local update is therefore
 * also appended to localStorage (synchronous) and dropped from there once IndexedDB has
 * committed everything written before it; on open, leftovers are replayed (Yjs ignores
 * updates it already has).
 */
import * as Y from 'yjs';
import { z } from 'zod/mini';
import type { BeianDb } from './db.ts';
import { UPDATES_TABLE } from './store-names.ts';

export { UPDATES_TABLE };

const walSchema = z.array(z.string());

function walKey(workspaceId: string): string {
	return `beian.wal.${workspaceId}`;
}

function readWal(workspaceId: string): string[] {
	try {
		const parsed = walSchema.safeParse(JSON.parse(localStorage.getItem(walKey(workspaceId)) ?? '[]'));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

function toBase64(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s);
}

function fromBase64(text: string): Uint8Array {
	return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Applies updates that were in localStorage but maybe not in IndexedDB. */
export function replayWal(doc: Y.Doc, workspaceId: string): void {
	for (const entry of readWal(workspaceId)) {
		try {
			Y.applyUpdate(doc, fromBase64(entry), 'wal');
		} catch {
			// A corrupt entry cannot be recovered; the rest still can.
		}
	}
}

/** Resolves once every IndexedDB write of a Y.Doc update started so far has committed. */
export async function settleLocalWrites(db: BeianDb): Promise<void> {
	await db.transaction('rw', UPDATES_TABLE, (tx) => tx.table(UPDATES_TABLE).count());
}

/** Forgets a workspace's journal (after the workspace was deleted from this device). */
export function clearJournal(workspaceId: string): void {
	try {
		localStorage.removeItem(walKey(workspaceId));
	} catch {
		// nothing to clear
	}
}

/** Whether an update with this origin is one of this device's own edits (the journal keeps only those). */
function isOwnEdit(origin: unknown): boolean {
	// Origin null or a local tag: updates from a provider (the server, IndexedDB itself) can be
	// fetched again and may be large; `wal` ones are in the journal already.
	return origin !== 'wal' && (origin === null || typeof origin === 'string');
}

/**
 * Journals `doc`'s local updates while no IndexedDB write backs them (the start page's first
 * screen, before Dexie has loaded): each is appended to what the journal holds and stays there
 * until the workspace opened with `openWorkspace` replays it and `journalUpdates` settles it
 * once IndexedDB has it. Returns the function that stops it (call it before that journal starts
 * taking the doc's edits, so the two never write over each other).
 */
export function journalUnstored(doc: Y.Doc, workspaceId: string): () => void {
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (!isOwnEdit(origin)) return;
		try {
			localStorage.setItem(walKey(workspaceId), JSON.stringify([...readWal(workspaceId), toBase64(update)]));
		} catch {
			// Quota: the edit is still in the open doc, handed to IndexedDB when it opens.
		}
	};
	doc.on('update', onUpdate);
	return () => doc.off('update', onUpdate);
}

/** Starts journaling `doc`'s local updates; returns the function that stops it. */
export function journalUpdates(db: BeianDb, doc: Y.Doc, workspaceId: string): () => void {
	let pending = readWal(workspaceId);
	let timer: ReturnType<typeof setTimeout> | null = null;
	const write = () => {
		try {
			localStorage.setItem(walKey(workspaceId), JSON.stringify(pending));
		} catch {
			// Quota: IndexedDB still has (or will have) the update; the journal is best effort.
		}
	};
	const settle = () => {
		timer = null;
		const covered = pending.length;
		// A read-write transaction on the updates table runs after every earlier one committed.
		settleLocalWrites(db).then(() => {
			pending = pending.slice(covered);
			write();
		}, () => undefined);
	};
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (!isOwnEdit(origin)) return;
		pending.push(toBase64(update));
		write();
		timer ??= setTimeout(settle, 100);
	};
	doc.on('update', onUpdate);
	return () => {
		doc.off('update', onUpdate);
		if (timer) clearTimeout(timer);
	};
}
