/**
 * Legacy and account-request stores on PostgreSQL (component `legacy`): rows keep their record
 * as JSON beside the columns they are looked up by, like the SQLite stores. Uniqueness (login
 * IDs, filing numbers, one attachment, one decision per revision) is enforced by keys and by
 * SERIALIZABLE transactions, so two requests on two nodes cannot both win.
 */
import type pg from 'pg';
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
} from '../legacy/legacy-stores.ts';
import { PgGate, PgRunner, str } from './pg-database.ts';
import { migratePgComponent } from './pg-schema.ts';

const parse = <T>(value: unknown): T => JSON.parse(str(value)) as T;

async function writeLegacy(sql: PgRunner, record: LegacySubjectRecord): Promise<void> {
	await sql.run(
		'UPDATE legacy_subjects SET login_email = $1, attached = $2, body = $3 WHERE id = $4',
		record.login ? foldKey(record.login.email) : null,
		record.attachedTo !== null,
		JSON.stringify(record),
		record.id
	);
}

class PgLegacySubjectStore implements LegacySubjectStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}
	async add(input: LegacySubjectRecord): Promise<AddLegacyOutcome> {
		const record = { ...input, login: input.login && { ...input.login, loginId: foldKey(input.login.loginId) } };
		return this.#sql.transaction(async (sql): Promise<AddLegacyOutcome> => {
			if (await sql.get('SELECT 1 AS x FROM legacy_subjects WHERE id = $1', record.id)) return 'id-taken';
			if (record.login && (await sql.get('SELECT 1 AS x FROM legacy_subjects WHERE login_id = $1', record.login.loginId))) return 'login-taken';
			const numbers = [...new Set(numbersOf(record))];
			if (numbers.length !== numbersOf(record).length) return 'number-taken';
			if (numbers.length > 0 && (await sql.get('SELECT 1 AS x FROM legacy_numbers WHERE number = ANY($1::text[])', numbers))) return 'number-taken';
			await sql.run(
				'INSERT INTO legacy_subjects (id, login_id, login_email, demo, attached, body) VALUES ($1, $2, $3, $4, $5, $6)',
				record.id,
				record.login?.loginId ?? null,
				record.login ? foldKey(record.login.email) : null,
				record.demo,
				record.attachedTo !== null,
				JSON.stringify(record)
			);
			if (numbers.length > 0) await sql.run('INSERT INTO legacy_numbers (number, legacy_id) SELECT n, $1 FROM unnest($2::text[]) AS n', record.id, numbers);
			const domains = [...new Set(record.websites.map((w) => foldKey(w.domain)))];
			if (domains.length > 0) await sql.run('INSERT INTO legacy_domains (domain, legacy_id) SELECT d, $1 FROM unnest($2::text[]) AS d', record.id, domains);
			return 'added';
		});
	}
	async byId(id: string): Promise<LegacySubjectRecord | null> {
		const row = await this.#sql.get('SELECT body FROM legacy_subjects WHERE id = $1', id);
		return row ? parse<LegacySubjectRecord>(row.body) : null;
	}
	async byLoginId(loginId: string): Promise<LegacySubjectRecord | null> {
		const row = await this.#sql.get('SELECT body FROM legacy_subjects WHERE login_id = $1', foldKey(loginId));
		return row ? parse<LegacySubjectRecord>(row.body) : null;
	}
	async byLoginEmail(email: string): Promise<LegacySubjectRecord[]> {
		return (await this.#sql.all('SELECT body FROM legacy_subjects WHERE login_email = $1 ORDER BY id COLLATE "C"', foldKey(email))).map((r) => parse<LegacySubjectRecord>(r.body));
	}
	async find(query: { domain?: string; number?: string }): Promise<LegacySubjectRecord | null> {
		const byDomain = query.domain === undefined ? undefined : await this.#sql.get('SELECT legacy_id FROM legacy_domains WHERE domain = $1 ORDER BY legacy_id COLLATE "C" LIMIT 1', foldKey(query.domain));
		const byNumber = byDomain || query.number === undefined ? undefined : await this.#sql.get('SELECT legacy_id FROM legacy_numbers WHERE number = $1', query.number.trim());
		const id = byDomain?.legacy_id ?? byNumber?.legacy_id;
		return id === undefined ? null : this.byId(str(id));
	}
	async attach(id: string, to: { accountId: string; subjectId: string; at: number }): Promise<'attached' | 'taken' | 'not-found'> {
		return this.#sql.transaction(async (sql) => {
			const row = await sql.get('SELECT body FROM legacy_subjects WHERE id = $1', id);
			if (!row) return 'not-found';
			const record = parse<LegacySubjectRecord>(row.body);
			if (record.attachedTo) return 'taken';
			await writeLegacy(sql, { ...record, attachedTo: { ...to } });
			return 'attached';
		});
	}
	async setLoginEmail(id: string, email: string): Promise<boolean> {
		return this.#sql.transaction(async (sql) => {
			const row = await sql.get('SELECT body FROM legacy_subjects WHERE id = $1', id);
			const record = row ? parse<LegacySubjectRecord>(row.body) : null;
			if (!record?.login) return false;
			await writeLegacy(sql, { ...record, login: { ...record.login, email } });
			return true;
		});
	}
	async setLoginPassword(loginId: string, passwordHash: string): Promise<boolean> {
		return this.#sql.transaction(async (sql) => {
			const row = await sql.get('SELECT body FROM legacy_subjects WHERE login_id = $1', foldKey(loginId));
			const record = row ? parse<LegacySubjectRecord>(row.body) : null;
			if (!record?.login) return false;
			await writeLegacy(sql, { ...record, login: { ...record.login, passwordHash } });
			return true;
		});
	}
	async removeUnattachedDemo(): Promise<number> {
		return this.#sql.transaction(async (sql) => {
			const ids = (await sql.all('SELECT id FROM legacy_subjects WHERE demo AND NOT attached')).map((r) => str(r.id));
			if (ids.length === 0) return 0;
			await sql.run('DELETE FROM legacy_numbers WHERE legacy_id = ANY($1::text[])', ids);
			await sql.run('DELETE FROM legacy_domains WHERE legacy_id = ANY($1::text[])', ids);
			await sql.run('DELETE FROM legacy_subjects WHERE id = ANY($1::text[])', ids);
			return ids.length;
		});
	}
}

async function readRequest(sql: PgRunner, requestId: string): Promise<AccountRequestRecord | null> {
	const row = await sql.get('SELECT body FROM account_requests WHERE request_id = $1', requestId);
	return row ? parse<AccountRequestRecord>(row.body) : null;
}

async function writeRequest(sql: PgRunner, record: AccountRequestRecord): Promise<void> {
	await sql.run(
		`INSERT INTO account_requests (request_id, account_id, revision, status, submitted_at, body) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (request_id) DO UPDATE SET revision = excluded.revision, status = excluded.status, submitted_at = excluded.submitted_at, body = excluded.body`,
		record.requestId, record.accountId, record.revision, record.status, record.submittedAt, JSON.stringify(record)
	);
}

class PgAccountRequestStore implements AccountRequestStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}
	async put(request: Omit<AccountRequestRecord, 'revision' | 'status' | 'decision'>): Promise<PutAccountRequestOutcome> {
		return this.#sql.transaction(async (sql) => {
			const planned = planPut(await readRequest(sql, request.requestId), request);
			if (planned.outcome === 'created' || planned.outcome === 'revised') await writeRequest(sql, planned.record);
			return planned;
		});
	}
	async get(requestId: string): Promise<AccountRequestRecord | null> {
		return readRequest(this.#sql, requestId);
	}
	async ofAccount(accountId: string): Promise<AccountRequestRecord[]> {
		return (await this.#sql.all('SELECT body FROM account_requests WHERE account_id = $1 ORDER BY submitted_at, request_id COLLATE "C"', accountId)).map((r) => parse<AccountRequestRecord>(r.body));
	}
	async pending(): Promise<AccountRequestRecord[]> {
		return (await this.#sql.all("SELECT body FROM account_requests WHERE status = 'submitted' ORDER BY submitted_at, request_id COLLATE \"C\"")).map((r) => parse<AccountRequestRecord>(r.body));
	}
	async decide(requestId: string, revision: number, decision: AccountRequestDecision): Promise<'decided' | 'stale'> {
		return this.#sql.transaction(async (sql) => {
			const row = await readRequest(sql, requestId);
			if (!row || row.revision !== revision || row.status !== 'submitted') return 'stale';
			await writeRequest(sql, { ...row, status: decision.action === 'approve' ? 'approved' : 'rejected', decision });
			return 'decided';
		});
	}
}

class PgResetTokenStore implements ResetTokenStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}
	async add(token: { tokenHash: string; target: ResetTarget; createdAt: number; expiresAt: number }): Promise<void> {
		await this.#sql.run(
			'INSERT INTO password_reset_tokens (token_hash, target, created_at, expires_at, used) VALUES ($1, $2, $3, $4, false)',
			token.tokenHash, JSON.stringify(token.target), token.createdAt, token.expiresAt
		);
	}
	async consume(tokenHash: string, now: number): Promise<ResetTarget | null> {
		// One guarded UPDATE: of two racing uses only one finds the token unused.
		const row = await this.#sql.get('UPDATE password_reset_tokens SET used = true WHERE token_hash = $1 AND NOT used AND expires_at > $2 RETURNING target', tokenHash, now);
		return row ? parse<ResetTarget>(row.target) : null;
	}
}

class PgInboxStore implements InboxStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}
	async add(item: InboxItem): Promise<void> {
		await this.#sql.run('INSERT INTO inbox_items (account_id, at, body, item_id) VALUES ($1, $2, $3, $4)', item.accountId, item.at, JSON.stringify(item), item.id);
	}
	async ofAccount(accountId: string, limit: number): Promise<InboxEntry[]> {
		const rows = await this.#sql.all('SELECT body, read_at FROM inbox_items WHERE account_id = $1 ORDER BY at DESC, seq DESC LIMIT $2', accountId, limit);
		return rows.map((r) => ({ ...parse<InboxItem>(r.body), readAt: r.read_at === null ? null : Number(r.read_at) }));
	}
	async markRead(accountId: string, ids: readonly string[], at: number): Promise<number> {
		if (ids.length === 0) return 0;
		return this.#sql.run('UPDATE inbox_items SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL AND item_id = ANY($3::text[])', at, accountId, [...ids]);
	}
}

export class PgLegacyRecords implements LegacyRecords {
	readonly legacy: LegacySubjectStore;
	readonly requests: AccountRequestStore;
	readonly resetTokens: ResetTokenStore;
	readonly inbox: InboxStore;

	private constructor(pool: pg.Pool) {
		const sql = new PgRunner(pool, new PgGate());
		this.legacy = new PgLegacySubjectStore(sql);
		this.requests = new PgAccountRequestStore(sql);
		this.resetTokens = new PgResetTokenStore(sql);
		this.inbox = new PgInboxStore(sql);
	}

	/** Migrates the legacy tables, then returns the stores. The pool stays the caller's. */
	static async open(pool: pg.Pool): Promise<PgLegacyRecords> {
		await migratePgComponent(pool, 'legacy');
		return new PgLegacyRecords(pool);
	}
}
