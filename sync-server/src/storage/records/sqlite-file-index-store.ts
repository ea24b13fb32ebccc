/** FileIndexStore on SQLite: the `attachment_refs` and `blob_holders` tables. */
import type { FileIndexStore, HeldBytes } from './file-index-store.ts';
import type { SqliteRunner } from './sqlite-runner.ts';

export class SqliteFileIndexStore implements FileIndexStore {
	#sql: SqliteRunner;

	constructor(sql: SqliteRunner) {
		this.#sql = sql;
	}

	async setAttachmentRefs(subjectId: string, hashes: readonly string[]): Promise<void> {
		this.#sql.transaction(() => {
			this.#sql.run('DELETE FROM attachment_refs WHERE subject_id = ?', subjectId);
			for (const hash of hashes) this.#sql.run('INSERT OR IGNORE INTO attachment_refs (subject_id, sha256) VALUES (?, ?)', subjectId, hash);
		});
	}

	async subjectsReferencing(sha256: string): Promise<string[]> {
		return this.#sql.all('SELECT subject_id FROM attachment_refs WHERE sha256 = ? ORDER BY subject_id', sha256).map((r) => String(r.subject_id));
	}

	async addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void> {
		this.#sql.run(
			'INSERT INTO blob_holders (subject_id, sha256, size) VALUES (?, ?, ?) ON CONFLICT (subject_id, sha256) DO UPDATE SET size = excluded.size',
			subjectId,
			sha256,
			size
		);
	}

	async subjectHeldBytes(subjectId: string): Promise<HeldBytes> {
		const sum = this.#sql.get('SELECT COALESCE(SUM(size), 0) AS bytes FROM blob_holders WHERE subject_id = ?', subjectId);
		const unsized = this.#sql.all('SELECT sha256 FROM blob_holders WHERE subject_id = ? AND size IS NULL', subjectId).map((r) => String(r.sha256));
		return { bytes: Number(sum?.bytes ?? 0), unsized };
	}

	async subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean> {
		return this.#sql.get('SELECT 1 FROM blob_holders WHERE subject_id = ? AND sha256 = ?', subjectId, sha256) !== undefined;
	}
}
