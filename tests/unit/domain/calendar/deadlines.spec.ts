import { describe, expect, it } from 'vitest';
import {
	IDLE_REMINDER_DAYS,
	SMS_MAX_WRONG_ATTEMPTS,
	deadlineFor,
	isPastDue,
	type DeadlineKind
} from '$lib/domain/calendar/deadlines.ts';
import type { IsoDate } from '$lib/domain/calendar/iso-date.ts';

describe('deadlines (domain-research §4.2, §13)', () => {
	it('DUE-1 the provider review is due one business day later', () => {
		const r = deadlineFor({ kind: 'provider-review', start: '2026-02-13' });
		expect(r.ok && r.value).toEqual({ kind: 'provider-review', start: '2026-02-13', due: '2026-02-14', provisional: false });
		const friday = deadlineFor({ kind: 'provider-review', start: '2026-03-06T17:00:00+08:00' });
		expect(friday.ok && friday.value.due).toBe('2026-03-09');
	});

	it('DUE-2 the SMS window closes exactly 24 hours after receipt', () => {
		const r = deadlineFor({ kind: 'sms-verification', start: '2026-03-01T20:30:00+08:00' });
		expect(r.ok && r.value).toMatchObject({ start: '2026-03-01', due: '2026-03-02', dueAt: '2026-03-02T12:30:00.000Z' });
		if (!r.ok) return;
		expect(isPastDue(r.value, { date: '2026-03-02' as IsoDate, instant: '2026-03-02T12:29:59Z' })).toBe(false);
		expect(isPastDue(r.value, { date: '2026-03-02' as IsoDate, instant: '2026-03-02T12:30:01Z' })).toBe(true);
	});

	it('DUE-2 an SMS window needs a date-time with an offset', () => {
		expect(deadlineFor({ kind: 'sms-verification', start: '2026-03-01' }).issues.map((i) => i.rule)).toEqual(['CAL-3']);
	});

	it('DUE-3 five wrong SMS codes return the order', () => {
		expect(SMS_MAX_WRONG_ATTEMPTS).toBe(5);
	});

	it('DUE-4 the administration has 20 business days, Zhejiang 30', () => {
		const national = deadlineFor({ kind: 'administration-review', start: '2026-03-02' });
		expect(national.ok && national.value.due).toBe('2026-03-30');
		const zhejiang = deadlineFor({ kind: 'administration-review', start: '2026-03-02', province: 'ZJ' });
		expect(zhejiang.ok && zhejiang.value.due).toBe('2026-04-14');
	});

	it('DUE-4 crossing the May Day holiday extends the calendar time', () => {
		const r = deadlineFor({ kind: 'administration-review', start: '2026-04-20' });
		expect(r.ok && r.value.due).toBe('2026-05-20');
	});

	it('DUE-4 a deadline in an unpublished year is provisional (CAL-2)', () => {
		const r = deadlineFor({ kind: 'administration-review', start: '2026-12-15' });
		expect(r.ok && r.value.provisional).toBe(true);
		expect(r.issues.map((i) => i.rule)).toEqual(['CAL-2']);
	});

	it('DUE-5 e-mail initialization takes 1–2 business days', () => {
		const r = deadlineFor({ kind: 'email-initialization', start: '2026-04-30' });
		expect(r.ok && r.value).toMatchObject({ earliest: '2026-05-06', due: '2026-05-07' });
	});

	it('DUE-6 an idle order expires after 45 days with reminders at 7, 15 and 30 days', () => {
		const r = deadlineFor({ kind: 'idle-expiry', start: '2026-03-01' });
		expect(IDLE_REMINDER_DAYS).toEqual([7, 15, 30]);
		expect(r.ok && r.value).toMatchObject({ due: '2026-04-15', reminders: ['2026-03-08', '2026-03-16', '2026-03-31'] });
	});

	it('DUE-7 submission to MIIT follows within 1–3 business days', () => {
		const r = deadlineFor({ kind: 'miit-submission', start: '2026-03-06' });
		expect(r.ok && r.value).toMatchObject({ earliest: '2026-03-09', due: '2026-03-11' });
	});

	it('DUE-8 the public-security filing is due 30 days after the site opens', () => {
		const r = deadlineFor({ kind: 'public-security-filing', start: '2026-03-01' });
		expect(r.ok && r.value.due).toBe('2026-03-31');
	});

	it('DUE-9 a cancellation takes 1 to 20 business days at the administration', () => {
		const r = deadlineFor({ kind: 'cancellation-review', start: '2026-03-02' });
		expect(r.ok && r.value).toMatchObject({ earliest: '2026-03-03', due: '2026-03-30' });
	});

	it('CAL-3 refuses an unknown step or an invalid start', () => {
		expect(deadlineFor({ kind: 'coffee' as DeadlineKind, start: '2026-03-02' }).issues.map((i) => i.rule)).toEqual(['CAL-3']);
		expect(deadlineFor({ kind: 'provider-review', start: 'soon' }).issues.map((i) => i.rule)).toEqual(['CAL-3']);
	});
});
