import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableEvents, transition } from '$lib/domain/lifecycle/order-lifecycle.ts';
import {
	ORDER_EVENT_TYPES,
	ORDER_STATUSES,
	newOrderState,
	type OrderEvent,
	type OrderState,
	type OrderStatus
} from '$lib/domain/lifecycle/order-state.ts';

const filing = (status: OrderStatus, smsWrongAttempts = 0): OrderState => ({ status, isCancellation: false, smsWrongAttempts });
const cancellation = (status: OrderStatus): OrderState => ({ status, isCancellation: true, smsWrongAttempts: 0 });
const rulesOf = (state: OrderState, event: OrderEvent) => transition(state, event).issues.map((i) => i.rule);

function run(state: OrderState, events: readonly OrderEvent[]): OrderState {
	let current = state;
	for (const event of events) {
		const r = transition(current, event);
		if (r.ok) current = r.value;
	}
	return current;
}

describe('order lifecycle (domain-research §4.1)', () => {
	it('LIFE-1 a filing order runs draft → provider review → MIIT → SMS → administration → approved', () => {
		const end = run(newOrderState(), [
			{ type: 'submit' },
			{ type: 'provider-approve' },
			{ type: 'submit-to-miit' },
			{ type: 'sms-verified' },
			{ type: 'administration-approve' }
		]);
		expect(end).toEqual(filing('approved'));
	});

	it('LIFE-1 refuses an event the status does not allow, naming both', () => {
		const r = transition(filing('draft'), { type: 'administration-approve' });
		expect(r.ok).toBe(false);
		expect(r.issues).toEqual([
			expect.objectContaining({ rule: 'LIFE-1', severity: 'error', params: { status: 'draft', event: 'administration-approve' } })
		]);
	});

	it('LIFE-1 a provider rejection is edited back to draft', () => {
		expect(run(filing('provider-review'), [{ type: 'provider-reject' }, { type: 'edit' }])).toEqual(filing('draft'));
	});

	it('LIFE-2 withdraw returns the order to draft only before the provider review finishes', () => {
		expect(transition(filing('provider-review'), { type: 'withdraw' })).toMatchObject({ ok: true, value: filing('draft') });
		expect(transition(filing('provider-rejected'), { type: 'withdraw' })).toMatchObject({ ok: true, value: filing('draft') });
		for (const status of ['miit-submission', 'sms-verification', 'administration-review', 'administration-rejected'] as const) {
			expect(rulesOf(filing(status), { type: 'withdraw' })).toEqual(['LIFE-2']);
		}
	});

	it('LIFE-2 after the provider review only abandon is possible', () => {
		expect(transition(filing('miit-submission'), { type: 'abandon' })).toMatchObject({ ok: true, value: filing('abandoned') });
	});

	it('LIFE-3 a cancellation order can be withdrawn only before it reaches the administration', () => {
		for (const status of ['provider-review', 'provider-rejected', 'miit-submission', 'sms-verification'] as const) {
			expect(transition(cancellation(status), { type: 'withdraw' })).toMatchObject({ ok: true, value: cancellation('draft') });
		}
		expect(rulesOf(cancellation('administration-review'), { type: 'withdraw' })).toEqual(['LIFE-3']);
	});

	it('LIFE-4 an approved order is final and never returns to draft', () => {
		for (const type of ORDER_EVENT_TYPES) {
			const event: OrderEvent = type === 'expire' ? { type, idleDays: 100 } : { type };
			expect(rulesOf(filing('approved'), event)).toEqual(['LIFE-4']);
		}
	});

	it('LIFE-5 five wrong SMS codes return the order to the provider', () => {
		let state = filing('sms-verification');
		for (let i = 1; i <= 4; i++) {
			const r = transition(state, { type: 'sms-wrong-code' });
			expect(r.ok && r.value).toEqual(filing('sms-verification', i));
			if (r.ok) state = r.value;
		}
		const fifth = transition(state, { type: 'sms-wrong-code' });
		expect(fifth.ok && fifth.value).toEqual(filing('provider-review'));
		expect(fifth.issues).toEqual([expect.objectContaining({ rule: 'LIFE-5', severity: 'info', params: { attempts: 5 } })]);
	});

	it('LIFE-5 a correct code resets the wrong-attempt count', () => {
		const r = transition(filing('sms-verification', 3), { type: 'sms-verified' });
		expect(r.ok && r.value).toEqual(filing('administration-review'));
	});

	it('LIFE-6 a missed 24-hour SMS window returns the order to the provider', () => {
		const r = transition(filing('sms-verification'), { type: 'sms-timeout' });
		expect(r.ok && r.value.status).toBe('provider-review');
		expect(r.issues.map((i) => i.rule)).toEqual(['LIFE-6']);
	});

	it('LIFE-7 an order idle for 45 days in a step waiting on the applicant expires and can be reopened', () => {
		expect(rulesOf(filing('provider-rejected'), { type: 'expire', idleDays: 44 })).toEqual(['LIFE-7']);
		const expired = transition(filing('provider-rejected'), { type: 'expire', idleDays: 45 });
		expect(expired.ok && expired.value.status).toBe('expired');
		expect(expired.ok && transition(expired.value, { type: 'reopen' })).toMatchObject({ ok: true, value: filing('draft') });
		expect(rulesOf(filing('administration-review'), { type: 'expire', idleDays: 60 })).toEqual(['LIFE-1']);
	});

	it('LIFE-8 an order cannot be abandoned while the administration reviews it', () => {
		expect(rulesOf(filing('administration-review'), { type: 'abandon' })).toEqual(['LIFE-8']);
	});

	it('LIFE-9 an abandoned order is final', () => {
		expect(rulesOf(filing('abandoned'), { type: 'reopen' })).toEqual(['LIFE-9']);
		expect(rulesOf(filing('abandoned'), { type: 'submit' })).toEqual(['LIFE-9']);
	});

	it.each([
		[null, { type: 'submit' }],
		[{ status: 'limbo', isCancellation: false, smsWrongAttempts: 0 }, { type: 'submit' }],
		[filing('draft'), { type: 'teleport' }],
		[filing('draft'), { type: 'expire' }],
		[{ status: 'draft', isCancellation: false, smsWrongAttempts: -1 }, { type: 'submit' }],
		['draft', 'submit']
	])('LIFE-10 refuses malformed input %j / %j', (state, event) => {
		expect(transition(state, event).issues.map((i) => i.rule)).toEqual(['LIFE-10']);
	});

	it('LIFE-11 editing after an administration rejection goes through the provider review again', () => {
		const edited = transition(filing('administration-rejected'), { type: 'edit' });
		expect(edited.ok && edited.value.status).toBe('draft');
		expect(edited.issues.map((i) => i.rule)).toEqual(['LIFE-11']);
		expect(edited.ok && transition(edited.value, { type: 'submit' })).toMatchObject({ ok: true, value: filing('provider-review') });
	});

	it('LIFE-1 availableEvents lists exactly the accepted events', () => {
		expect(availableEvents(filing('draft')).sort()).toEqual(['abandon', 'expire', 'submit']);
		expect(availableEvents(filing('approved'))).toEqual([]);
		expect(availableEvents(filing('administration-review')).sort()).toEqual(['administration-approve', 'administration-reject']);
	});
});

const anyEvent: fc.Arbitrary<OrderEvent> = fc.oneof(
	fc.constantFrom(...ORDER_EVENT_TYPES.filter((t) => t !== 'expire')).map((type) => ({ type }) as OrderEvent),
	fc.integer({ min: 0, max: 90 }).map((idleDays) => ({ type: 'expire', idleDays }) as OrderEvent)
);

describe('lifecycle properties', () => {
	it('LIFE-10 no event sequence reaches an undefined state', () => {
		fc.assert(
			fc.property(fc.boolean(), fc.array(anyEvent, { maxLength: 60 }), (isCancellation, events) => {
				let state = newOrderState({ isCancellation });
				for (const event of events) {
					const r = transition(state, event);
					if (r.ok) state = r.value;
					else expect(r.issues.every((i) => i.severity === 'error' && i.rule.startsWith('LIFE-'))).toBe(true);
					expect(ORDER_STATUSES).toContain(state.status);
					expect(state.smsWrongAttempts).toBeGreaterThanOrEqual(0);
					expect(state.smsWrongAttempts).toBeLessThan(5);
					expect(state.isCancellation).toBe(isCancellation);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('LIFE-4 approved orders never return to draft', () => {
		fc.assert(
			fc.property(fc.array(anyEvent, { maxLength: 30 }), (events) => {
				const end = run(filing('approved'), events);
				expect(end.status).toBe('approved');
			})
		);
	});
});
