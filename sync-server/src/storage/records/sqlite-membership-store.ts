/** MembershipStore on SQLite: the `memberships` table (member lists join `subjects` and `accounts`). */
import type { Role } from '../../access/access.ts';
import type { MemberRecord, MembershipRecord, MembershipStore } from './membership-store.ts';
import type { SqliteRunner } from './sqlite-runner.ts';

export class SqliteMembershipStore implements MembershipStore {
	#sql: SqliteRunner;

	constructor(sql: SqliteRunner) {
		this.#sql = sql;
	}

	async roleOf(accountId: string, subjectId: string): Promise<Role | null> {
		const row = this.#sql.get('SELECT role FROM memberships WHERE subject_id = ? AND account_id = ?', subjectId, accountId);
		return row ? (row.role as Role) : null;
	}

	async ofAccount(accountId: string): Promise<MembershipRecord[]> {
		const rows = this.#sql.all(
			'SELECT m.subject_id, m.role, s.name FROM memberships m JOIN subjects s ON s.id = m.subject_id WHERE m.account_id = ? ORDER BY m.seq',
			accountId
		);
		return rows.map((r) => ({ subjectId: String(r.subject_id), role: r.role as Role, subjectName: String(r.name) }));
	}

	async ofSubject(subjectId: string): Promise<MemberRecord[]> {
		const rows = this.#sql.all(
			'SELECT m.account_id, m.role, a.email FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.subject_id = ? ORDER BY m.seq',
			subjectId
		);
		return rows.map((r) => ({ accountId: String(r.account_id), role: r.role as Role, email: String(r.email) }));
	}

	async setRole(subjectId: string, accountId: string, role: Role): Promise<boolean> {
		return this.#sql.run('UPDATE memberships SET role = ? WHERE subject_id = ? AND account_id = ?', role, subjectId, accountId) > 0;
	}

	async remove(subjectId: string, accountId: string): Promise<boolean> {
		return this.#sql.run('DELETE FROM memberships WHERE subject_id = ? AND account_id = ?', subjectId, accountId) > 0;
	}

	/** Step of the cross-aggregate operations of `SqliteRecords`, inside their transaction. */
	has(subjectId: string, accountId: string): boolean {
		return this.#sql.get('SELECT 1 FROM memberships WHERE subject_id = ? AND account_id = ?', subjectId, accountId) !== undefined;
	}

	/** Step of the cross-aggregate operations of `SqliteRecords`, inside their transaction. */
	add(subjectId: string, accountId: string, role: Role): void {
		const next = this.#sql.get('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM memberships');
		this.#sql.run('INSERT INTO memberships (subject_id, account_id, role, seq) VALUES (?, ?, ?, ?)', subjectId, accountId, role, next?.seq ?? 1);
	}
}
