import { describe, expect, it } from 'vitest';
import { orderTimeline, remainingMs, stepDeadline } from '../../../../src/lib/domain/order/timeline.ts';

const at = (date: string, time = '10:00:00') => `${date}T${time}+08:00`;

describe('order timeline', () => {
	it('TRACK-2 DUE-1 an order in provider review shows its history with dates and a 1-business-day deadline', () => {
		// Friday 2026-03-06 → next business day Monday 2026-03-09.
		const t = orderTimeline({ status: 'provider-review', isCancellation: false, history: [{ status: 'draft', at: at('2026-03-02') }, { status: 'provider-review', at: at('2026-03-06') }] });
		expect(t.steps.map((s) => [s.status, s.state])).toEqual([
			['draft', 'done'],
			['provider-review', 'current'],
			['miit-submission', 'ahead'],
			['sms-verification', 'ahead'],
			['administration-review', 'ahead'],
			['approved', 'ahead']
		]);
		expect(t.steps[1]?.deadline).toMatchObject({ kind: 'provider-review', due: '2026-03-09', provisional: false });
		expect(t.next).toBe('wait-provider');
	});

	it('TRACK-2 DUE-4 administration review: 20 business days, 30 in Zhejiang; CAL-2 provisional past the holiday table', () => {
		const history = [{ status: 'administration-review' as const, at: at('2026-03-02') }];
		const normal = orderTimeline({ status: 'administration-review', isCancellation: false, history, province: 'BJ' });
		const zj = orderTimeline({ status: 'administration-review', isCancellation: false, history, province: 'ZJ' });
		expect(normal.steps[0]?.deadline?.due).toBe('2026-03-30');
		// Qingming: Monday 2026-04-06 is a holiday.
		expect(zj.steps[0]?.deadline?.due).toBe('2026-04-14');
		const late = orderTimeline({ status: 'administration-review', isCancellation: false, history: [{ status: 'administration-review', at: at('2026-12-20') }] });
		expect(late.provisional).toBe(true);
		expect(normal.provisional).toBe(false);
	});

	it('TRACK-2 DUE-9 a cancellation at the administration uses the cancellation deadline', () => {
		const d = stepDeadline({ status: 'administration-review', at: at('2026-03-02'), isCancellation: true });
		expect(d?.kind).toBe('cancellation-review');
	});

	it('TRACK-2 DUE-2 the SMS window counts down from 24 hours', () => {
		const t = orderTimeline({ status: 'sms-verification', isCancellation: false, history: [{ status: 'sms-verification', at: '2026-03-02T02:00:00Z' }] });
		const deadline = t.steps[0]?.deadline;
		expect(deadline?.dueAt).toBe('2026-03-03T02:00:00.000Z');
		expect(remainingMs(deadline, Date.parse('2026-03-02T20:00:00Z'))).toBe(6 * 3_600_000);
		expect(remainingMs(deadline, Date.parse('2026-03-04T00:00:00Z'))).toBe(0);
		expect(t.next).toBe('answer-sms');
	});

	it('TRACK-3 DUE-6 a rejected order asks to fix and resend, with the idle expiry as its deadline, and the path restarts', () => {
		const t = orderTimeline({ status: 'provider-rejected', isCancellation: false, history: [{ status: 'provider-review', at: at('2026-03-02') }, { status: 'provider-rejected', at: at('2026-03-03') }] });
		expect(t.next).toBe('fix-and-resend');
		expect(t.steps.find((s) => s.state === 'current')?.deadline).toMatchObject({ kind: 'idle-expiry', due: '2026-04-17' });
		expect(t.steps.filter((s) => s.state === 'ahead')[0]?.status).toBe('provider-review');
	});

	it('TRACK-4 LIFE-2 LIFE-8 the applicant moves follow the lifecycle', () => {
		const moves = (status: Parameters<typeof orderTimeline>[0]['status'], isCancellation = false) => orderTimeline({ status, isCancellation, history: [] }).moves;
		expect(moves('provider-review')).toEqual(['withdraw', 'abandon']);
		expect(moves('provider-rejected')).toEqual(['edit', 'withdraw', 'abandon']);
		expect(moves('administration-review')).toEqual([]);
		expect(moves('administration-rejected')).toEqual(['edit', 'abandon']);
		expect(moves('sms-verification')).toEqual(['abandon']);
		expect(moves('sms-verification', true)).toEqual(['withdraw', 'abandon']);
		expect(moves('expired')).toEqual(['abandon', 'reopen']);
		expect(moves('approved')).toEqual([]);
	});

	it('TRACK-3 an approved filing points to the public-security filing, an approved cancellation says it is done', () => {
		expect(orderTimeline({ status: 'approved', isCancellation: false, history: [{ status: 'approved', at: at('2026-03-02') }] })).toMatchObject({ next: 'public-security-filing' });
		expect(orderTimeline({ status: 'approved', isCancellation: true, history: [] }).next).toBe('cancelled');
		expect(orderTimeline({ status: 'abandoned', isCancellation: false, history: [] }).next).toBe('start-new-order');
	});
});
