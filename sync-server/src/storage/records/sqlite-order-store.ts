/** OrderStore on SQLite: `orders`, `order_revisions`, `order_audit`; `commit` is one `BEGIN IMMEDIATE` transaction. */
import type { OrderStatus } from '../../../../src/lib/domain/lifecycle/order-state.ts';
import type { OrderSummary } from '../../../../src/lib/domain/workspace/facts-layout.ts';
import { isExpectedState, type AuditEntry, type CommitOutcome, type OrderCommit, type OrderRecord, type OrderRevisionRecord, type OrderStore } from './order-store.ts';
import { num, str, strOrNull, type Row, type SqliteRunner } from './sqlite-runner.ts';

export const revisionOf = (r: Row): OrderRevisionRecord => ({
	subjectId: str(r.subject_id),
	orderId: str(r.order_id),
	revision: num(r.revision),
	body: str(r.body),
	hash: str(r.hash),
	createdAt: num(r.created_at),
	createdBy: str(r.created_by)
});

export const auditOf = (r: Row): AuditEntry => ({
	subjectId: str(r.subject_id),
	orderId: str(r.order_id),
	revision: num(r.revision),
	actor: str(r.actor),
	at: num(r.at),
	from: strOrNull(r.from_status) as OrderStatus | null,
	to: str(r.to_status) as OrderStatus,
	event: str(r.event),
	why: strOrNull(r.why)
});

export const summaryOf = (r: Row): OrderSummary => JSON.parse(str(r.summary)) as OrderSummary;

export class SqliteOrderStore implements OrderStore {
	#sql: SqliteRunner;

	constructor(sql: SqliteRunner) {
		this.#sql = sql;
	}

	async get(subjectId: string, orderId: string): Promise<OrderRecord | null> {
		const row = this.#sql.get('SELECT summary, revision FROM orders WHERE subject_id = ? AND order_id = ?', subjectId, orderId);
		if (!row) return null;
		const current = this.#sql.get('SELECT * FROM order_revisions WHERE subject_id = ? AND order_id = ? AND revision = ?', subjectId, orderId, row.revision ?? 0);
		return current ? { subjectId, orderId, summary: summaryOf(row), current: revisionOf(current) } : null;
	}

	async revisions(subjectId: string, orderId: string): Promise<OrderRevisionRecord[]> {
		return this.#sql.all('SELECT * FROM order_revisions WHERE subject_id = ? AND order_id = ? ORDER BY revision', subjectId, orderId).map(revisionOf);
	}

	async list(subjectId: string): Promise<OrderSummary[]> {
		return this.#sql.all('SELECT summary FROM orders WHERE subject_id = ? ORDER BY submitted_at DESC, order_id', subjectId).map(summaryOf);
	}

	async all(): Promise<Array<{ subjectId: string; summary: OrderSummary }>> {
		return this.#sql.all('SELECT subject_id, summary FROM orders ORDER BY submitted_at, subject_id, order_id').map((r) => ({ subjectId: str(r.subject_id), summary: summaryOf(r) }));
	}

	async commit(change: OrderCommit): Promise<CommitOutcome> {
		return this.#sql.transaction((): CommitOutcome => {
			const sql = this.#sql;
			const { subjectId, orderId, summary } = change;
			const existing = sql.get('SELECT revision, status, updated_at FROM orders WHERE subject_id = ? AND order_id = ?', subjectId, orderId);
			const stored = existing ? { revision: num(existing.revision), status: str(existing.status), updatedAt: str(existing.updated_at) } : null;
			if (!isExpectedState(stored, change.expected)) return { outcome: 'conflict' };
			const revision = change.revision;
			if (revision && sql.get('SELECT 1 FROM order_revisions WHERE subject_id = ? AND order_id = ? AND revision = ?', subjectId, orderId, revision.revision)) return { outcome: 'conflict' };
			if (change.exclusiveOf && change.exclusiveOf.length > 0) {
				const marks = change.exclusiveOf.map(() => '?').join(', ');
				const other = sql.get(`SELECT order_id FROM orders WHERE subject_id = ? AND order_id != ? AND status IN (${marks}) LIMIT 1`, subjectId, orderId, ...change.exclusiveOf);
				if (other) return { outcome: 'in-flight', orderId: str(other.order_id) };
			}
			if (revision) {
				sql.run(
					'INSERT INTO order_revisions (subject_id, order_id, revision, body, hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
					subjectId, orderId, revision.revision, revision.body, revision.hash, revision.createdAt, revision.createdBy
				);
			}
			sql.run(
				`INSERT INTO orders (subject_id, order_id, revision, status, updated_at, submitted_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (subject_id, order_id) DO UPDATE SET revision = excluded.revision, status = excluded.status, updated_at = excluded.updated_at, summary = excluded.summary`,
				subjectId, orderId, summary.revision, summary.status, summary.updatedAt, summary.submittedAt, JSON.stringify(summary)
			);
			for (const e of change.audit) {
				sql.run(
					'INSERT INTO order_audit (subject_id, order_id, revision, actor, at, from_status, to_status, event, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
					e.subjectId, e.orderId, e.revision, e.actor, e.at, e.from, e.to, e.event, e.why
				);
			}
			return { outcome: 'committed' };
		});
	}

	async audit(subjectId: string, orderId?: string): Promise<AuditEntry[]> {
		const rows = orderId === undefined
			? this.#sql.all('SELECT * FROM order_audit WHERE subject_id = ? ORDER BY seq', subjectId)
			: this.#sql.all('SELECT * FROM order_audit WHERE subject_id = ? AND order_id = ? ORDER BY seq', subjectId, orderId);
		return rows.map(auditOf);
	}
}
