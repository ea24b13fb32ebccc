/**
 * Business-day arithmetic for deadlines (CAL-1 … CAL-4): a business day is a Monday–Friday that
 * is not a public holiday, or a weekend make-up working day — domain-research §8.5, §4.2
 * ("working days exclude weekends and holidays" [C][T4]). Holidays come from `holidays.ts`;
 * a result that touches a year without published data counts weekends only and is provisional.
 */
import { issue, resultOf, failure, type Issue, type Result } from '../result.ts';
import { HOLIDAY_CALENDAR, type HolidayYear } from './holidays.ts';
import { addDays, daysBetween, toIsoDate, weekday, yearOf, type IsoDate } from './iso-date.ts';

export interface BusinessDate {
	readonly date: IsoDate;
	/** True when a year without published holidays was counted (weekends only). */
	readonly provisional: boolean;
}

export interface BusinessDayCount {
	readonly days: number;
	readonly provisional: boolean;
}

/** Largest `n` accepted by {@link addBusinessDays} (about 14 years). */
export const MAX_BUSINESS_DAYS = 3660;

interface YearIndex {
	readonly off: ReadonlySet<string>;
	readonly makeUp: ReadonlySet<string>;
}

function indexYear(y: HolidayYear): YearIndex {
	const off = new Set<string>();
	for (const range of y.off) {
		const from = toIsoDate(range.from);
		const to = toIsoDate(range.to);
		if (!from || !to) continue;
		for (let d = from; d <= to; d = addDays(d, 1)) off.add(d);
	}
	return { off, makeUp: new Set(y.makeUpWorkdays) };
}

const YEARS: ReadonlyMap<number, YearIndex> = new Map(HOLIDAY_CALENDAR.map((y) => [y.year, indexYear(y)]));

/** Whether the State Council holidays of `year` are in the data. */
export function isPublishedYear(year: number): boolean {
	return YEARS.has(year);
}

function isBusinessIsoDate(date: IsoDate): boolean {
	const index = YEARS.get(yearOf(date));
	if (index?.makeUp.has(date)) return true;
	if (index?.off.has(date)) return false;
	const day = weekday(date);
	return day !== 0 && day !== 6;
}

/** Whether `date` (`YYYY-MM-DD`) is a business day; `false` for anything that is not a date. */
export function isBusinessDay(date: unknown): boolean {
	const d = toIsoDate(date);
	return d !== undefined && isBusinessIsoDate(d);
}

function provisionalIssues(from: IsoDate, to: IsoDate): Issue[] {
	const [a, b] = from <= to ? [yearOf(from), yearOf(to)] : [yearOf(to), yearOf(from)];
	for (let y = a; y <= b; y++) {
		if (!isPublishedYear(y)) return [issue('CAL-2', 'info', { params: { year: y } })];
	}
	return [];
}

/**
 * The `n`-th business day after `date` (`n` = 0: `date` itself if it is a business day, else the
 * next one). CAL-3 for an invalid date, CAL-4 for `n` outside 0 … {@link MAX_BUSINESS_DAYS}.
 */
export function addBusinessDays(date: unknown, n: unknown): Result<BusinessDate> {
	const start = toIsoDate(date);
	if (!start) return failure([issue('CAL-3', 'error')]);
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_BUSINESS_DAYS) {
		return failure([issue('CAL-4', 'error', { params: { max: MAX_BUSINESS_DAYS } })]);
	}
	let d = start;
	if (n === 0) {
		while (!isBusinessIsoDate(d)) d = addDays(d, 1);
	}
	for (let left = n; left > 0; ) {
		d = addDays(d, 1);
		if (isBusinessIsoDate(d)) left--;
	}
	const issues = provisionalIssues(start, d);
	return resultOf({ date: d, provisional: issues.length > 0 }, issues);
}

/**
 * Business days in (`from`, `to`]: `addBusinessDays(from, n)` lands on a `to` with
 * `businessDaysBetween(from, to) = n`. Negative when `to` is before `from`.
 */
export function businessDaysBetween(from: unknown, to: unknown): Result<BusinessDayCount> {
	const a = toIsoDate(from);
	const b = toIsoDate(to);
	if (!a || !b) return failure([issue('CAL-3', 'error')]);
	const span = daysBetween(a, b);
	if (Math.abs(span) > MAX_BUSINESS_DAYS * 2) return failure([issue('CAL-4', 'error', { params: { max: MAX_BUSINESS_DAYS } })]);
	const [lo, hi] = span >= 0 ? [a, b] : [b, a];
	let days = 0;
	for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isBusinessIsoDate(d)) days++;
	const issues = provisionalIssues(a, b);
	return resultOf({ days: span >= 0 ? days : -days, provisional: issues.length > 0 }, issues);
}
