/**
 * "3 days ago" in the UI language, through `Intl.RelativeTimeFormat` (`numeric: 'auto'`, so
 * "yesterday" / "昨天"). Picks the largest unit that fits; future times (clock skew) read as now.
 */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60]
];

/** `then` and `now` in epoch milliseconds. */
export function formatRelativeTime(then: number, now: number, locale: string): string {
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	const seconds = Math.max(0, Math.round((now - then) / 1000));
	for (const [unit, size] of UNITS) if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
	return format.format(0, 'second');
}
