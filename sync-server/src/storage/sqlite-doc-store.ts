/**
 * DocStore on SQLite through `node:sqlite`. WAL journal with `synchronous = FULL`: a commit
 * returns only after the WAL is fsync'd, so an acknowledged update survives a power cut, not
 * just a process crash. Appends of one tick are grouped into one transaction by the caller.
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

export class SqliteDocStore implements DocStore {
	#db: DatabaseSync;
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

	async append(room: string, updates: readonly Uint8Array[]): Promise<number> {
		let last = 0;
		this.#transaction(() => {
			for (const data of updates) {
				last = Number(this.#insert.run(room, data).lastInsertRowid);
			}
		});
		return last;
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
