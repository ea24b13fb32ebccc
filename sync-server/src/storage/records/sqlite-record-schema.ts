/**
 * Schema of the record tables (every SQLite record store) and its migrations. The version lives in the
 * `schema_versions` table under the component `records`; each migration runs once, in order,
 * inside one transaction with the version bump. Append new migrations; never edit old ones.
 */
import type { DatabaseSync } from 'node:sqlite';

const COMPONENT = 'records';

const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE accounts (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,
		password_hash TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		token_hash TEXT NOT NULL UNIQUE,
		account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
		created_at INTEGER NOT NULL,
		last_seen_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		user_agent TEXT,
		revoked_at INTEGER
	);
	CREATE INDEX sessions_account ON sessions (account_id);
	CREATE TABLE subjects (
		id TEXT PRIMARY KEY,
		subject_type TEXT NOT NULL,
		certificate_type TEXT NOT NULL,
		certificate_number TEXT NOT NULL,
		certificate_key TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		owner_account_id TEXT NOT NULL UNIQUE REFERENCES accounts (id),
		created_at INTEGER NOT NULL,
		UNIQUE (certificate_type, certificate_number)
	);
	CREATE TABLE memberships (
		subject_id TEXT NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
		account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
		role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
		seq INTEGER NOT NULL,
		PRIMARY KEY (subject_id, account_id)
	);
	CREATE INDEX memberships_account ON memberships (account_id);
	CREATE TABLE invites (
		code_hash TEXT PRIMARY KEY,
		subject_id TEXT NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
		role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
		created_by TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		used_at INTEGER,
		used_by TEXT
	);
	CREATE TABLE attachment_refs (
		subject_id TEXT NOT NULL,
		sha256 TEXT NOT NULL,
		PRIMARY KEY (subject_id, sha256)
	);
	CREATE INDEX attachment_refs_sha256 ON attachment_refs (sha256);
	`,
	// Proof of possession: a subject holds a blob once an upload into it was re-hashed by the
	// server. Not backfilled: blobs stored before this version have no holder until re-uploaded.
	`
	CREATE TABLE blob_holders (
		subject_id TEXT NOT NULL,
		sha256 TEXT NOT NULL,
		PRIMARY KEY (subject_id, sha256)
	);
	`,
	// Storage quota per subject: each holder records its blob's size. Rows from version 2 keep
	// NULL until the file endpoint fills them in from the blob store (the first time it counts).
	`
	ALTER TABLE blob_holders ADD COLUMN size INTEGER;
	`,
	// Display names (presence): accounts made before this version have none until they set one.
	`
	ALTER TABLE accounts ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
	`
];

/** The schema version this code writes. */
export const RECORD_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the record tables up to {@link RECORD_SCHEMA_VERSION}; refuses a newer database. */
export function migrateRecordSchema(db: DatabaseSync): void {
	migrateComponent(db, COMPONENT, MIGRATIONS);
}

/**
 * Runs a component's migrations (its version in `schema_versions`) once each, in order, each in
 * one transaction with its version bump; refuses a database newer than `migrations`. Areas with
 * their own tables (`sqlite-order-schema.ts`) keep their own component and list.
 */
export function migrateComponent(db: DatabaseSync, component: string, migrations: readonly string[]): void {
	db.exec('CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
	const row = db.prepare('SELECT version FROM schema_versions WHERE component = ?').get(component) as { version: number } | undefined;
	const current = row?.version ?? 0;
	if (current > migrations.length) {
		throw new Error(`${component} schema version ${current} is newer than this server (${migrations.length})`);
	}
	for (let version = current; version < migrations.length; version++) {
		db.exec('BEGIN IMMEDIATE');
		try {
			db.exec(migrations[version] ?? '');
			db.prepare('INSERT INTO schema_versions (component, version) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET version = excluded.version').run(
				component,
				version + 1
			);
			db.exec('COMMIT');
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
	}
}
