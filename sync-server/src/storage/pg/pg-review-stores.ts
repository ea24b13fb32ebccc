/**
 * The review stores on PostgreSQL (component `review`). Numbers come from one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which locks the counter row: concurrent
 * approvals on any node never share or skip a serial (NUM-S1).
 */
import type pg from 'pg';
import { searchText, type NumberStore, type RegistryEntry, type RegistryStore, type ReviewerRecord, type ReviewerStore, type ReviewRecords, type ServiceCodeRecord, type ServiceCodeStore } from '../review/review-stores.ts';
import { toCode } from '../review/sqlite-review-stores.ts';
import { num, PgGate, PgRunner, str } from './pg-database.ts';
import { migratePgComponent } from './pg-schema.ts';

class PgReviewerStore implements ReviewerStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}
	async add(r: ReviewerRecord): Promise<'added' | 'exists'> {
		const added = await this.#sql.run('INSERT INTO reviewers (account_id, must_change_password, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', r.accountId, r.mustChangePassword, r.createdAt);
		return added === 1 ? 'added' : 'exists';
	}
	async get(accountId: string): Promise<ReviewerRecord | null> {
		const row = await this.#sql.get('SELECT * FROM reviewers WHERE account_id = $1', accountId);
		return row ? { accountId: str(row.account_id), mustChangePassword: row.must_change_password === true, createdAt: num(row.created_at) } : null;
	}
	async count(): Promise<number> {
		return num((await this.#sql.get('SELECT COUNT(*) AS n FROM reviewers'))?.n);
	}
	async passwordChanged(accountId: string): Promise<boolean> {
		return (await this.#sql.run('UPDATE reviewers SET must_change_password = false WHERE account_id = $1', accountId)) === 1;
	}
}

/** Thrown inside `use` to roll back when one code cannot be used. */
class Refused extends Error {}

class PgServiceCodeStore implements ServiceCodeStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}
	async add(code: string, at: number): Promise<'added' | 'exists'> {
		return (await this.#sql.run('INSERT INTO service_codes (code, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', code, at)) === 1 ? 'added' : 'exists';
	}
	async get(code: string): Promise<ServiceCodeRecord | null> {
		const row = await this.#sql.get('SELECT * FROM service_codes WHERE code = $1', code);
		return row ? toCode(row) : null;
	}
	async use(codes: readonly string[], by: { subjectId: string; orderId: string; at: number }): Promise<'used' | 'refused'> {
		try {
			return await this.#sql.transaction(async (sql) => {
				for (const code of codes) {
					const used = await sql.run('UPDATE service_codes SET used_subject = $1, used_order = $2, used_at = $3 WHERE code = $4 AND used_at IS NULL', by.subjectId, by.orderId, by.at, code);
					if (used === 1) continue;
					if ((await sql.get('SELECT used_subject FROM service_codes WHERE code = $1', code))?.used_subject !== by.subjectId) throw new Refused();
				}
				return 'used' as const;
			});
		} catch (error) {
			if (error instanceof Refused) return 'refused';
			throw error;
		}
	}
	async list(): Promise<ServiceCodeRecord[]> {
		return (await this.#sql.all('SELECT * FROM service_codes ORDER BY created_at, code COLLATE "C"')).map(toCode);
	}
}

class PgNumberStore implements NumberStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}
	async next(province: string, year: number): Promise<number> {
		const row = await this.#sql.get(
			'INSERT INTO filing_numbers (province, year, last) VALUES ($1, $2, 1) ON CONFLICT (province, year) DO UPDATE SET last = filing_numbers.last + 1 RETURNING last',
			province, year
		);
		return num(row?.last);
	}
}

/** `searchText` with its field separator (NUL, which PostgreSQL text cannot hold) as U+0001: still never typed in a query. */
function pgSearchText(entry: RegistryEntry): string {
	return searchText(entry).replaceAll('\u0000', '\u0001');
}

class PgRegistryStore implements RegistryStore {
	readonly #sql: PgRunner;
	constructor(sql: PgRunner) {
		this.#sql = sql;
	}
	async replace(subjectId: string, entries: readonly RegistryEntry[]): Promise<void> {
		await this.#sql.transaction(async (sql) => {
			await sql.run('DELETE FROM registry_entries WHERE subject_id = $1', subjectId);
			for (const e of entries) await sql.run('INSERT INTO registry_entries (subject_id, search, body) VALUES ($1, $2, $3)', subjectId, pgSearchText(e), JSON.stringify(e));
		});
	}
	async search(q: string, limit: number): Promise<RegistryEntry[]> {
		const needle = q.trim().toLowerCase();
		// No stored text holds NUL (PostgreSQL text cannot), so a needle with one finds nothing.
		if (needle === '' || needle.includes('\u0000')) return [];
		const rows = await this.#sql.all('SELECT body FROM registry_entries WHERE strpos(search, $1) > 0 ORDER BY seq LIMIT $2', needle, limit);
		return rows.map((r) => JSON.parse(str(r.body)) as RegistryEntry);
	}
	async ofSubject(subjectId: string): Promise<RegistryEntry[]> {
		return (await this.#sql.all('SELECT body FROM registry_entries WHERE subject_id = $1 ORDER BY seq', subjectId)).map((r) => JSON.parse(str(r.body)) as RegistryEntry);
	}
}

export class PgReviewRecords implements ReviewRecords {
	readonly reviewers: ReviewerStore;
	readonly serviceCodes: ServiceCodeStore;
	readonly numbers: NumberStore;
	readonly registry: RegistryStore;

	private constructor(pool: pg.Pool) {
		const sql = new PgRunner(pool, new PgGate());
		this.reviewers = new PgReviewerStore(sql);
		this.serviceCodes = new PgServiceCodeStore(sql);
		this.numbers = new PgNumberStore(sql);
		this.registry = new PgRegistryStore(sql);
	}

	/** Migrates the review tables, then returns the stores. The pool stays the caller's. */
	static async open(pool: pg.Pool): Promise<PgReviewRecords> {
		await migratePgComponent(pool, 'review');
		return new PgReviewRecords(pool);
	}
}
