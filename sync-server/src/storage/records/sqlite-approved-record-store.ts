/** ApprovedRecordStore on SQLite: `approved_records` (the record as JSON) and `approved_domains` (its domains). */
import type { ApprovedRecordData } from '../../../../src/lib/domain/operation/approved-record.ts';
import { domainKey, type ApprovedRecordStore } from './approved-record-store.ts';
import { str, type SqliteRunner } from './sqlite-runner.ts';

export class SqliteApprovedRecordStore implements ApprovedRecordStore {
	#sql: SqliteRunner;

	constructor(sql: SqliteRunner) {
		this.#sql = sql;
	}

	async put(record: ApprovedRecordData, at: number): Promise<void> {
		this.#sql.transaction(() => {
			this.#sql.run(
				'INSERT INTO approved_records (subject_id, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (subject_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
				record.subjectId,
				JSON.stringify(record),
				at
			);
			this.#sql.run('DELETE FROM approved_domains WHERE subject_id = ?', record.subjectId);
			for (const site of record.websites) this.#sql.run('INSERT OR IGNORE INTO approved_domains (domain, subject_id) VALUES (?, ?)', domainKey(site.domain), record.subjectId);
		});
	}

	async get(subjectId: string): Promise<ApprovedRecordData | null> {
		const row = this.#sql.get('SELECT body FROM approved_records WHERE subject_id = ?', subjectId);
		return row ? (JSON.parse(str(row.body)) as ApprovedRecordData) : null;
	}

	async subjectsWithDomain(domain: string): Promise<string[]> {
		return this.#sql.all('SELECT subject_id FROM approved_domains WHERE domain = ? ORDER BY subject_id', domainKey(domain)).map((r) => str(r.subject_id));
	}
}
