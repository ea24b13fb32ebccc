/** A byte count as a person reads it ("1.5 MB", "320 KB"), in the current locale. */
import { getLocale } from './paraglide/runtime.js';

const UNITS = [
	{ unit: 'gigabyte', bytes: 1024 ** 3 },
	{ unit: 'megabyte', bytes: 1024 ** 2 },
	{ unit: 'kilobyte', bytes: 1024 }
] as const;

export function formatBytes(bytes: number, locale: string = getLocale()): string {
	const pick = UNITS.find((u) => bytes >= u.bytes) ?? UNITS[2];
	return new Intl.NumberFormat(locale, { style: 'unit', unit: pick.unit, maximumFractionDigits: 1 }).format(bytes / pick.bytes);
}
