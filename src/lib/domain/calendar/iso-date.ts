/**
 * Calendar dates as `YYYY-MM-DD` strings (China local dates; no time zone arithmetic needed
 * because every date is a whole day). Pure arithmetic on top of `Date.UTC`; never throws.
 */

export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Whether year/month/day form a real Gregorian date (month 1–12). */
export function isRealDate(year: number, month: number, day: number): boolean {
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
	if (month < 1 || month > 12 || day < 1) return false;
	const t = new Date(Date.UTC(year, month - 1, day));
	return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

/** `YYYY-MM-DD` of a real date, or `undefined` (a non-string, a wrong shape or 2026-02-30). */
export function toIsoDate(input: unknown): IsoDate | undefined {
	if (typeof input !== 'string' || input.length !== 10) return undefined;
	const m = ISO_DATE.exec(input);
	if (!m) return undefined;
	return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? (input as IsoDate) : undefined;
}

/** Builds an IsoDate from parts; the caller guarantees the parts are a real date. */
export function isoDateOf(year: number, month: number, day: number): IsoDate {
	const mm = String(month).padStart(2, '0');
	const dd = String(day).padStart(2, '0');
	return `${String(year).padStart(4, '0')}-${mm}-${dd}` as IsoDate;
}

function epochDay(date: IsoDate): number {
	return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromEpochDay(day: number): IsoDate {
	const t = new Date(day * DAY_MS);
	return isoDateOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The date `n` calendar days after `date` (negative `n` goes back). */
export function addDays(date: IsoDate, n: number): IsoDate {
	return fromEpochDay(epochDay(date) + n);
}

/** Calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
	return epochDay(b) - epochDay(a);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
	return (((epochDay(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: IsoDate): number {
	return Number(date.slice(0, 4));
}

/** Today's date in China (UTC+8) at the given instant (default: now). */
export function chinaToday(nowMs: number = Date.now()): IsoDate {
	return fromEpochDay(Math.floor((nowMs + CHINA_OFFSET_MS) / DAY_MS));
}

/**
 * The China local date of an ISO date or date-time string (`2026-03-02`, `2026-03-01T20:00:00Z`),
 * or `undefined` when the input is neither.
 */
export function chinaDateOf(input: unknown): IsoDate | undefined {
	const asDate = toIsoDate(input);
	if (asDate) return asDate;
	if (typeof input !== 'string' || input.length > 40 || !/^\d{4}-\d{2}-\d{2}T/.test(input)) return undefined;
	// Without an offset the time is read as China local time, never as the runtime's zone.
	if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(input)) return toIsoDate(input.slice(0, 10));
	const ms = Date.parse(input);
	return Number.isFinite(ms) ? chinaToday(ms) : undefined;
}
