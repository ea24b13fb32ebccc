/**
 * The review stores on SQLite, in the records' database (component `review` of
 * `schema_versions`). Numbers come from one UPSERT … RETURNING, so concurrent approvals (also
 * from another process on the same file) never share or skip a serial.
 */
import type { DatabaseSync } from 'node:sqlite';
import { openComponent, parseBody, SqliteStore } from '../records/sqlite-store.ts';
import { num, numOrNull, str, strOrNull } from '../records/sqlite-runner.ts';
import { searchText, type NumberStore, type RegistryEntry, type RegistryStore, type ReviewerRecord, type ReviewerStore, type ReviewRecords, type ServiceCodeRecord, type ServiceCodeStore } from './review-stores.ts';

const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE reviewers (
		account_id TEXT PRIMARY KEY,
		must_change_password INTEGER NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE service_codes (
		code TEXT PRIMARY KEY,
		created_at INTEGER NOT NULL,
		used_subject TEXT,
		used_order TEXT,
		used_at INTEGER
	);
	CREATE TABLE filing_numbers (
		province TEXT NOT NULL,
		year INTEGER NOT NULL,
		last INTEGER NOT NULL,
		PRIMARY KEY (province, year)
	);
	CREATE TABLE registry_entries (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		subject_id TEXT NOT NULL,
		search TEXT NOT NULL,
		body TEXT NOT NULL
	);
	CREATE INDEX registry_entries_subject ON registry_entries (subject_id);
	`
];

class SqliteReviewerStore extends SqliteStore implements ReviewerStore {
	async add(r: ReviewerRecord): Promise<'added' | 'exists'> {
		return this.sql.run('INSERT OR IGNORE INTO reviewers (account_id, must_change_password, created_at) VALUES (?, ?, ?)', r.accountId, r.mustChangePassword ? 1 : 0, r.createdAt) === 1 ? 'added' : 'exists';
	}
	async get(accountId: string): Promise<ReviewerRecord | null> {
		const row = this.sql.get('SELECT * FROM reviewers WHERE account_id = ?', accountId);
		return row ? { accountId: str(row.account_id), mustChangePassword: num(row.must_change_password) === 1, createdAt: num(row.created_at) } : null;
	}
	async count(): Promise<number> {
		return num(this.sql.get('SELECT COUNT(*) AS n FROM reviewers')?.n);
	}
	async passwordChanged(accountId: string): Promise<boolean> {
		return this.sql.run('UPDATE reviewers SET must_change_password = 0 WHERE account_id = ?', accountId) === 1;
	}
}

class SqliteServiceCodeStore extends SqliteStore implements ServiceCodeStore {
	async add(code: string, at: number): Promise<'added' | 'exists'> {
		return this.sql.run('INSERT OR IGNORE INTO service_codes (code, created_at) VALUES (?, ?)', code, at) === 1 ? 'added' : 'exists';
	}
	async get(code: string): Promise<ServiceCodeRecord | null> {
		const row = this.sql.get('SELECT * FROM service_codes WHERE code = ?', code);
		return row ? toCode(row) : null;
	}
	async use(codes: readonly string[], by: { subjectId: string; orderId: string; at: number }): Promise<'used' | 'refused'> {
		try {
			return this.sql.transaction(() => {
				for (const code of codes) {
					if (this.sql.run('UPDATE service_codes SET used_subject = ?, used_order = ?, used_at = ? WHERE code = ? AND used_at IS NULL', by.subjectId, by.orderId, by.at, code) === 1) continue;
					if (this.sql.get('SELECT used_subject FROM service_codes WHERE code = ?', code)?.used_subject !== by.subjectId) throw new Refused();
				}
				return 'used' as const;
			});
		} catch (error) {
			if (error instanceof Refused) return 'refused';
			throw error;
		}
	}
	async list(): Promise<ServiceCodeRecord[]> {
		return this.sql.all('SELECT * FROM service_codes ORDER BY created_at, code').map(toCode);
	}
}

/** Thrown inside `use` to roll back when one code cannot be used. */
class Refused extends Error {}

export function toCode(row: Record<string, unknown>): ServiceCodeRecord {
	const at = numOrNull(row.used_at as number | null);
	return {
		code: str(row.code as string),
		createdAt: num(row.created_at as number),
		usedBy: at === null ? null : { subjectId: strOrNull(row.used_subject as string) ?? '', orderId: strOrNull(row.used_order as string) ?? '', at }
	};
}

class SqliteNumberStore extends SqliteStore implements NumberStore {
	async next(province: string, year: number): Promise<number> {
		const row = this.sql.get('INSERT INTO filing_numbers (province, year, last) VALUES (?, ?, 1) ON CONFLICT (province, year) DO UPDATE SET last = last + 1 RETURNING last', province, year);
		return num(row?.last);
	}
}

class SqliteRegistryStore extends SqliteStore implements RegistryStore {
	async replace(subjectId: string, entries: readonly RegistryEntry[]): Promise<void> {
		this.sql.transaction(() => {
			this.sql.run('DELETE FROM registry_entries WHERE subject_id = ?', subjectId);
			for (const e of entries) this.sql.run('INSERT INTO registry_entries (subject_id, search, body) VALUES (?, ?, ?)', subjectId, searchText(e), JSON.stringify(e));
		});
	}
	async search(q: string, limit: number): Promise<RegistryEntry[]> {
		const needle = q.trim().toLowerCase();
		if (needle === '') return [];
		return this.sql.all('SELECT body FROM registry_entries WHERE instr(search, ?) > 0 ORDER BY seq LIMIT ?', needle, limit).map((r) => parseBody<RegistryEntry>(r.body));
	}
	async ofSubject(subjectId: string): Promise<RegistryEntry[]> {
		return this.sql.all('SELECT body FROM registry_entries WHERE subject_id = ? ORDER BY seq', subjectId).map((r) => parseBody<RegistryEntry>(r.body));
	}
}

export class SqliteReviewRecords implements ReviewRecords {
	readonly reviewers: ReviewerStore;
	readonly serviceCodes: ServiceCodeStore;
	readonly numbers: NumberStore;
	readonly registry: RegistryStore;

	/** Migrates the review tables of `db` on the way. */
	constructor(db: DatabaseSync) {
		const sql = openComponent(db, 'review', MIGRATIONS);
		this.reviewers = new SqliteReviewerStore(sql);
		this.serviceCodes = new SqliteServiceCodeStore(sql);
		this.numbers = new SqliteNumberStore(sql);
		this.registry = new SqliteRegistryStore(sql);
	}
}
