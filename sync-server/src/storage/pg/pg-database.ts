/**
 * What every PostgreSQL store shares: the pool (`DATABASE_URL`), a small query runner, and
 * transactions. A cross-aggregate step runs on one client between `BEGIN` and `COMMIT` with its
 * stores bound to that client (`PgRunner` over a `PoolClient`); everything else runs on the pool.
 *
 * Transactions are SERIALIZABLE and retried on a serialization failure, a deadlock, or a
 * unique violation (another node won a check-then-insert race; the retry sees its row and
 * answers as the stores' contracts say, e.g. `email-taken`). Several nodes on one database
 * therefore keep the same uniqueness rules as one SQLite process.
 */
import pg from 'pg';

/** 64-bit integers (counts, sums, millisecond times) come back as numbers: every stored value is a safe integer. */
const INT8 = 20;
const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

/** Opens a pool on a connection string (`postgres://user:pass@host:port/db`, or `?host=/socket/dir`). */
export function createPgPool(connectionString: string, options: { max?: number } = {}): pg.Pool {
	const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
	// An idle client losing its connection must not crash the process; the next query fails instead.
	pool.on('error', () => {});
	return pool;
}

export type PgRow = Record<string, unknown>;

/** What queries run on: the pool, or one client inside a transaction. */
export interface PgQueryable {
	query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

/** Open/closed state shared by the stores of one composition (a closed one refuses every call). */
export class PgGate {
	#closed = false;
	get closed(): boolean {
		return this.#closed;
	}
	close(): void {
		this.#closed = true;
	}
	check(): void {
		if (this.#closed) throw new Error('record store is closed');
	}
}

const RETRYABLE = new Set(['40001', '40P01', '23505']);
const ATTEMPTS = 12;

export class PgRunner {
	readonly db: PgQueryable;
	readonly gate: PgGate;

	constructor(db: PgQueryable, gate: PgGate) {
		this.db = db;
		this.gate = gate;
	}

	async get(sql: string, ...params: unknown[]): Promise<PgRow | undefined> {
		return (await this.#query(sql, params)).rows[0] as PgRow | undefined;
	}

	async all(sql: string, ...params: unknown[]): Promise<PgRow[]> {
		return (await this.#query(sql, params)).rows as PgRow[];
	}

	/** Runs a write; returns the number of rows changed. */
	async run(sql: string, ...params: unknown[]): Promise<number> {
		return (await this.#query(sql, params)).rowCount ?? 0;
	}

	/**
	 * Runs `work` in one SERIALIZABLE transaction on one client (its runner bound to that client);
	 * rolls back when it throws, retries when another transaction got in the way. Runs on the pool
	 * only (not inside another transaction).
	 */
	async transaction<T>(work: (sql: PgRunner) => Promise<T>): Promise<T> {
		this.gate.check();
		const pool = this.db as pg.Pool;
		for (let attempt = 1; ; attempt++) {
			const client = await pool.connect();
			try {
				await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
				const result = await work(new PgRunner(client, this.gate));
				await client.query('COMMIT');
				return result;
			} catch (error) {
				await client.query('ROLLBACK').catch(() => {});
				if (attempt >= ATTEMPTS || !RETRYABLE.has(codeOf(error))) throw error;
				await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));
			} finally {
				client.release();
			}
		}
	}

	#query(sql: string, params: unknown[]): Promise<pg.QueryResult> {
		this.gate.check();
		return this.db.query(sql, params);
	}
}

/** The SQLSTATE of a PostgreSQL error, '' for anything else. */
export function codeOf(error: unknown): string {
	return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

export const str = (v: unknown): string => String(v);
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * Runs a component's migrations (its version in `schema_versions`) once each, in order, each in
 * one transaction with its version bump, under an advisory lock so nodes starting together
 * migrate once; refuses a database newer than `migrations`.
 */
export async function migratePg(pool: pg.Pool, component: string, migrations: readonly string[]): Promise<void> {
	const client = await pool.connect();
	try {
		for (;;) {
			await client.query('BEGIN');
			try {
				await client.query("SELECT pg_advisory_xact_lock(hashtext('beian:migrate'))");
				await client.query('CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
				const row = (await client.query('SELECT version FROM schema_versions WHERE component = $1', [component])).rows[0] as { version: number } | undefined;
				const current = row?.version ?? 0;
				if (current > migrations.length) throw new Error(`${component} schema version ${current} is newer than this server (${migrations.length})`);
				if (current === migrations.length) {
					await client.query('COMMIT');
					return;
				}
				await client.query(migrations[current] ?? '');
				await client.query(
					'INSERT INTO schema_versions (component, version) VALUES ($1, $2) ON CONFLICT (component) DO UPDATE SET version = excluded.version',
					[component, current + 1]
				);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK').catch(() => {});
				throw error;
			}
		}
	} finally {
		client.release();
	}
}
