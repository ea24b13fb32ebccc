/**
 * DocStore on SQLite through `node:sqlite`. WAL journal with `synchronous = FULL`: a commit
 * returns only after the WAL is fsync'd, so an acknowledged update survives a power cut, not
 * just a process crash.
 *
 * Group commit across rooms: every `append` of one event-loop turn (from any room) goes into
 * one transaction, committed on the next turn, so a busy server pays one fsync per turn instead
 * of one per room. Each append's promise resolves only after the commit that holds it.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { DocStore, StoredUpdates } from './doc-store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_updates (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	room TEXT NOT NULL,
	data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_room_seq ON doc_updates (room, seq);
`;

interface QueuedAppend {
	room: string;
	updates: readonly Uint8Array[];
	resolve: (lastSeq: number) => void;
	reject: (error: unknown) => void;
}

export class SqliteDocStore implements DocStore {
	#db: DatabaseSync;
	#queue: QueuedAppend[] = [];
	#commitScheduled = false;
	#select: StatementSync;
	#insert: StatementSync;
	#insertAt: StatementSync;
	#deleteThrough: StatementSync;
	#count: StatementSync;

	/** Opens (or creates) the database file; `:memory:` works for tests. */
	constructor(db: DatabaseSync) {
		this.#db = db;
		db.exec(SCHEMA);
		this.#select = db.prepare('SELECT seq, data FROM doc_updates WHERE room = ? ORDER BY seq');
		this.#insert = db.prepare('INSERT INTO doc_updates (room, data) VALUES (?, ?)');
		this.#insertAt = db.prepare('INSERT INTO doc_updates (seq, room, data) VALUES (?, ?, ?)');
		this.#deleteThrough = db.prepare('DELETE FROM doc_updates WHERE room = ? AND seq <= ?');
		this.#count = db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE room = ?');
	}

	async load(room: string): Promise<StoredUpdates> {
		const rows = this.#select.all(room) as { seq: number; data: Uint8Array }[];
		return { updates: rows.map((r) => new Uint8Array(r.data)), lastSeq: rows.at(-1)?.seq ?? 0 };
	}

	append(room: string, updates: readonly Uint8Array[]): Promise<number> {
		// Copied here: the caller may reuse its arrays once append returned.
		return this.appendOwned(room, updates.map((u) => u.slice()));
	}

	/** `append` for a caller that leaves `updates` untouched until the promise settled (no copy). */
	appendOwned(room: string, updates: readonly Uint8Array[]): Promise<number> {
		if (!this.#db.isOpen) return Promise.reject(new Error('doc store is closed'));
		return new Promise((resolve, reject) => {
			this.#queue.push({ room, updates, resolve, reject });
			if (this.#commitScheduled) return;
			this.#commitScheduled = true;
			setImmediate(() => this.#commitQueued());
		});
	}

	/** Commits every queued append in one transaction, then settles their promises in order. */
	#commitQueued(): void {
		this.#commitScheduled = false;
		const batch = this.#queue.splice(0);
		if (batch.length === 0) return;
		const lastSeqs: number[] = [];
		try {
			this.#transaction(() => {
				for (const item of batch) {
					let last = 0;
					for (const data of item.updates) last = Number(this.#insert.run(item.room, data).lastInsertRowid);
					lastSeqs.push(last);
				}
			});
		} catch (error) {
			for (const item of batch) item.reject(error);
			return;
		}
		batch.forEach((item, i) => item.resolve(lastSeqs[i] as number));
	}

	async compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
		this.#transaction(() => {
			this.#deleteThrough.run(room, throughSeq);
			// The snapshot keeps the seq of the last update it replaces, so order is kept.
			this.#insertAt.run(throughSeq, room, snapshot);
		});
	}

	async count(room: string): Promise<number> {
		const row = this.#count.get(room) as { n: number } | undefined;
		return row?.n ?? 0;
	}

	async close(): Promise<void> {
		if (!this.#db.isOpen) return;
		this.#commitQueued();
		this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
		this.#db.close();
	}

	#transaction(work: () => void): void {
		this.#db.exec('BEGIN IMMEDIATE');
		try {
			work();
			this.#db.exec('COMMIT');
		} catch (error) {
			this.#db.exec('ROLLBACK');
			throw error;
		}
	}
}

/** Opens a SQLite database file with the pragmas every Beian store relies on. */
export function openDatabase(path: string): DatabaseSync {
	const db = new DatabaseSync(path);
	db.exec('PRAGMA journal_mode = WAL');
	db.exec('PRAGMA synchronous = FULL');
	db.exec('PRAGMA busy_timeout = 5000');
	db.exec('PRAGMA foreign_keys = ON');
	return db;
}
