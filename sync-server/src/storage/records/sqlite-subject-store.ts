/** SubjectStore on SQLite: the `subjects` table. */
import { num, str, type Row, type SqliteRunner } from './sqlite-runner.ts';
import { planRekey, type BindSubjectOutcome, type RekeyResult, type SubjectRecord, type SubjectStore } from './subject-store.ts';

export class SqliteSubjectStore implements SubjectStore {
	#sql: SqliteRunner;

	constructor(sql: SqliteRunner) {
		this.#sql = sql;
	}

	async byId(id: string): Promise<SubjectRecord | null> {
		return toSubject(this.#sql.get('SELECT * FROM subjects WHERE id = ?', id));
	}

	async ownedBy(accountId: string): Promise<SubjectRecord | null> {
		return toSubject(this.#sql.get('SELECT * FROM subjects WHERE owner_account_id = ?', accountId));
	}

	async rekey(keyOf: (subject: SubjectRecord) => string): Promise<RekeyResult> {
		return this.#sql.transaction(() => {
			const subjects = this.#sql.all('SELECT * FROM subjects').map((row) => toSubject(row) as SubjectRecord);
			const { keys, duplicates } = planRekey(subjects, keyOf);
			const changed = subjects.filter((s) => keys.get(s.id) !== s.certificateKey).map((s) => s.id);
			// Two passes: a new key may be another row's old one (certificate_key is UNIQUE).
			for (const id of changed) this.#sql.run('UPDATE subjects SET certificate_key = ? WHERE id = ?', `\u0000rekey:${id}`, id);
			for (const id of changed) this.#sql.run('UPDATE subjects SET certificate_key = ? WHERE id = ?', keys.get(id) ?? '', id);
			return { rekeyed: changed, duplicates };
		});
	}

	/** Step of `SqliteRecords.bindSubject`, inside its transaction: adds the subject unless a uniqueness rule forbids it. */
	insertUnlessBound(s: SubjectRecord): BindSubjectOutcome {
		if (this.#sql.get('SELECT 1 FROM subjects WHERE owner_account_id = ?', s.ownerAccountId)) return 'account-has-subject';
		const bound = this.#sql.get(
			'SELECT 1 FROM subjects WHERE certificate_key = ? OR (certificate_type = ? AND certificate_number = ?)',
			s.certificateKey, s.certificateType, s.certificateNumber
		);
		if (bound) return 'subject-bound-elsewhere';
		this.#sql.run(
			'INSERT INTO subjects (id, subject_type, certificate_type, certificate_number, certificate_key, name, owner_account_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			s.id, s.subjectType, s.certificateType, s.certificateNumber, s.certificateKey, s.name, s.ownerAccountId, s.createdAt
		);
		return 'created';
	}
}

export function toSubject(r: Row | undefined): SubjectRecord | null {
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
