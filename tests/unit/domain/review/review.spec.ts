import { describe, expect, it } from 'vitest';
import { migrateReviewDecision, reasonsByField, validateReviewDecision, type ReviewDecision } from '../../../../src/lib/domain/review/review.ts';
import { makeOrder } from '../../../support/factories.ts';

const order = makeOrder();
const decision = (o: Partial<ReviewDecision> = {}): ReviewDecision => ({
	version: 1, orderId: 'order-1', outcome: 'rejected', reviewer: 'desk-1', decidedAt: '2026-11-03T10:00:00+08:00',
	reasons: [{ path: ['websites', 0, 'name'], code: 'website-name', note: '名称过于宽泛' }], ...o
});

describe('review decision', () => {
	it('accepts a rejection with reasons per field and groups them by field', () => {
		expect(migrateReviewDecision(decision()).ok).toBe(true);
		expect(validateReviewDecision(decision(), order).issues).toEqual([]);
		expect(reasonsByField(decision()).get('websites.0.name')?.[0]?.code).toBe('website-name');
	});
	it('REV-1 refuses a rejection without reasons', () => {
		expect(validateReviewDecision(decision({ reasons: [] }), order).issues[0]?.rule).toBe('REV-1');
	});
	it('REV-2 refuses a reason pointing at a missing field', () => {
		expect(validateReviewDecision(decision({ reasons: [{ path: ['websites', 5, 'name'], code: 'other' }] }), order).issues[0]?.rule).toBe('REV-2');
	});
	it('REV-3 warns about reasons on an approval', () => {
		expect(validateReviewDecision(decision({ outcome: 'approved' }), order)).toMatchObject({ ok: true, issues: [{ rule: 'REV-3' }] });
	});
	it('REV-4 refuses a decision for another order', () => {
		expect(validateReviewDecision(decision({ orderId: 'x' }), order).issues[0]?.rule).toBe('REV-4');
	});
});
