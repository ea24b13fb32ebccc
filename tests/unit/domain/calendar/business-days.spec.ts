import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addBusinessDays,
	businessDaysBetween,
	isBusinessDay,
	isPublishedYear
} from '$lib/domain/calendar/business-days.ts';
import { HOLIDAY_CALENDAR } from '$lib/domain/calendar/holidays.ts';
import { addDays, toIsoDate, weekday, type IsoDate } from '$lib/domain/calendar/iso-date.ts';

const d = (s: string) => s as IsoDate;

describe('business days (issue 3 holiday data)', () => {
	it.each([
		'2025-01-01', '2025-01-28', '2025-02-04', '2025-04-04', '2025-05-05', '2025-06-02', '2025-10-08',
		'2026-01-02', '2026-02-16', '2026-02-23', '2026-04-06', '2026-05-04', '2026-06-19', '2026-09-25', '2026-10-07'
	])('CAL-1 %s is a public holiday, not a business day', (date) => {
		expect(isBusinessDay(date)).toBe(false);
	});

	it.each(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])(
		'CAL-1 the make-up working day %s is a business day although it is a weekend',
		(date) => {
			expect(isBusinessDay(date)).toBe(true);
			expect([0, 6]).toContain(weekday(d(date)));
		}
	);

	it('CAL-1 ordinary weekdays are business days and weekends are not', () => {
		expect(isBusinessDay('2026-03-02')).toBe(true);
		expect(isBusinessDay('2026-03-07')).toBe(false);
		expect(isBusinessDay('2026-03-08')).toBe(false);
		expect(isBusinessDay('2026-02-30')).toBe(false);
		expect(isBusinessDay(20260302)).toBe(false);
	});

	it('CAL-1 counts across the 2026 Spring Festival', () => {
		const r = addBusinessDays('2026-02-13', 1);
		expect(r.ok && r.value).toEqual({ date: '2026-02-14', provisional: false });
		const after = addBusinessDays('2026-02-14', 1);
		expect(after.ok && after.value.date).toBe('2026-02-24');
		const between = businessDaysBetween('2026-02-13', '2026-02-24');
		expect(between.ok && between.value.days).toBe(2);
	});

	it('CAL-1 n = 0 rolls forward to the next business day', () => {
		const r = addBusinessDays('2026-10-01', 0);
		expect(r.ok && r.value.date).toBe('2026-10-08');
		const same = addBusinessDays('2026-03-02', 0);
		expect(same.ok && same.value.date).toBe('2026-03-02');
	});

	it('CAL-2 a result in an unpublished year counts weekends only and is provisional', () => {
		expect(isPublishedYear(2026)).toBe(true);
		expect(isPublishedYear(2027)).toBe(false);
		const r = addBusinessDays('2026-12-30', 3);
		expect(r.ok && r.value).toEqual({ date: '2027-01-04', provisional: true });
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'CAL-2', severity: 'info', params: { year: 2027 } })]);
		expect(isBusinessDay('2027-01-01')).toBe(true);
	});

	it('CAL-2 a result entirely inside published years is not provisional', () => {
		const r = addBusinessDays('2025-12-30', 5);
		expect(r.ok && r.value.provisional).toBe(false);
		expect(r.issues).toEqual([]);
	});

	it.each([['2026-02-30'], ['2026-2-3'], [''], [null], ['x'.repeat(1_000_000)]])('CAL-3 refuses the date %j', (date) => {
		expect(addBusinessDays(date, 1).issues.map((i) => i.rule)).toEqual(['CAL-3']);
		expect(businessDaysBetween(date, '2026-01-01').issues.map((i) => i.rule)).toEqual(['CAL-3']);
	});

	it.each([[-1], [1.5], [Number.NaN], [3661], ['3']])('CAL-4 refuses the count %j', (n) => {
		expect(addBusinessDays('2026-01-05', n).issues.map((i) => i.rule)).toEqual(['CAL-4']);
	});

	it('CAL-1 the holiday data carries its source and as-of date', () => {
		for (const year of HOLIDAY_CALENDAR) {
			expect(year.source).not.toBe('');
			expect(year.asOf).not.toBe('');
			for (const range of year.off) expect(toIsoDate(range.from) && toIsoDate(range.to)).toBeTruthy();
		}
	});
});

describe('business-day properties', () => {
	const anyDate = fc
		.date({ min: new Date('2024-06-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
		.map((t) => t.toISOString().slice(0, 10));
	const makeUp = new Set(HOLIDAY_CALENDAR.flatMap((y) => y.makeUpWorkdays));

	it('CAL-1 adding n business days never lands on a weekend or holiday unless it is a make-up day', () => {
		fc.assert(
			fc.property(anyDate, fc.integer({ min: 0, max: 60 }), (start, n) => {
				const r = addBusinessDays(start, n);
				expect(r.ok).toBe(true);
				if (!r.ok) return;
				expect(isBusinessDay(r.value.date)).toBe(true);
				const isWeekend = [0, 6].includes(weekday(r.value.date));
				if (isWeekend) expect(makeUp.has(r.value.date)).toBe(true);
			}),
			{ numRuns: 400 }
		);
	});

	it('CAL-1 businessDaysBetween inverts addBusinessDays', () => {
		fc.assert(
			fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (start, n) => {
				const r = addBusinessDays(start, n);
				const back = r.ok ? businessDaysBetween(start, r.value.date) : r;
				expect(back.ok && back.value.days).toBe(n);
				const reverse = r.ok ? businessDaysBetween(r.value.date, start) : r;
				expect(reverse.ok && reverse.value.days).toBe(-n);
			})
		);
	});

	it('CAL-1 the day before the result is not past it in business days', () => {
		fc.assert(
			fc.property(anyDate, fc.integer({ min: 1, max: 30 }), (start, n) => {
				const r = addBusinessDays(start, n);
				if (!r.ok) return;
				const before = businessDaysBetween(start, addDays(r.value.date, -1));
				expect(before.ok && before.value.days).toBe(n - 1);
			})
		);
	});
});
