/** InviteStore on SQLite: the `invites` table. */
import type { InviteRecord, InviteStore } from './invite-store.ts';
import { num, numOrNull, str, strOrNull, type Row, type SqliteRunner } from './sqlite-runner.ts';

export class SqliteInviteStore implements InviteStore {
	#sql: SqliteRunner;

	constructor(sql: SqliteRunner) {
		this.#sql = sql;
	}

	async create(i: InviteRecord): Promise<void> {
		this.#sql.run(
			'INSERT INTO invites (code_hash, subject_id, role, created_by, created_at, expires_at, used_at, used_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			i.codeHash, i.subjectId, i.role, i.createdBy, i.createdAt, i.expiresAt, i.usedAt, i.usedBy
		);
	}

	async byCodeHash(codeHash: string): Promise<InviteRecord | null> {
		return this.peek(codeHash);
	}

	/** Step of `SqliteRecords.acceptInvite`, inside its transaction. */
	peek(codeHash: string): InviteRecord | null {
		return toInvite(this.#sql.get('SELECT * FROM invites WHERE code_hash = ?', codeHash));
	}

	/** Step of `SqliteRecords.acceptInvite`, inside its transaction. */
	markUsed(codeHash: string, accountId: string, at: number): void {
		this.#sql.run('UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?', at, accountId, codeHash);
	}
}

export function toInvite(r: Row | undefined): InviteRecord | null {
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
