/**
 * Legacy and account-request stores on SQLite, in the records' database (component `legacy` of
 * `schema_versions`). Rows keep their record as JSON beside the columns they are looked up by;
 * uniqueness (login IDs, filing numbers, one attachment, one decision per revision) is enforced
 * by keys and guarded UPDATEs, so two requests (or two processes) cannot both win.
 */
import type { DatabaseSync } from 'node:sqlite';
import { openComponent, parseBody, SqliteStore } from '../records/sqlite-store.ts';
import { str } from '../records/sqlite-runner.ts';
import {
	foldKey,
	numbersOf,
	planPut,
	type AccountRequestDecision,
	type AccountRequestRecord,
	type AccountRequestStore,
	type AddLegacyOutcome,
	type InboxEntry,
	type InboxItem,
	type InboxStore,
	type LegacyRecords,
	type LegacySubjectRecord,
	type LegacySubjectStore,
	type PutAccountRequestOutcome,
	type ResetTarget,
	type ResetTokenStore
} from './legacy-stores.ts';

const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE legacy_subjects (
		id TEXT PRIMARY KEY,
		login_id TEXT UNIQUE,
		login_email TEXT,
		demo INTEGER NOT NULL,
		attached INTEGER NOT NULL,
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
		revision INTEGER NOT NULL,
		status TEXT NOT NULL,
		submitted_at INTEGER NOT NULL,
		body TEXT NOT NULL
	);
	CREATE INDEX account_requests_account ON account_requests (account_id);
	CREATE TABLE password_reset_tokens (
		token_hash TEXT PRIMARY KEY,
		target TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		used INTEGER NOT NULL
	);
	CREATE TABLE inbox_items (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		account_id TEXT NOT NULL,
		at INTEGER NOT NULL,
		body TEXT NOT NULL
	);
	CREATE INDEX inbox_items_account ON inbox_items (account_id, at);
	`,
	// Read marks (NOTE-3): the item's id as a column, so an account marks its own items by id.
	`
	ALTER TABLE inbox_items ADD COLUMN item_id TEXT;
	ALTER TABLE inbox_items ADD COLUMN read_at INTEGER;
	UPDATE inbox_items SET item_id = json_extract(body, '$.id');
	CREATE INDEX inbox_items_item ON inbox_items (account_id, item_id);
	`
];

class SqliteLegacySubjectStore extends SqliteStore implements LegacySubjectStore {
	#write(record: LegacySubjectRecord): void {
		this.sql.run(
			'UPDATE legacy_subjects SET login_email = ?, attached = ?, body = ? WHERE id = ?',
			record.login ? foldKey(record.login.email) : null,
			record.attachedTo ? 1 : 0,
			JSON.stringify(record),
			record.id
		);
	}
	async add(input: LegacySubjectRecord): Promise<AddLegacyOutcome> {
		const record = { ...input, login: input.login && { ...input.login, loginId: foldKey(input.login.loginId) } };
		return this.sql.transaction((): AddLegacyOutcome => {
			if (this.sql.get('SELECT 1 AS x FROM legacy_subjects WHERE id = ?', record.id)) return 'id-taken';
			if (record.login && this.sql.get('SELECT 1 AS x FROM legacy_subjects WHERE login_id = ?', record.login.loginId)) return 'login-taken';
			const numbers = [...new Set(numbersOf(record))];
			if (numbers.length !== numbersOf(record).length || numbers.some((n) => this.sql.get('SELECT 1 AS x FROM legacy_numbers WHERE number = ?', n))) return 'number-taken';
			this.sql.run(
				'INSERT INTO legacy_subjects (id, login_id, login_email, demo, attached, body) VALUES (?, ?, ?, ?, ?, ?)',
				record.id,
				record.login?.loginId ?? null,
				record.login ? foldKey(record.login.email) : null,
				record.demo ? 1 : 0,
				record.attachedTo ? 1 : 0,
				JSON.stringify(record)
			);
			for (const n of numbers) this.sql.run('INSERT INTO legacy_numbers (number, legacy_id) VALUES (?, ?)', n, record.id);
			for (const d of new Set(record.websites.map((w) => foldKey(w.domain)))) this.sql.run('INSERT INTO legacy_domains (domain, legacy_id) VALUES (?, ?)', d, record.id);
			return 'added';
		});
	}
	async byId(id: string): Promise<LegacySubjectRecord | null> {
		const row = this.sql.get('SELECT body FROM legacy_subjects WHERE id = ?', id);
		return row ? parseBody<LegacySubjectRecord>(row.body) : null;
	}
	async byLoginId(loginId: string): Promise<LegacySubjectRecord | null> {
		const row = this.sql.get('SELECT body FROM legacy_subjects WHERE login_id = ?', foldKey(loginId));
		return row ? parseBody<LegacySubjectRecord>(row.body) : null;
	}
	async byLoginEmail(email: string): Promise<LegacySubjectRecord[]> {
		return this.sql.all('SELECT body FROM legacy_subjects WHERE login_email = ? ORDER BY id', foldKey(email)).map((r) => parseBody<LegacySubjectRecord>(r.body));
	}
	async find(query: { domain?: string; number?: string }): Promise<LegacySubjectRecord | null> {
		const byDomain = query.domain === undefined ? undefined : this.sql.get('SELECT legacy_id FROM legacy_domains WHERE domain = ? ORDER BY legacy_id LIMIT 1', foldKey(query.domain));
		const byNumber = byDomain || query.number === undefined ? undefined : this.sql.get('SELECT legacy_id FROM legacy_numbers WHERE number = ?', query.number.trim());
		const id = byDomain?.legacy_id ?? byNumber?.legacy_id;
		return id === undefined ? null : this.byId(str(id));
	}
	async attach(id: string, to: { accountId: string; subjectId: string; at: number }): Promise<'attached' | 'taken' | 'not-found'> {
		return this.sql.transaction(() => {
			const row = this.sql.get('SELECT body FROM legacy_subjects WHERE id = ?', id);
			if (!row) return 'not-found';
			const record = parseBody<LegacySubjectRecord>(row.body);
			if (record.attachedTo) return 'taken';
			this.#write({ ...record, attachedTo: { ...to } });
			return 'attached';
		});
	}
	async setLoginEmail(id: string, email: string): Promise<boolean> {
		return this.sql.transaction(() => {
			const row = this.sql.get('SELECT body FROM legacy_subjects WHERE id = ?', id);
			const record = row ? parseBody<LegacySubjectRecord>(row.body) : null;
			if (!record?.login) return false;
			this.#write({ ...record, login: { ...record.login, email } });
			return true;
		});
	}
	async setLoginPassword(loginId: string, passwordHash: string): Promise<boolean> {
		return this.sql.transaction(() => {
			const row = this.sql.get('SELECT body FROM legacy_subjects WHERE login_id = ?', foldKey(loginId));
			const record = row ? parseBody<LegacySubjectRecord>(row.body) : null;
			if (!record?.login) return false;
			this.#write({ ...record, login: { ...record.login, passwordHash } });
			return true;
		});
	}
	async removeUnattachedDemo(): Promise<number> {
		return this.sql.transaction(() => {
			const ids = this.sql.all('SELECT id FROM legacy_subjects WHERE demo = 1 AND attached = 0').map((r) => str(r.id));
			for (const id of ids) {
				this.sql.run('DELETE FROM legacy_numbers WHERE legacy_id = ?', id);
				this.sql.run('DELETE FROM legacy_domains WHERE legacy_id = ?', id);
				this.sql.run('DELETE FROM legacy_subjects WHERE id = ?', id);
			}
			return ids.length;
		});
	}
}

class SqliteAccountRequestStore extends SqliteStore implements AccountRequestStore {
	#read(requestId: string): AccountRequestRecord | null {
		const row = this.sql.get('SELECT body FROM account_requests WHERE request_id = ?', requestId);
		return row ? parseBody<AccountRequestRecord>(row.body) : null;
	}
	#write(record: AccountRequestRecord): void {
		this.sql.run(
			'INSERT INTO account_requests (request_id, account_id, revision, status, submitted_at, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO UPDATE SET revision = excluded.revision, status = excluded.status, submitted_at = excluded.submitted_at, body = excluded.body',
			record.requestId,
			record.accountId,
			record.revision,
			record.status,
			record.submittedAt,
			JSON.stringify(record)
		);
	}
	async put(request: Omit<AccountRequestRecord, 'revision' | 'status' | 'decision'>): Promise<PutAccountRequestOutcome> {
		return this.sql.transaction(() => {
			const planned = planPut(this.#read(request.requestId), request);
			if (planned.outcome === 'created' || planned.outcome === 'revised') this.#write(planned.record);
			return planned;
		});
	}
	async get(requestId: string): Promise<AccountRequestRecord | null> {
		return this.#read(requestId);
	}
	async ofAccount(accountId: string): Promise<AccountRequestRecord[]> {
		return this.sql.all('SELECT body FROM account_requests WHERE account_id = ? ORDER BY submitted_at, request_id', accountId).map((r) => parseBody<AccountRequestRecord>(r.body));
	}
	async pending(): Promise<AccountRequestRecord[]> {
		return this.sql.all("SELECT body FROM account_requests WHERE status = 'submitted' ORDER BY submitted_at, request_id").map((r) => parseBody<AccountRequestRecord>(r.body));
	}
	async decide(requestId: string, revision: number, decision: AccountRequestDecision): Promise<'decided' | 'stale'> {
		return this.sql.transaction(() => {
			const row = this.#read(requestId);
			if (!row || row.revision !== revision || row.status !== 'submitted') return 'stale';
			this.#write({ ...row, status: decision.action === 'approve' ? 'approved' : 'rejected', decision });
			return 'decided';
		});
	}
}

class SqliteResetTokenStore extends SqliteStore implements ResetTokenStore {
	async add(token: { tokenHash: string; target: ResetTarget; createdAt: number; expiresAt: number }): Promise<void> {
		this.sql.run('INSERT INTO password_reset_tokens (token_hash, target, created_at, expires_at, used) VALUES (?, ?, ?, ?, 0)', token.tokenHash, JSON.stringify(token.target), token.createdAt, token.expiresAt);
	}
	async consume(tokenHash: string, now: number): Promise<ResetTarget | null> {
		return this.sql.transaction(() => {
			const row = this.sql.get('SELECT target FROM password_reset_tokens WHERE token_hash = ? AND used = 0 AND expires_at > ?', tokenHash, now);
			if (!row) return null;
			this.sql.run('UPDATE password_reset_tokens SET used = 1 WHERE token_hash = ?', tokenHash);
			return parseBody<ResetTarget>(row.target);
		});
	}
}

class SqliteInboxStore extends SqliteStore implements InboxStore {
	async add(item: InboxItem): Promise<void> {
		this.sql.run('INSERT INTO inbox_items (account_id, at, body, item_id) VALUES (?, ?, ?, ?)', item.accountId, item.at, JSON.stringify(item), item.id);
	}
	async ofAccount(accountId: string, limit: number): Promise<InboxEntry[]> {
		return this.sql
			.all('SELECT body, read_at FROM inbox_items WHERE account_id = ? ORDER BY at DESC, seq DESC LIMIT ?', accountId, limit)
			.map((r) => ({ ...parseBody<InboxItem>(r.body), readAt: r.read_at === null ? null : Number(r.read_at) }));
	}
	async markRead(accountId: string, ids: readonly string[], at: number): Promise<number> {
		if (ids.length === 0) return 0;
		const marks = ids.map(() => '?').join(', ');
		return this.sql.run(`UPDATE inbox_items SET read_at = ? WHERE account_id = ? AND read_at IS NULL AND item_id IN (${marks})`, at, accountId, ...ids);
	}
}

export class SqliteLegacyRecords implements LegacyRecords {
	readonly legacy: SqliteLegacySubjectStore;
	readonly requests: SqliteAccountRequestStore;
	readonly resetTokens: SqliteResetTokenStore;
	readonly inbox: SqliteInboxStore;
	constructor(db: DatabaseSync) {
		const sql = openComponent(db, 'legacy', MIGRATIONS);
		this.legacy = new SqliteLegacySubjectStore(sql);
		this.requests = new SqliteAccountRequestStore(sql);
		this.resetTokens = new SqliteResetTokenStore(sql);
		this.inbox = new SqliteInboxStore(sql);
	}
}

export const LEGACY_SCHEMA_VERSION = MIGRATIONS.length;
