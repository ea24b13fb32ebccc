/**
 * For a PostgreSQL contract suite: one database per suite file (created on first use), one
 * schema per fixture in it, and a pool whose `search_path` is that schema — so each fixture
 * starts from empty tables, as a fresh SQLite file does.
 */
import pg from 'pg';
import { inject } from 'vitest';
import { createPgPool } from '../../sync-server/src/storage/pg/pg-database.ts';
import { connectionConfig, createDatabase, databaseUrl } from './postgres.ts';

let database: Promise<string> | null = null;
let schemas = 0;

/** This suite file's database (created once). */
export function suiteDatabase(label: string): Promise<string> {
	database ??= createDatabase(inject('postgres'), label);
	return database;
}

export interface PgFixture {
	pool: pg.Pool;
	/** The `DATABASE_URL` of this fixture's schema (for a second pool, a second "node", or the server). */
	url: string;
	/** Ends the pool and drops the schema. */
	dispose(): Promise<void>;
}

/** A new empty schema in the suite's database, with a pool on it. */
export async function freshSchema(label: string): Promise<PgFixture> {
	const info = inject('postgres');
	const name = await suiteDatabase(label);
	const schema = `f${++schemas}`;
	const admin = new pg.Client(connectionConfig(info, name));
	await admin.connect();
	await admin.query(`CREATE SCHEMA ${schema}`);
	await admin.end();
	const url = databaseUrl(info, name, schema);
	const pool = createPgPool(url, { max: 5 });
	return {
		pool,
		url,
		async dispose() {
			await pool.end();
			const drop = new pg.Client(connectionConfig(info, name));
			await drop.connect();
			await drop.query(`DROP SCHEMA ${schema} CASCADE`);
			await drop.end();
		}
	};
}
