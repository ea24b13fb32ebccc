/**
 * What every component's SQLite stores share (legacy, review, …): one migrated component on the
 * records' connection, one `SqliteRunner` (cached statements, `BEGIN IMMEDIATE` transactions)
 * handed to each store, and rows that keep their record as a JSON body column.
 */
import type { DatabaseSync } from 'node:sqlite';
import { migrateComponent } from './sqlite-record-schema.ts';
import { str, SqliteRunner, type Row } from './sqlite-runner.ts';

/** Migrates `component`'s tables of `db` (its row in `schema_versions`) and returns the runner its stores share. */
export function openComponent(db: DatabaseSync, component: string, migrations: readonly string[]): SqliteRunner {
	migrateComponent(db, component, migrations);
	return new SqliteRunner(db);
}

/** A store on the shared runner: statements and transactions through `sql`. */
export class SqliteStore {
	readonly sql: SqliteRunner;
	constructor(sql: SqliteRunner) {
		this.sql = sql;
	}
}

/** A JSON body column, parsed as the record it was written from. */
export const parseBody = <T>(value: Row[string] | undefined): T => JSON.parse(str(value)) as T;
