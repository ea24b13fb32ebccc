import { describe, expect, it } from 'vitest';
import { IN_FLIGHT_STATUSES } from '../../../../src/lib/domain/lifecycle/order-state.ts';
import { ORDER_BODY_MAX_BYTES, OrderEventRequestSchema, OrderResponseSchema, PutOrderRequestSchema } from '../../../../src/lib/domain/order/order-wire.ts';
import { FACTS_ROOT } from '../../../../src/lib/domain/workspace/layout.ts';
import { parseOrderSummary } from '../../../../src/lib/domain/workspace/facts-layout.ts';
import { documentsFor, makeOrderWithWebsites } from '../../../support/factories.ts';

const summary = {
	id: 'order-1',
	kind: 'first-filing',
	revision: 1,
	status: 'provider-review',
	isCancellation: false,
	smsWrongAttempts: 0,
	created: '2026-11-02T09:00:00+08:00',
	submittedAt: '2026-11-02T01:05:00.000Z',
	updatedAt: '2026-11-02T01:05:00.000Z',
	history: [{ from: null, to: 'provider-review', event: 'submit', at: '2026-11-02T01:05:00.000Z', revision: 1 }]
};

describe('orders on the wire and in the facts doc', () => {
	it('OP-2 counts every status but approved, abandoned and expired as in flight', () => {
		expect(IN_FLIGHT_STATUSES).not.toContain('approved');
		expect(IN_FLIGHT_STATUSES).not.toContain('abandoned');
		expect(IN_FLIGHT_STATUSES).not.toContain('expired');
		expect(IN_FLIGHT_STATUSES).toContain('draft');
		expect(IN_FLIGHT_STATUSES).toContain('provider-review');
	});
	it('ROOM-3 the facts doc has orders and approved roots; an order entry parses, a foreign one reads as null', () => {
		expect(FACTS_ROOT).toMatchObject({ subject: 'subject', orders: 'orders', approved: 'approved' });
		expect(parseOrderSummary(summary)).toEqual(summary);
		expect(parseOrderSummary({ ...summary, status: 'lost' })).toBeNull();
		expect(parseOrderSummary({ ...summary, kind: 'claim' })).toBeNull();
		expect(parseOrderSummary({ ...summary, reviewDesk: { note: 'later fields are kept out, not refused' } })).toEqual(summary);
	});
	it('DATA-1 an order of 50 websites with all its documents fits the PUT body limit (the 16 KB default does not)', () => {
		const full = { ...makeOrderWithWebsites(50), documents: documentsFor(makeOrderWithWebsites(50)).slice(0, 500) };
		const bytes = new TextEncoder().encode(JSON.stringify({ order: full })).length;
		expect(bytes).toBeGreaterThan(16 * 1024);
		expect(bytes).toBeLessThan(ORDER_BODY_MAX_BYTES);
		expect(PutOrderRequestSchema.safeParse({ order: full }).success).toBe(true);
		expect(OrderResponseSchema.safeParse({ order: full, summary }).success).toBe(true);
	});
	it('LIFE-1 the applicant sends only withdraw, abandon, reopen and edit as events', () => {
		for (const type of ['withdraw', 'abandon', 'reopen', 'edit']) expect(OrderEventRequestSchema.safeParse({ type }).success, type).toBe(true);
		for (const type of ['submit', 'provider-approve', 'administration-approve', 'expire']) expect(OrderEventRequestSchema.safeParse({ type }).success, type).toBe(false);
	});
});
