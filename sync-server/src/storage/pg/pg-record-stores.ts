/**
 * The record stores on PostgreSQL (accounts, sessions, subjects, memberships, invites, the file
 * index, orders, approved records): the SQLite stores' queries in PostgreSQL's dialect, on a
 * `PgRunner` (the pool, or one client inside a cross-aggregate transaction of `PgRecords`).
 * Rows are read by the SQLite stores' mappers (same columns).
 * Check-then-write steps run in a SERIALIZABLE transaction (`PgRunner.transaction`), so two
 * nodes racing get one winner and the loser the contract's answer, never a half-done change.
 */
import type { Role } from '../../access/access.ts';
import type { ApprovedRecordData } from '../../../../src/lib/domain/operation/approved-record.ts';
import type { OrderSummary } from '../../../../src/lib/domain/workspace/facts-layout.ts';
import type { AccountRecord, AccountStore, CreateAccountOutcome } from '../records/account-store.ts';
import { domainKey, type ApprovedRecordStore } from '../records/approved-record-store.ts';
import type { FileIndexStore, HeldBytes } from '../records/file-index-store.ts';
import type { InviteRecord, InviteStore } from '../records/invite-store.ts';
import type { MemberRecord, MembershipRecord, MembershipStore } from '../records/membership-store.ts';
import { isExpectedState, type AuditEntry, type CommitOutcome, type OrderCommit, type OrderRecord, type OrderRevisionRecord, type OrderStore } from '../records/order-store.ts';
import type { SessionRecord, SessionStore } from '../records/session-store.ts';
import { planRekey, type BindSubjectOutcome, type RekeyResult, type SubjectRecord, type SubjectStore } from '../records/subject-store.ts';
import { toAccount } from '../records/sqlite-account-store.ts';
import { toInvite } from '../records/sqlite-invite-store.ts';
import { auditOf, revisionOf, summaryOf } from '../records/sqlite-order-store.ts';
import type { Row } from '../records/sqlite-runner.ts';
import { toSession } from '../records/sqlite-session-store.ts';
import { toSubject } from '../records/sqlite-subject-store.ts';
import { num, str, type PgRow, type PgRunner } from './pg-database.ts';

/**
 * A PostgreSQL row for the SQLite stores' row mappers (same column names; the values are text,
 * numbers — BIGINT parsed as number — and null, all of which they read the same way).
 */
function asRow(row: PgRow): Row;
function asRow(row: PgRow | undefined): Row | undefined;
function asRow(row: PgRow | undefined): Row | undefined {
	return row as Row | undefined;
}

export class PgAccountStore implements AccountStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}

	async create(a: AccountRecord): Promise<CreateAccountOutcome> {
		const inserted = await this.#sql.run(
			'INSERT INTO accounts (id, email, password_hash, created_at, display_name) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING',
			a.id, a.email, a.passwordHash, a.createdAt, a.displayName
		);
		return inserted === 1 ? 'created' : 'email-taken';
	}

	async byId(id: string): Promise<AccountRecord | null> {
		return toAccount(asRow(await this.#sql.get('SELECT * FROM accounts WHERE id = $1', id)));
	}

	async byEmail(email: string): Promise<AccountRecord | null> {
		return toAccount(asRow(await this.#sql.get('SELECT * FROM accounts WHERE email = $1', email)));
	}

	async setDisplayName(id: string, displayName: string): Promise<boolean> {
		return (await this.#sql.run('UPDATE accounts SET display_name = $1 WHERE id = $2', displayName, id)) > 0;
	}

	async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
		return (await this.#sql.run('UPDATE accounts SET password_hash = $1 WHERE id = $2', passwordHash, id)) === 1;
	}
}

export class PgSessionStore implements SessionStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}

	async create(s: SessionRecord): Promise<void> {
		await this.#sql.run(
			'INSERT INTO sessions (id, token_hash, account_id, created_at, last_seen_at, expires_at, user_agent, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
			s.id, s.tokenHash, s.accountId, s.createdAt, s.lastSeenAt, s.expiresAt, s.userAgent, s.revokedAt
		);
	}

	async byTokenHash(tokenHash: string): Promise<SessionRecord | null> {
		return toSession(asRow(await this.#sql.get('SELECT * FROM sessions WHERE token_hash = $1', tokenHash)));
	}

	async byId(id: string): Promise<SessionRecord | null> {
		return toSession(asRow(await this.#sql.get('SELECT * FROM sessions WHERE id = $1', id)));
	}

	async activeOf(accountId: string, now: number): Promise<SessionRecord[]> {
		const rows = await this.#sql.all(
			'SELECT * FROM sessions WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY last_seen_at DESC',
			accountId, now
		);
		return rows.map((row) => toSession(asRow(row)) as SessionRecord);
	}

	async touch(id: string, times: { lastSeenAt: number; expiresAt: number }): Promise<void> {
		await this.#sql.run('UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3', times.lastSeenAt, times.expiresAt, id);
	}

	async revoke(id: string, at: number): Promise<boolean> {
		return (await this.#sql.run('UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', at, id)) > 0;
	}

	async prune(before: number): Promise<number> {
		return this.#sql.run('DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1', before);
	}
}

export class PgSubjectStore implements SubjectStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}

	async byId(id: string): Promise<SubjectRecord | null> {
		return toSubject(asRow(await this.#sql.get('SELECT * FROM subjects WHERE id = $1', id)));
	}

	async ownedBy(accountId: string): Promise<SubjectRecord | null> {
		return toSubject(asRow(await this.#sql.get('SELECT * FROM subjects WHERE owner_account_id = $1', accountId)));
	}

	async rekey(keyOf: (subject: SubjectRecord) => string): Promise<RekeyResult> {
		return this.#sql.transaction(async (sql) => {
			const subjects = (await sql.all('SELECT * FROM subjects')).map((row) => toSubject(asRow(row)) as SubjectRecord);
			const { keys, duplicates } = planRekey(subjects, keyOf);
			const changed = subjects.filter((s) => keys.get(s.id) !== s.certificateKey).map((s) => s.id);
			// Two passes: a new key may be another row's old one (certificate_key is UNIQUE).
			for (const id of changed) await sql.run('UPDATE subjects SET certificate_key = $1 WHERE id = $2', `\u0001rekey:${id}`, id);
			for (const id of changed) await sql.run('UPDATE subjects SET certificate_key = $1 WHERE id = $2', keys.get(id) ?? '', id);
			return { rekeyed: changed, duplicates };
		});
	}

	/** Step of `PgRecords.bindSubject`, inside its transaction: adds the subject unless a uniqueness rule forbids it. */
	async insertUnlessBound(s: SubjectRecord): Promise<BindSubjectOutcome> {
		if (await this.#sql.get('SELECT 1 FROM subjects WHERE owner_account_id = $1', s.ownerAccountId)) return 'account-has-subject';
		const bound = await this.#sql.get(
			'SELECT 1 FROM subjects WHERE certificate_key = $1 OR (certificate_type = $2 AND certificate_number = $3)',
			s.certificateKey, s.certificateType, s.certificateNumber
		);
		if (bound) return 'subject-bound-elsewhere';
		await this.#sql.run(
			'INSERT INTO subjects (id, subject_type, certificate_type, certificate_number, certificate_key, name, owner_account_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
			s.id, s.subjectType, s.certificateType, s.certificateNumber, s.certificateKey, s.name, s.ownerAccountId, s.createdAt
		);
		return 'created';
	}
}

export class PgMembershipStore implements MembershipStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}

	async roleOf(accountId: string, subjectId: string): Promise<Role | null> {
		const row = await this.#sql.get('SELECT role FROM memberships WHERE subject_id = $1 AND account_id = $2', subjectId, accountId);
		return row ? (row.role as Role) : null;
	}

	async ofAccount(accountId: string): Promise<MembershipRecord[]> {
		const rows = await this.#sql.all(
			'SELECT m.subject_id, m.role, s.name FROM memberships m JOIN subjects s ON s.id = m.subject_id WHERE m.account_id = $1 ORDER BY m.seq',
			accountId
		);
		return rows.map((r) => ({ subjectId: str(r.subject_id), role: r.role as Role, subjectName: str(r.name) }));
	}

	async ofSubject(subjectId: string): Promise<MemberRecord[]> {
		const rows = await this.#sql.all(
			'SELECT m.account_id, m.role, a.email FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.subject_id = $1 ORDER BY m.seq',
			subjectId
		);
		return rows.map((r) => ({ accountId: str(r.account_id), role: r.role as Role, email: str(r.email) }));
	}

	async setRole(subjectId: string, accountId: string, role: Role): Promise<boolean> {
		return (await this.#sql.run('UPDATE memberships SET role = $1 WHERE subject_id = $2 AND account_id = $3', role, subjectId, accountId)) > 0;
	}

	async remove(subjectId: string, accountId: string): Promise<boolean> {
		return (await this.#sql.run('DELETE FROM memberships WHERE subject_id = $1 AND account_id = $2', subjectId, accountId)) > 0;
	}

	/** Step of the cross-aggregate operations of `PgRecords`, inside their transaction. */
	async has(subjectId: string, accountId: string): Promise<boolean> {
		return (await this.#sql.get('SELECT 1 FROM memberships WHERE subject_id = $1 AND account_id = $2', subjectId, accountId)) !== undefined;
	}

	/** Step of the cross-aggregate operations of `PgRecords`, inside their transaction. */
	async add(subjectId: string, accountId: string, role: Role): Promise<void> {
		await this.#sql.run('INSERT INTO memberships (subject_id, account_id, role) VALUES ($1, $2, $3)', subjectId, accountId, role);
	}
}

export class PgInviteStore implements InviteStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}

	async create(i: InviteRecord): Promise<void> {
		await this.#sql.run(
			'INSERT INTO invites (code_hash, subject_id, role, created_by, created_at, expires_at, used_at, used_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
			i.codeHash, i.subjectId, i.role, i.createdBy, i.createdAt, i.expiresAt, i.usedAt, i.usedBy
		);
	}

	async byCodeHash(codeHash: string): Promise<InviteRecord | null> {
		return toInvite(asRow(await this.#sql.get('SELECT * FROM invites WHERE code_hash = $1', codeHash)));
	}

	/** Step of `PgRecords.acceptInvite`, inside its transaction. */
	async markUsed(codeHash: string, accountId: string, at: number): Promise<void> {
		await this.#sql.run('UPDATE invites SET used_at = $1, used_by = $2 WHERE code_hash = $3', at, accountId, codeHash);
	}
}

export class PgFileIndexStore implements FileIndexStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}

	async setAttachmentRefs(subjectId: string, hashes: readonly string[]): Promise<void> {
		await this.#sql.transaction(async (sql) => {
			await sql.run('DELETE FROM attachment_refs WHERE subject_id = $1', subjectId);
			if (hashes.length === 0) return;
			await sql.run('INSERT INTO attachment_refs (subject_id, sha256) SELECT $1, h FROM unnest($2::text[]) AS h ON CONFLICT DO NOTHING', subjectId, [...hashes]);
		});
	}

	async subjectsReferencing(sha256: string): Promise<string[]> {
		return (await this.#sql.all('SELECT subject_id FROM attachment_refs WHERE sha256 = $1 ORDER BY subject_id COLLATE "C"', sha256)).map((r) => str(r.subject_id));
	}

	async addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void> {
		await this.#sql.run(
			'INSERT INTO blob_holders (subject_id, sha256, size) VALUES ($1, $2, $3) ON CONFLICT (subject_id, sha256) DO UPDATE SET size = excluded.size',
			subjectId, sha256, size
		);
	}

	async subjectHeldBytes(subjectId: string): Promise<HeldBytes> {
		const sum = await this.#sql.get('SELECT COALESCE(SUM(size), 0)::bigint AS bytes FROM blob_holders WHERE subject_id = $1', subjectId);
		const unsized = (await this.#sql.all('SELECT sha256 FROM blob_holders WHERE subject_id = $1 AND size IS NULL ORDER BY sha256 COLLATE "C"', subjectId)).map((r) => str(r.sha256));
		return { bytes: num(sum?.bytes ?? 0), unsized };
	}

	async subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean> {
		return (await this.#sql.get('SELECT 1 FROM blob_holders WHERE subject_id = $1 AND sha256 = $2', subjectId, sha256)) !== undefined;
	}
}

export class PgOrderStore implements OrderStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}

	async get(subjectId: string, orderId: string): Promise<OrderRecord | null> {
		const row = await this.#sql.get(
			`SELECT o.summary, r.* FROM orders o JOIN order_revisions r ON r.subject_id = o.subject_id AND r.order_id = o.order_id AND r.revision = o.revision
			WHERE o.subject_id = $1 AND o.order_id = $2`,
			subjectId, orderId
		);
		return row ? { subjectId, orderId, summary: summaryOf(asRow(row)), current: revisionOf(asRow(row)) } : null;
	}

	async revisions(subjectId: string, orderId: string): Promise<OrderRevisionRecord[]> {
		return (await this.#sql.all('SELECT * FROM order_revisions WHERE subject_id = $1 AND order_id = $2 ORDER BY revision', subjectId, orderId)).map((r) => revisionOf(asRow(r)));
	}

	async list(subjectId: string): Promise<OrderSummary[]> {
		return (await this.#sql.all('SELECT summary FROM orders WHERE subject_id = $1 ORDER BY submitted_at COLLATE "C" DESC, order_id COLLATE "C"', subjectId)).map((r) => summaryOf(asRow(r)));
	}

	async all(): Promise<Array<{ subjectId: string; summary: OrderSummary }>> {
		const rows = await this.#sql.all('SELECT subject_id, summary FROM orders ORDER BY submitted_at COLLATE "C", subject_id COLLATE "C", order_id COLLATE "C"');
		return rows.map((r) => ({ subjectId: str(r.subject_id), summary: summaryOf(asRow(r)) }));
	}

	async commit(change: OrderCommit): Promise<CommitOutcome> {
		return this.#sql.transaction(async (sql): Promise<CommitOutcome> => {
			const { subjectId, orderId, summary } = change;
			const existing = await sql.get('SELECT revision, status, updated_at FROM orders WHERE subject_id = $1 AND order_id = $2', subjectId, orderId);
			const stored = existing ? { revision: num(existing.revision), status: str(existing.status), updatedAt: str(existing.updated_at) } : null;
			if (!isExpectedState(stored, change.expected)) return { outcome: 'conflict' };
			const revision = change.revision;
			if (revision && (await sql.get('SELECT 1 FROM order_revisions WHERE subject_id = $1 AND order_id = $2 AND revision = $3', subjectId, orderId, revision.revision))) {
				return { outcome: 'conflict' };
			}
			if (change.exclusiveOf && change.exclusiveOf.length > 0) {
				const other = await sql.get(
					'SELECT order_id FROM orders WHERE subject_id = $1 AND order_id <> $2 AND status = ANY($3::text[]) ORDER BY order_id COLLATE "C" LIMIT 1',
					subjectId, orderId, [...change.exclusiveOf]
				);
				if (other) return { outcome: 'in-flight', orderId: str(other.order_id) };
			}
			if (revision) {
				await sql.run(
					'INSERT INTO order_revisions (subject_id, order_id, revision, body, hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
					subjectId, orderId, revision.revision, revision.body, revision.hash, revision.createdAt, revision.createdBy
				);
			}
			await sql.run(
				`INSERT INTO orders (subject_id, order_id, revision, status, updated_at, submitted_at, summary) VALUES ($1, $2, $3, $4, $5, $6, $7)
				ON CONFLICT (subject_id, order_id) DO UPDATE SET revision = excluded.revision, status = excluded.status, updated_at = excluded.updated_at, summary = excluded.summary`,
				subjectId, orderId, summary.revision, summary.status, summary.updatedAt, summary.submittedAt, JSON.stringify(summary)
			);
			for (const e of change.audit) {
				await sql.run(
					'INSERT INTO order_audit (subject_id, order_id, revision, actor, at, from_status, to_status, event, why) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
					e.subjectId, e.orderId, e.revision, e.actor, e.at, e.from, e.to, e.event, e.why
				);
			}
			return { outcome: 'committed' };
		});
	}

	async audit(subjectId: string, orderId?: string): Promise<AuditEntry[]> {
		const rows = orderId === undefined
			? await this.#sql.all('SELECT * FROM order_audit WHERE subject_id = $1 ORDER BY seq', subjectId)
			: await this.#sql.all('SELECT * FROM order_audit WHERE subject_id = $1 AND order_id = $2 ORDER BY seq', subjectId, orderId);
		return rows.map((r) => auditOf(asRow(r)));
	}
}

export class PgApprovedRecordStore implements ApprovedRecordStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}

	async put(record: ApprovedRecordData, at: number): Promise<void> {
		await this.#sql.transaction(async (sql) => {
			await sql.run(
				'INSERT INTO approved_records (subject_id, body, updated_at) VALUES ($1, $2, $3) ON CONFLICT (subject_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
				record.subjectId, JSON.stringify(record), at
			);
			await sql.run('DELETE FROM approved_domains WHERE subject_id = $1', record.subjectId);
			const domains = [...new Set(record.websites.map((site) => domainKey(site.domain)))];
			if (domains.length > 0) await sql.run('INSERT INTO approved_domains (domain, subject_id) SELECT d, $1 FROM unnest($2::text[]) AS d', record.subjectId, domains);
		});
	}

	async get(subjectId: string): Promise<ApprovedRecordData | null> {
		const row = await this.#sql.get('SELECT body FROM approved_records WHERE subject_id = $1', subjectId);
		return row ? (JSON.parse(str(row.body)) as ApprovedRecordData) : null;
	}

	async remove(subjectId: string): Promise<boolean> {
		return this.#sql.transaction(async (sql) => {
			await sql.run('DELETE FROM approved_domains WHERE subject_id = $1', subjectId);
			return (await sql.run('DELETE FROM approved_records WHERE subject_id = $1', subjectId)) === 1;
		});
	}

	async subjectsWithDomain(domain: string): Promise<string[]> {
		return (await this.#sql.all('SELECT subject_id FROM approved_domains WHERE domain = $1 ORDER BY subject_id COLLATE "C"', domainKey(domain))).map((r) => str(r.subject_id));
	}
}
