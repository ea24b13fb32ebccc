/**
 * The PostgreSQL tables: the same tables and columns as the SQLite schemas (records, orders,
 * review, legacy; `../records/sqlite-*-schema.ts`, `../review/`, `../legacy/`) in PostgreSQL's
 * dialect, and the update log of the doc store. Each component keeps its own version in
 * `schema_versions` (`migratePg`). Millisecond times are BIGINT; ordering columns that SQLite
 * filled with AUTOINCREMENT or MAX + 1 are identity columns (gaps do not matter there: they only
 * order rows). Append new migrations; never edit old ones.
 */
import type pg from 'pg';
import { migratePg } from './pg-database.ts';

const RECORDS: readonly string[] = [
	`
	CREATE TABLE accounts (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,
		password_hash TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		display_name TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		token_hash TEXT NOT NULL UNIQUE,
		account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
		created_at BIGINT NOT NULL,
		last_seen_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL,
		user_agent TEXT,
		revoked_at BIGINT
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
		created_at BIGINT NOT NULL,
		UNIQUE (certificate_type, certificate_number)
	);
	CREATE TABLE memberships (
		subject_id TEXT NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
		account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
		role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
		seq BIGINT GENERATED ALWAYS AS IDENTITY,
		PRIMARY KEY (subject_id, account_id)
	);
	CREATE INDEX memberships_account ON memberships (account_id);
	CREATE TABLE invites (
		code_hash TEXT PRIMARY KEY,
		subject_id TEXT NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
		role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
		created_by TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL,
		used_at BIGINT,
		used_by TEXT
	);
	CREATE TABLE attachment_refs (
		subject_id TEXT NOT NULL,
		sha256 TEXT NOT NULL,
		PRIMARY KEY (subject_id, sha256)
	);
	CREATE INDEX attachment_refs_sha256 ON attachment_refs (sha256);
	CREATE TABLE blob_holders (
		subject_id TEXT NOT NULL,
		sha256 TEXT NOT NULL,
		size BIGINT,
		PRIMARY KEY (subject_id, sha256)
	);
	`
];

const ORDERS: readonly string[] = [
	`
	CREATE TABLE orders (
		subject_id TEXT NOT NULL,
		order_id TEXT NOT NULL,
		revision BIGINT NOT NULL,
		status TEXT NOT NULL,
		updated_at TEXT NOT NULL,
		submitted_at TEXT NOT NULL,
		summary TEXT NOT NULL,
		PRIMARY KEY (subject_id, order_id)
	);
	CREATE TABLE order_revisions (
		subject_id TEXT NOT NULL,
		order_id TEXT NOT NULL,
		revision BIGINT NOT NULL,
		body TEXT NOT NULL,
		hash TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		created_by TEXT NOT NULL,
		PRIMARY KEY (subject_id, order_id, revision)
	);
	CREATE FUNCTION beian_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		RAISE EXCEPTION '%', TG_ARGV[0];
	END;
	$$;
	CREATE TRIGGER order_revisions_immutable BEFORE UPDATE OR DELETE ON order_revisions
		FOR EACH ROW EXECUTE FUNCTION beian_refuse_change('order revisions are immutable');
	CREATE TABLE order_audit (
		seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		subject_id TEXT NOT NULL,
		order_id TEXT NOT NULL,
		revision BIGINT NOT NULL,
		actor TEXT NOT NULL,
		at BIGINT NOT NULL,
		from_status TEXT,
		to_status TEXT NOT NULL,
		event TEXT NOT NULL,
		why TEXT
	);
	CREATE INDEX order_audit_order ON order_audit (subject_id, order_id);
	CREATE TRIGGER order_audit_append_only BEFORE UPDATE OR DELETE ON order_audit
		FOR EACH ROW EXECUTE FUNCTION beian_refuse_change('the audit log is append-only');
	CREATE TABLE approved_records (
		subject_id TEXT PRIMARY KEY,
		body TEXT NOT NULL,
		updated_at BIGINT NOT NULL
	);
	CREATE TABLE approved_domains (
		domain TEXT NOT NULL,
		subject_id TEXT NOT NULL,
		PRIMARY KEY (domain, subject_id)
	);
	CREATE INDEX approved_domains_subject ON approved_domains (subject_id);
	`
];

const REVIEW: readonly string[] = [
	`
	CREATE TABLE reviewers (
		account_id TEXT PRIMARY KEY,
		must_change_password BOOLEAN NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE TABLE service_codes (
		code TEXT PRIMARY KEY,
		created_at BIGINT NOT NULL,
		used_subject TEXT,
		used_order TEXT,
		used_at BIGINT
	);
	CREATE TABLE filing_numbers (
		province TEXT NOT NULL,
		year INTEGER NOT NULL,
		last BIGINT NOT NULL,
		PRIMARY KEY (province, year)
	);
	CREATE TABLE registry_entries (
		seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		subject_id TEXT NOT NULL,
		search TEXT NOT NULL,
		body TEXT NOT NULL
	);
	CREATE INDEX registry_entries_subject ON registry_entries (subject_id);
	`
];

const LEGACY: readonly string[] = [
	`
	CREATE TABLE legacy_subjects (
		id TEXT PRIMARY KEY,
		login_id TEXT UNIQUE,
		login_email TEXT,
		demo BOOLEAN NOT NULL,
		attached BOOLEAN NOT NULL,
		body TEXT NOT NULL
	);
	CREATE INDEX legacy_subjects_email ON legacy_subjects (login_email);
	CREATE TABLE legacy_numbers (
		number TEXT PRIMARY KEY,
		legacy_id TEXT NOT NULL
	);
	CREATE TABLE legacy_domains (
		domain TEXT NOT NULL,
		legacy_id TEXT NOT NULL,
		PRIMARY KEY (domain, legacy_id)
	);
	CREATE TABLE account_requests (
		request_id TEXT PRIMARY KEY,
		account_id TEXT NOT NULL,
		revision BIGINT NOT NULL,
		status TEXT NOT NULL,
		submitted_at BIGINT NOT NULL,
		body TEXT NOT NULL
	);
	CREATE INDEX account_requests_account ON account_requests (account_id);
	CREATE TABLE password_reset_tokens (
		token_hash TEXT PRIMARY KEY,
		target TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL,
		used BOOLEAN NOT NULL
	);
	CREATE TABLE inbox_items (
		seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		account_id TEXT NOT NULL,
		at BIGINT NOT NULL,
		body TEXT NOT NULL
	);
	CREATE INDEX inbox_items_account ON inbox_items (account_id, at);
	`,
	`
	ALTER TABLE inbox_items ADD COLUMN item_id TEXT;
	ALTER TABLE inbox_items ADD COLUMN read_at BIGINT;
	UPDATE inbox_items SET item_id = body::jsonb ->> 'id';
	CREATE INDEX inbox_items_item ON inbox_items (account_id, item_id);
	`
];

/**
 * The Yjs update log. `doc_rooms.last_seq` is the room's counter: an append raises it and
 * inserts its rows in the same statement, so a room's rows commit in seq order with no gap
 * (the counter row's lock orders appends of one room, from any node). A compaction replaces the
 * rows through a seq by one snapshot row that keeps that seq.
 */
const DOCS: readonly string[] = [
	`
	CREATE TABLE doc_rooms (
		room TEXT PRIMARY KEY,
		last_seq BIGINT NOT NULL
	);
	CREATE TABLE doc_updates (
		room TEXT NOT NULL,
		seq BIGINT NOT NULL,
		data BYTEA NOT NULL,
		PRIMARY KEY (room, seq)
	);
	`
];

export const PG_SCHEMAS = { records: RECORDS, orders: ORDERS, review: REVIEW, legacy: LEGACY, docs: DOCS } as const;

/** Brings one component's tables up to date. */
export function migratePgComponent(pool: pg.Pool, component: keyof typeof PG_SCHEMAS): Promise<void> {
	return migratePg(pool, component, PG_SCHEMAS[component]);
}
