/** Dates of the tracking screens in the UI language; deadlines are China dates (`YYYY-MM-DD`). */
import { getLocale } from './paraglide/runtime.js';

/** A `YYYY-MM-DD` China date, as the UI language writes it. */
export function formatChinaDate(date: string): string {
	const ms = Date.parse(`${date}T12:00:00+08:00`);
	return Number.isFinite(ms) ? new Date(ms).toLocaleDateString(getLocale(), { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }) : date;
}

/** An instant (ISO date-time or epoch ms) with date and time, China time. */
export function formatInstant(instant: string | number): string {
	const ms = typeof instant === 'number' ? instant : Date.parse(instant);
	return Number.isFinite(ms) ? new Date(ms).toLocaleString(getLocale(), { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }) : String(instant);
}
