/**
 * The server's stores, built from configuration: the embedded default (one SQLite file in the
 * data folder, the update log in a worker thread) or PostgreSQL when a `DATABASE_URL` is given
 * (every record store and the update log on one pool; several nodes may share the database).
 * `main.ts` picks one; `close` runs after the server closed its stores and frees what is left.
 * The PostgreSQL modules (and `pg`) are imported only when a `DATABASE_URL` asks for them.
 */
import type { DocStore } from './doc-store.ts';
import type { LegacyRecords } from './legacy/legacy-stores.ts';
import { SqliteLegacyRecords } from './legacy/sqlite-legacy-stores.ts';
import type { Records } from './records/records.ts';
import { SqliteRecords } from './records/sqlite-records.ts';
import type { ReviewRecords } from './review/review-stores.ts';
import { SqliteReviewRecords } from './review/sqlite-review-stores.ts';
import { openDatabase } from './sqlite-doc-store.ts';
import { WorkerDocStore } from './worker-doc-store.ts';

export interface ServerStores {
	/** What the start-up line shows (never a password). */
	readonly where: string;
	readonly docStore: DocStore;
	readonly records: Records;
	readonly review: ReviewRecords;
	readonly legacy: LegacyRecords;
	/** After the server closed: frees the connection pool (PostgreSQL); nothing for SQLite. */
	close(): Promise<void>;
}

/** The embedded default: `beian.sqlite` (records) and its update log, opened by a worker thread. */
export function openSqliteStores(file: string): ServerStores {
	const db = openDatabase(file);
	// Migrated on this connection before the worker opens its own.
	const records = new SqliteRecords(db);
	const review = new SqliteReviewRecords(db);
	const legacy = new SqliteLegacyRecords(db);
	return { where: file, docStore: new WorkerDocStore(file), records, review, legacy, close: async () => {} };
}

/** PostgreSQL at `url`: migrates the tables (once, also when nodes start together) and opens every store on one pool. */
export async function openPgStores(url: string, options: { poolSize?: number } = {}): Promise<ServerStores> {
	const [{ createPgPool }, { PgDocStore }, { PgRecords }, { PgReviewRecords }, { PgLegacyRecords }] = await Promise.all([
		import('./pg/pg-database.ts'),
		import('./pg/pg-doc-store.ts'),
		import('./pg/pg-records.ts'),
		import('./pg/pg-review-stores.ts'),
		import('./pg/pg-legacy-stores.ts')
	]);
	const pool = createPgPool(url, { max: options.poolSize ?? 10 });
	try {
		const docStore = await PgDocStore.open(pool);
		const records = await PgRecords.open(pool);
		const review = await PgReviewRecords.open(pool);
		const legacy = await PgLegacyRecords.open(pool);
		return { where: redacted(url), docStore, records, review, legacy, close: () => pool.end() };
	} catch (error) {
		await pool.end();
		throw error;
	}
}

/** The URL without its password, for logs. */
function redacted(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'PostgreSQL (DATABASE_URL)';
	}
}
