/** OrderStore contract (ORD-S*, listed in sync-server/src/storage/README.md), run over every implementation. */
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../../../src/lib/domain/lifecycle/order-state.ts';
import type { OrderSummary } from '../../../../../src/lib/domain/workspace/facts-layout.ts';
import type { AuditEntry, OrderCommit, OrderRevisionRecord } from '../../../../../sync-server/src/storage/records/order-store.ts';
import { useRecords, type OpenRecords } from './fixtures.ts';

const AT = '2026-11-02T01:00:00.000Z';

function summary(id: string, status: OrderStatus, revision = 1, overrides: Partial<OrderSummary> = {}): OrderSummary {
	return { id, kind: 'first-filing', revision, status, isCancellation: false, smsWrongAttempts: 0, created: AT, submittedAt: AT, updatedAt: AT, history: [], ...overrides };
}

function revision(orderId: string, n: number, body = `{"n":${n}}`): OrderRevisionRecord {
	return { subjectId: 's1', orderId, revision: n, body, hash: String(n).padStart(64, '0'), createdAt: 1000 + n, createdBy: 'a1' };
}

function audit(orderId: string, from: OrderStatus | null, to: OrderStatus, event: string, n = 1): AuditEntry {
	return { subjectId: 's1', orderId, revision: n, actor: 'a1', at: 1000 + n, from, to, event, why: n > 1 ? `revision ${n}` : null };
}

/** A new order `id` accepted as revision 1 in provider-review. */
function created(id: string, overrides: Partial<OrderCommit> = {}): OrderCommit {
	return { subjectId: 's1', orderId: id, expected: null, revision: revision(id, 1), summary: summary(id, 'provider-review'), audit: [audit(id, 'draft', 'provider-review', 'submit')], ...overrides };
}

export function describeOrderStoreContract(name: string, open: OpenRecords): void {
	describe(`OrderStore contract: ${name}`, () => {
		const { fresh } = useRecords(open);

		it('ORD-S1 stores a new order (revision, state, audit) in one commit; finds it; lists the subject\'s orders newest first', async () => {
			const { orders } = await fresh();
			expect(await orders.get('s1', 'o1')).toBeNull();
			expect(await orders.commit(created('o1'))).toEqual({ outcome: 'committed' });
			const later = summary('o2', 'abandoned', 1, { submittedAt: '2026-11-03T01:00:00.000Z' });
			expect(await orders.commit(created('o2', { summary: later }))).toEqual({ outcome: 'committed' });
			expect(await orders.get('s1', 'o1')).toEqual({ subjectId: 's1', orderId: 'o1', summary: summary('o1', 'provider-review'), current: revision('o1', 1) });
			expect((await orders.list('s1')).map((o) => o.id)).toEqual(['o2', 'o1']);
			expect(await orders.list('s2')).toEqual([]);
			expect(await orders.get('s2', 'o1')).toBeNull();
		});

		it('ORD-S2 refuses a commit computed from a state that is no longer current, changing nothing', async () => {
			const { orders } = await fresh();
			await orders.commit(created('o1'));
			expect(await orders.commit(created('o1'))).toEqual({ outcome: 'conflict' });
			const stale = { revision: 1, status: 'draft' as const, updatedAt: AT };
			expect(await orders.commit({ ...created('o1'), expected: stale, revision: revision('o1', 2), summary: summary('o1', 'provider-review', 2) })).toEqual({ outcome: 'conflict' });
			const unknown = { revision: 1, status: 'provider-review' as const, updatedAt: AT };
			expect(await orders.commit({ ...created('o9'), expected: unknown })).toEqual({ outcome: 'conflict' });
			expect(await orders.revisions('s1', 'o1')).toEqual([revision('o1', 1)]);
			expect(await orders.audit('s1')).toHaveLength(1);
		});

		it('ORD-S3 stores a revision number once', async () => {
			const { orders } = await fresh();
			await orders.commit(created('o1'));
			const current = { revision: 1, status: 'provider-review' as const, updatedAt: AT };
			const again = { ...created('o1'), expected: current, revision: revision('o1', 1, '{"other":true}'), summary: summary('o1', 'provider-review', 1, { updatedAt: '2026-11-02T02:00:00.000Z' }) };
			expect(await orders.commit(again)).toEqual({ outcome: 'conflict' });
			expect((await orders.get('s1', 'o1'))?.current.body).toBe('{"n":1}');
		});

		it('ORD-S4 refuses (in-flight) while another order of the subject has one of the named statuses; other subjects do not count', async () => {
			const { orders } = await fresh();
			await orders.commit(created('o1'));
			const exclusive = ['draft', 'provider-review'] as const;
			expect(await orders.commit(created('o2', { exclusiveOf: exclusive }))).toEqual({ outcome: 'in-flight', orderId: 'o1' });
			expect(await orders.get('s1', 'o2')).toBeNull();
			expect(await orders.commit({ ...created('o3', { exclusiveOf: exclusive }), subjectId: 's2' })).toEqual({ outcome: 'committed' });
			expect(await orders.commit(created('o4', { exclusiveOf: ['approved'] }))).toEqual({ outcome: 'committed' });
		});

		it('ORD-S5 keeps every revision as it was and appends the audit log, oldest first, per order and per subject', async () => {
			const { orders } = await fresh();
			await orders.commit(created('o1'));
			await orders.commit(created('o2'));
			const rejected = summary('o1', 'provider-rejected', 1, { updatedAt: '2026-11-02T02:00:00.000Z' });
			await orders.commit({ subjectId: 's1', orderId: 'o1', expected: { revision: 1, status: 'provider-review', updatedAt: AT }, summary: rejected, audit: [{ ...audit('o1', 'provider-review', 'provider-rejected', 'provider-reject'), actor: 'review-desk', why: 'name' }] });
			const resent = summary('o1', 'provider-review', 2, { updatedAt: '2026-11-02T03:00:00.000Z' });
			const entries = [audit('o1', 'provider-rejected', 'draft', 'edit', 2), audit('o1', 'draft', 'provider-review', 'submit', 2)];
			expect(await orders.commit({ subjectId: 's1', orderId: 'o1', expected: { revision: 1, status: 'provider-rejected', updatedAt: rejected.updatedAt }, revision: revision('o1', 2), summary: resent, audit: entries })).toEqual({ outcome: 'committed' });
			expect(await orders.revisions('s1', 'o1')).toEqual([revision('o1', 1), revision('o1', 2)]);
			expect((await orders.get('s1', 'o1'))?.current).toEqual(revision('o1', 2));
			expect((await orders.audit('s1', 'o1')).map((e) => [e.actor, e.from, e.to, e.event, e.revision, e.why])).toEqual([
				['a1', 'draft', 'provider-review', 'submit', 1, null],
				['review-desk', 'provider-review', 'provider-rejected', 'provider-reject', 1, 'name'],
				['a1', 'provider-rejected', 'draft', 'edit', 2, 'revision 2'],
				['a1', 'draft', 'provider-review', 'submit', 2, 'revision 2']
			]);
			expect((await orders.audit('s1')).map((e) => e.orderId)).toEqual(['o1', 'o2', 'o1', 'o1', 'o1']);
		});

		it('ORD-S6 returns copies', async () => {
			const { orders } = await fresh();
			await orders.commit(created('o1'));
			const read = await orders.get('s1', 'o1');
			(read?.summary.history as unknown[]).push('x');
			const listed = await orders.list('s1');
			(listed[0] as { status: string }).status = 'approved';
			expect(await orders.get('s1', 'o1')).toEqual({ subjectId: 's1', orderId: 'o1', summary: summary('o1', 'provider-review'), current: revision('o1', 1) });
		});
	});
}
