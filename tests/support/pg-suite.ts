/**
 * For a PostgreSQL contract suite: one database per suite file (created on first use), one
 * schema per fixture in it, and a pool whose `search_path` is that schema — so each fixture
 * starts from empty tables, as a fresh SQLite file does. A disposed fixture's schema (tables
 * emptied, pool kept) serves the next fixture of the file: creating a schema, migrating it and
 * connecting again for every test would cost most of the suite's time. A test that changes the
 * schema itself (triggers, versions) asks for a `private` one, never reused.
 */
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createPgPool } from '../../sync-server/src/storage/pg/pg-database.ts';
import { connectionConfig, createDatabase, databaseUrl } from './postgres.ts';

interface Schema {
	name: string;
	pool: pg.Pool;
	url: string;
}

let database: Promise<string> | null = null;
let admin: pg.Pool | null = null;
let schemas = 0;
const idle: Schema[] = [];
const opened: Schema[] = [];

afterAll(async () => {
	for (const schema of opened.splice(0)) await schema.pool.end();
	idle.length = 0;
	await admin?.end();
	admin = null;
});

/** This suite file's database (created once). */
export function suiteDatabase(label: string): Promise<string> {
	database ??= createDatabase(inject('postgres'), label);
	return database;
}

export interface PgFixture {
	pool: pg.Pool;
	/** The `DATABASE_URL` of this fixture's schema (for a second pool, a second "node", or the server). */
	url: string;
	/** Hands the schema back (emptied before its next use); a private one is dropped. */
	dispose(): Promise<void>;
}

/** An empty schema in the suite's database, with a pool on it; `private`: a new one that is never reused. */
export async function freshSchema(label: string, options: { private?: boolean } = {}): Promise<PgFixture> {
	const reused = options.private ? undefined : idle.pop();
	const schema = reused ?? (await createSchema(label));
	if (reused) await emptyTables(schema);
	return {
		pool: schema.pool,
		url: schema.url,
		async dispose() {
			if (!options.private) {
				if (!idle.includes(schema)) idle.push(schema);
				return;
			}
			opened.splice(opened.indexOf(schema), 1);
			await schema.pool.end();
			await admin?.query(`DROP SCHEMA ${schema.name} CASCADE`);
		}
	};
}

async function createSchema(label: string): Promise<Schema> {
	const info = inject('postgres');
	const databaseName = await suiteDatabase(label);
	admin ??= new pg.Pool({ ...connectionConfig(info, databaseName), max: 1 });
	const name = `f${++schemas}`;
	await admin.query(`CREATE SCHEMA ${name}`);
	const url = databaseUrl(info, databaseName, name);
	const schema = { name, pool: createPgPool(url, { max: 4 }), url };
	opened.push(schema);
	return schema;
}

/** Empties every table but `schema_versions` (the tables stay migrated). DELETE, not TRUNCATE: on tables this small it is many times faster; as replica, so neither foreign keys nor the append-only triggers get in the way. */
async function emptyTables(schema: Schema): Promise<void> {
	const { rows } = await schema.pool.query("SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_versions'", [schema.name]);
	if (rows.length === 0) return;
	const deletes = rows.map((r: { tablename: string }) => `DELETE FROM ${schema.name}."${r.tablename}";`).join('\n');
	await schema.pool.query(`SET session_replication_role = replica;\n${deletes}\nSET session_replication_role = DEFAULT;`);
}
