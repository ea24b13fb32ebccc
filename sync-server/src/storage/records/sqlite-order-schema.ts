/**
 * Tables of the orders area (orders, their immutable revisions, the append-only audit log, the
 * approved records), migrated as the component `orders` of `schema_versions`. Append new
 * migrations; never edit old ones. Revisions and audit rows refuse UPDATE and DELETE (triggers).
 */
import type { DatabaseSync } from 'node:sqlite';
import { migrateComponent } from './sqlite-record-schema.ts';

const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE orders (
		subject_id TEXT NOT NULL,
		order_id TEXT NOT NULL,
		revision INTEGER NOT NULL,
		status TEXT NOT NULL,
		updated_at TEXT NOT NULL,
		submitted_at TEXT NOT NULL,
		summary TEXT NOT NULL,
		PRIMARY KEY (subject_id, order_id)
	);
	CREATE TABLE order_revisions (
		subject_id TEXT NOT NULL,
		order_id TEXT NOT NULL,
		revision INTEGER NOT NULL,
		body TEXT NOT NULL,
		hash TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		created_by TEXT NOT NULL,
		PRIMARY KEY (subject_id, order_id, revision)
	);
	CREATE TRIGGER order_revisions_immutable BEFORE UPDATE ON order_revisions BEGIN SELECT RAISE(ABORT, 'order revisions are immutable'); END;
	CREATE TRIGGER order_revisions_kept BEFORE DELETE ON order_revisions BEGIN SELECT RAISE(ABORT, 'order revisions are immutable'); END;
	CREATE TABLE order_audit (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		subject_id TEXT NOT NULL,
		order_id TEXT NOT NULL,
		revision INTEGER NOT NULL,
		actor TEXT NOT NULL,
		at INTEGER NOT NULL,
		from_status TEXT,
		to_status TEXT NOT NULL,
		event TEXT NOT NULL,
		why TEXT
	);
	CREATE INDEX order_audit_order ON order_audit (subject_id, order_id);
	CREATE TRIGGER order_audit_append_only BEFORE UPDATE ON order_audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
	CREATE TRIGGER order_audit_kept BEFORE DELETE ON order_audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
	CREATE TABLE approved_records (
		subject_id TEXT PRIMARY KEY,
		body TEXT NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE TABLE approved_domains (
		domain TEXT NOT NULL,
		subject_id TEXT NOT NULL,
		PRIMARY KEY (domain, subject_id)
	);
	CREATE INDEX approved_domains_subject ON approved_domains (subject_id);
	`
];

export const ORDER_SCHEMA_VERSION = MIGRATIONS.length;

export function migrateOrderSchema(db: DatabaseSync): void {
	migrateComponent(db, 'orders', MIGRATIONS);
}
