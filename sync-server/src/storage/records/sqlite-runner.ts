/**
 * The one `node:sqlite` connection the SQLite record stores share: cached prepared statements
 * and `BEGIN IMMEDIATE` transactions. `node:sqlite` is synchronous, so a transaction run here
 * (a synchronous function) is never interleaved with another request's statements.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

export type Row = Record<string, SQLInputValue>;

export class SqliteRunner {
	readonly db: DatabaseSync;
	#statements = new Map<string, StatementSync>();

	constructor(db: DatabaseSync) {
		this.db = db;
	}

	get(sql: string, ...params: SQLInputValue[]): Row | undefined {
		return this.#statement(sql).get(...params) as Row | undefined;
	}

	all(sql: string, ...params: SQLInputValue[]): Row[] {
		return this.#statement(sql).all(...params) as Row[];
	}

	/** Runs a write; returns the number of rows changed. */
	run(sql: string, ...params: SQLInputValue[]): number {
		return Number(this.#statement(sql).run(...params).changes);
	}

	/** Runs `work` in one `BEGIN IMMEDIATE` transaction; rolls back when it throws. Not reentrant. */
	transaction<T>(work: () => T): T {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			this.db.exec('ROLLBACK');
			throw error;
		}
	}

	#statement(sql: string): StatementSync {
		let statement = this.#statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.#statements.set(sql, statement);
		}
		return statement;
	}
}

export const str = (v: SQLInputValue | undefined): string => String(v);
export const num = (v: SQLInputValue | undefined): number => Number(v);
export const numOrNull = (v: SQLInputValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));
export const strOrNull = (v: SQLInputValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
