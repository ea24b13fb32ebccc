/** In-memory OrderStore (tests and benchmarks): same contract; `commit` runs with no await, so it is atomic. */
import type { AuditEntry, CommitOutcome, OrderCommit, OrderRecord, OrderRevisionRecord, OrderStore } from './order-store.ts';
import { pairKey, type MemoryGate } from './memory-gate.ts';
import type { OrderSummary } from '../../../../src/lib/domain/workspace/facts-layout.ts';

const clone = <T>(value: T): T => structuredClone(value);

export class MemoryOrderStore implements OrderStore {
	#gate: MemoryGate;
	#orders = new Map<string, { subjectId: string; orderId: string; summary: OrderSummary }>();
	#revisions = new Map<string, OrderRevisionRecord[]>();
	#audit: AuditEntry[] = [];

	constructor(gate: MemoryGate) {
		this.#gate = gate;
	}

	async get(subjectId: string, orderId: string): Promise<OrderRecord | null> {
		this.#gate.check();
		const key = pairKey(subjectId, orderId);
		const order = this.#orders.get(key);
		const current = this.#revisions.get(key)?.find((r) => r.revision === order?.summary.revision);
		return order && current ? clone({ ...order, current }) : null;
	}

	async revisions(subjectId: string, orderId: string): Promise<OrderRevisionRecord[]> {
		this.#gate.check();
		return clone(this.#revisions.get(pairKey(subjectId, orderId)) ?? []);
	}

	async list(subjectId: string): Promise<OrderSummary[]> {
		this.#gate.check();
		return clone(
			[...this.#orders.values()]
				.filter((o) => o.subjectId === subjectId)
				.map((o) => o.summary)
				.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || a.id.localeCompare(b.id))
		);
	}

	async commit(change: OrderCommit): Promise<CommitOutcome> {
		this.#gate.check();
		const key = pairKey(change.subjectId, change.orderId);
		const existing = this.#orders.get(key);
		const expected = change.expected;
		if (expected === null ? existing !== undefined : !existing || existing.summary.revision !== expected.revision || existing.summary.status !== expected.status || existing.summary.updatedAt !== expected.updatedAt) {
			return { outcome: 'conflict' };
		}
		const revisions = this.#revisions.get(key) ?? [];
		if (change.revision && revisions.some((r) => r.revision === change.revision?.revision)) return { outcome: 'conflict' };
		if (change.exclusiveOf) {
			const other = [...this.#orders.values()].find((o) => o.subjectId === change.subjectId && o.orderId !== change.orderId && change.exclusiveOf?.includes(o.summary.status));
			if (other) return { outcome: 'in-flight', orderId: other.orderId };
		}
		if (change.revision) this.#revisions.set(key, [...revisions, clone(change.revision)]);
		this.#orders.set(key, { subjectId: change.subjectId, orderId: change.orderId, summary: clone(change.summary) });
		this.#audit.push(...clone(change.audit));
		return { outcome: 'committed' };
	}

	async audit(subjectId: string, orderId?: string): Promise<AuditEntry[]> {
		this.#gate.check();
		return clone(this.#audit.filter((e) => e.subjectId === subjectId && (orderId === undefined || e.orderId === orderId)));
	}
}
