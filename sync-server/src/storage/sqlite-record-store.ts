/**
 * RecordStore on SQLite through `node:sqlite`, in the same database file as the DocStore
 * (open it with `openDatabase`). Every multi-row step is one `BEGIN IMMEDIATE` transaction;
 * `node:sqlite` is synchronous, so no other request interleaves with it.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { Role } from '../access/access.ts';
import type {
	AccountRecord,
	CreateAccountOutcome,
	CreateSubjectOutcome,
	HeldBytes,
	InviteRecord,
	MemberRecord,
	MembershipRecord,
	RecordStore,
	SessionRecord,
	SubjectRecord,
	UseInviteOutcome
} from './record-store.ts';
import { migrateRecordSchema } from './sqlite-record-schema.ts';

type Row = Record<string, SQLInputValue>;

export class SqliteRecordStore implements RecordStore {
	#db: DatabaseSync;
	#statements = new Map<string, StatementSync>();

	/** Migrates the record tables of `db` on the way. */
	constructor(db: DatabaseSync) {
		this.#db = db;
		migrateRecordSchema(db);
	}

	async createAccount(account: AccountRecord): Promise<CreateAccountOutcome> {
		return this.#transaction(() => {
			if (this.#get('SELECT 1 FROM accounts WHERE email = ?', account.email)) return 'email-taken';
			this.#run('INSERT INTO accounts (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)', account.id, account.email, account.passwordHash, account.createdAt);
			return 'created';
		});
	}

	async accountById(id: string): Promise<AccountRecord | null> {
		return toAccount(this.#get('SELECT * FROM accounts WHERE id = ?', id));
	}

	async accountByEmail(email: string): Promise<AccountRecord | null> {
		return toAccount(this.#get('SELECT * FROM accounts WHERE email = ?', email));
	}

	async createSession(s: SessionRecord): Promise<void> {
		this.#run(
			'INSERT INTO sessions (id, token_hash, account_id, created_at, last_seen_at, expires_at, user_agent, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			s.id, s.tokenHash, s.accountId, s.createdAt, s.lastSeenAt, s.expiresAt, s.userAgent, s.revokedAt
		);
	}

	async sessionByTokenHash(tokenHash: string): Promise<SessionRecord | null> {
		return toSession(this.#get('SELECT * FROM sessions WHERE token_hash = ?', tokenHash));
	}

	async sessionById(id: string): Promise<SessionRecord | null> {
		return toSession(this.#get('SELECT * FROM sessions WHERE id = ?', id));
	}

	async activeSessionsOf(accountId: string, now: number): Promise<SessionRecord[]> {
		const rows = this.#all(
			'SELECT * FROM sessions WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY last_seen_at DESC',
			accountId, now
		);
		return rows.map((row) => toSession(row) as SessionRecord);
	}

	async touchSession(id: string, times: { lastSeenAt: number; expiresAt: number }): Promise<void> {
		this.#run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?', times.lastSeenAt, times.expiresAt, id);
	}

	async revokeSession(id: string, at: number): Promise<boolean> {
		return this.#run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id) > 0;
	}

	async pruneSessions(before: number): Promise<number> {
		return this.#run('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?', before, before);
	}

	async createSubject(s: SubjectRecord): Promise<CreateSubjectOutcome> {
		return this.#transaction(() => {
			if (this.#get('SELECT 1 FROM subjects WHERE owner_account_id = ?', s.ownerAccountId)) return 'account-has-subject';
			const bound = this.#get(
				'SELECT 1 FROM subjects WHERE certificate_key = ? OR (certificate_type = ? AND certificate_number = ?)',
				s.certificateKey, s.certificateType, s.certificateNumber
			);
			if (bound) return 'subject-bound-elsewhere';
			this.#run(
				'INSERT INTO subjects (id, subject_type, certificate_type, certificate_number, certificate_key, name, owner_account_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
				s.id, s.subjectType, s.certificateType, s.certificateNumber, s.certificateKey, s.name, s.ownerAccountId, s.createdAt
			);
			this.#addMember(s.id, s.ownerAccountId, 'owner');
			return 'created';
		});
	}

	async subjectById(id: string): Promise<SubjectRecord | null> {
		return toSubject(this.#get('SELECT * FROM subjects WHERE id = ?', id));
	}

	async subjectOwnedBy(accountId: string): Promise<SubjectRecord | null> {
		return toSubject(this.#get('SELECT * FROM subjects WHERE owner_account_id = ?', accountId));
	}

	async roleOf(accountId: string, subjectId: string): Promise<Role | null> {
		const row = this.#get('SELECT role FROM memberships WHERE subject_id = ? AND account_id = ?', subjectId, accountId);
		return row ? (row.role as Role) : null;
	}

	async membershipsOf(accountId: string): Promise<MembershipRecord[]> {
		const rows = this.#all(
			'SELECT m.subject_id, m.role, s.name FROM memberships m JOIN subjects s ON s.id = m.subject_id WHERE m.account_id = ? ORDER BY m.seq',
			accountId
		);
		return rows.map((r) => ({ subjectId: String(r.subject_id), role: r.role as Role, subjectName: String(r.name) }));
	}

	async membersOf(subjectId: string): Promise<MemberRecord[]> {
		const rows = this.#all(
			'SELECT m.account_id, m.role, a.email FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.subject_id = ? ORDER BY m.seq',
			subjectId
		);
		return rows.map((r) => ({ accountId: String(r.account_id), role: r.role as Role, email: String(r.email) }));
	}

	async setRole(subjectId: string, accountId: string, role: Role): Promise<boolean> {
		return this.#run('UPDATE memberships SET role = ? WHERE subject_id = ? AND account_id = ?', role, subjectId, accountId) > 0;
	}

	async removeMember(subjectId: string, accountId: string): Promise<boolean> {
		return this.#run('DELETE FROM memberships WHERE subject_id = ? AND account_id = ?', subjectId, accountId) > 0;
	}

	async createInvite(i: InviteRecord): Promise<void> {
		this.#run(
			'INSERT INTO invites (code_hash, subject_id, role, created_by, created_at, expires_at, used_at, used_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			i.codeHash, i.subjectId, i.role, i.createdBy, i.createdAt, i.expiresAt, i.usedAt, i.usedBy
		);
	}

	async inviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
		return toInvite(this.#get('SELECT * FROM invites WHERE code_hash = ?', codeHash));
	}

	async useInvite(codeHash: string, accountId: string, at: number): Promise<UseInviteOutcome> {
		return this.#transaction(() => {
			const invite = toInvite(this.#get('SELECT * FROM invites WHERE code_hash = ?', codeHash));
			if (!invite) return 'not-found';
			if (invite.usedAt !== null) return 'used';
			if (this.#get('SELECT 1 FROM memberships WHERE subject_id = ? AND account_id = ?', invite.subjectId, accountId)) return 'already-member';
			this.#run('UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?', at, accountId, codeHash);
			this.#addMember(invite.subjectId, accountId, invite.role);
			return 'accepted';
		});
	}

	async setAttachmentRefs(subjectId: string, hashes: readonly string[]): Promise<void> {
		this.#transaction(() => {
			this.#run('DELETE FROM attachment_refs WHERE subject_id = ?', subjectId);
			for (const hash of hashes) this.#run('INSERT OR IGNORE INTO attachment_refs (subject_id, sha256) VALUES (?, ?)', subjectId, hash);
		});
	}

	async subjectsReferencing(sha256: string): Promise<string[]> {
		return this.#all('SELECT subject_id FROM attachment_refs WHERE sha256 = ? ORDER BY subject_id', sha256).map((r) => String(r.subject_id));
	}

	async addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void> {
		this.#run(
			'INSERT INTO blob_holders (subject_id, sha256, size) VALUES (?, ?, ?) ON CONFLICT (subject_id, sha256) DO UPDATE SET size = excluded.size',
			subjectId,
			sha256,
			size
		);
	}

	async subjectHeldBytes(subjectId: string): Promise<HeldBytes> {
		const sum = this.#get('SELECT COALESCE(SUM(size), 0) AS bytes FROM blob_holders WHERE subject_id = ?', subjectId);
		const unsized = this.#all('SELECT sha256 FROM blob_holders WHERE subject_id = ? AND size IS NULL', subjectId).map((r) => String(r.sha256));
		return { bytes: Number(sum?.bytes ?? 0), unsized };
	}

	async subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean> {
		return this.#get('SELECT 1 FROM blob_holders WHERE subject_id = ? AND sha256 = ?', subjectId, sha256) !== undefined;
	}

	/** Leaves the shared database open when the DocStore closed it first; idempotent. */
	async close(): Promise<void> {
		if (this.#db.isOpen) this.#db.close();
	}

	#addMember(subjectId: string, accountId: string, role: Role): void {
		const next = this.#get('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM memberships');
		this.#run('INSERT INTO memberships (subject_id, account_id, role, seq) VALUES (?, ?, ?, ?)', subjectId, accountId, role, next?.seq ?? 1);
	}

	#statement(sql: string): StatementSync {
		let statement = this.#statements.get(sql);
		if (!statement) {
			statement = this.#db.prepare(sql);
			this.#statements.set(sql, statement);
		}
		return statement;
	}

	#get(sql: string, ...params: SQLInputValue[]): Row | undefined {
		return this.#statement(sql).get(...params) as Row | undefined;
	}

	#all(sql: string, ...params: SQLInputValue[]): Row[] {
		return this.#statement(sql).all(...params) as Row[];
	}

	#run(sql: string, ...params: SQLInputValue[]): number {
		return Number(this.#statement(sql).run(...params).changes);
	}

	#transaction<T>(work: () => T): T {
		this.#db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.#db.exec('COMMIT');
			return result;
		} catch (error) {
			this.#db.exec('ROLLBACK');
			throw error;
		}
	}
}

const str = (v: SQLInputValue | undefined): string => String(v);
const num = (v: SQLInputValue | undefined): number => Number(v);
const numOrNull = (v: SQLInputValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: SQLInputValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

function toAccount(r: Row | undefined): AccountRecord | null {
	return r ? { id: str(r.id), email: str(r.email), passwordHash: str(r.password_hash), createdAt: num(r.created_at) } : null;
}

function toSession(r: Row | undefined): SessionRecord | null {
	if (!r) return null;
	return {
		id: str(r.id),
		tokenHash: str(r.token_hash),
		accountId: str(r.account_id),
		createdAt: num(r.created_at),
		lastSeenAt: num(r.last_seen_at),
		expiresAt: num(r.expires_at),
		userAgent: strOrNull(r.user_agent),
		revokedAt: numOrNull(r.revoked_at)
	};
}

function toSubject(r: Row | undefined): SubjectRecord | null {
	if (!r) return null;
	return {
		id: str(r.id),
		subjectType: str(r.subject_type),
		certificateType: str(r.certificate_type),
		certificateNumber: str(r.certificate_number),
		certificateKey: str(r.certificate_key),
		name: str(r.name),
		ownerAccountId: str(r.owner_account_id),
		createdAt: num(r.created_at)
	};
}

function toInvite(r: Row | undefined): InviteRecord | null {
	if (!r) return null;
	return {
		codeHash: str(r.code_hash),
		subjectId: str(r.subject_id),
		role: r.role as InviteRecord['role'],
		createdBy: str(r.created_by),
		createdAt: num(r.created_at),
		expiresAt: num(r.expires_at),
		usedAt: numOrNull(r.used_at),
		usedBy: strOrNull(r.used_by)
	};
}
