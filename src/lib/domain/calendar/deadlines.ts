/**
 * Deadlines the client shows offline (DUE-1 … DUE-9) — domain-research §4.2, §11.4, §13.
 * Business-day deadlines count from the China local date of `start`; a deadline reaching into
 * a year without published holidays is provisional (CAL-2) and the UI says so.
 */
import { issue, resultOf, failure, type Result } from '../result.ts';
import { addBusinessDays } from './business-days.ts';
import { addDays, chinaDateOf, type IsoDate } from './iso-date.ts';
import type { ProvinceCode } from '../province/provinces.ts';

export type DeadlineKind =
	| 'provider-review'
	| 'miit-submission'
	| 'sms-verification'
	| 'administration-review'
	| 'email-initialization'
	| 'idle-expiry'
	| 'public-security-filing'
	| 'cancellation-review';

export interface Deadline {
	readonly kind: DeadlineKind;
	readonly start: IsoDate;
	/** Earliest expected date when the sources give a range (e.g. 1–2 business days). */
	readonly earliest?: IsoDate;
	/** Last day (inclusive) by which the step is due or expected. */
	readonly due: IsoDate;
	/** Exact instant for hour-based windows (SMS: `start` + 24 h), ISO 8601 UTC. */
	readonly dueAt?: string;
	/** Reminder dates (idle expiry: 7/15/30 days). */
	readonly reminders?: readonly IsoDate[];
	readonly provisional: boolean;
}

export interface DeadlineRequest {
	readonly kind: DeadlineKind;
	/** `YYYY-MM-DD` or an ISO date-time (required with offset for `sms-verification`). */
	readonly start: string;
	/** Filing province; `ZJ` (Zhejiang) lengthens the administration review (DUE-4). */
	readonly province?: ProvinceCode;
}

/** MIIT SMS window in hours and wrong codes that return the order (DUE-2, DUE-3; §4.2 [C][A4][T14]). */
export const SMS_WINDOW_HOURS = 24;
export const SMS_MAX_WRONG_ATTEMPTS = 5;
/** Administration review maximum in business days, by province; default 20 (DUE-4, §4.2 [C][T4]). */
export const ADMINISTRATION_REVIEW_DAYS: Readonly<Record<string, number>> = { default: 20, ZJ: 30 };
/** Order step idle expiry and reminders in calendar days (DUE-6, §4.2 [C][T25]). */
export const IDLE_EXPIRY_DAYS = 45;
export const IDLE_REMINDER_DAYS: readonly number[] = [7, 15, 30];

interface BusinessSpec {
	readonly min: number;
	readonly max: number;
}

const BUSINESS_SPECS: Partial<Record<DeadlineKind, BusinessSpec>> = {
	'provider-review': { min: 1, max: 1 },
	'miit-submission': { min: 1, max: 3 },
	'email-initialization': { min: 1, max: 2 },
	'cancellation-review': { min: 1, max: 20 }
};

function businessDeadline(kind: DeadlineKind, start: IsoDate, spec: BusinessSpec): Result<Deadline> {
	const due = addBusinessDays(start, spec.max);
	const earliest = addBusinessDays(start, spec.min);
	if (!due.ok || !earliest.ok) return failure([issue('CAL-3', 'error')]);
	const value: Deadline =
		spec.min === spec.max
			? { kind, start, due: due.value.date, provisional: due.value.provisional }
			: { kind, start, earliest: earliest.value.date, due: due.value.date, provisional: due.value.provisional };
	return resultOf(value, due.issues);
}

function smsDeadline(start: unknown): Result<Deadline> {
	if (typeof start !== 'string') return failure([issue('CAL-3', 'error')]);
	const startDate = chinaDateOf(start);
	const ms = /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(start) ? Date.parse(start) : Number.NaN;
	if (!startDate || !Number.isFinite(ms)) return failure([issue('CAL-3', 'error')]);
	const dueMs = ms + SMS_WINDOW_HOURS * 3_600_000;
	const due = chinaDateOf(new Date(dueMs).toISOString()) ?? startDate;
	return resultOf({ kind: 'sms-verification', start: startDate, due, dueAt: new Date(dueMs).toISOString(), provisional: false }, []);
}

function calendarDeadline(kind: DeadlineKind, start: IsoDate): Result<Deadline> {
	if (kind === 'public-security-filing') return resultOf({ kind, start, due: addDays(start, 30), provisional: false }, []);
	const reminders = IDLE_REMINDER_DAYS.map((d) => addDays(start, d));
	return resultOf({ kind, start, due: addDays(start, IDLE_EXPIRY_DAYS), reminders, provisional: false }, []);
}

/**
 * The deadline of one step: provider review ≈ 1 business day (DUE-1), SMS 24 h (DUE-2),
 * administration ≤ 20 business days, Zhejiang 30 (DUE-4), e-mail initialization 1–2 business
 * days (DUE-5), idle expiry 45 days with reminders (DUE-6), submission to MIIT 1–3 business days
 * (DUE-7), public-security filing 30 days after opening (DUE-8), cancellation ≤ 20 business days
 * (DUE-9). CAL-3 for an invalid request. Never throws.
 */
export function deadlineFor(request: DeadlineRequest): Result<Deadline> {
	if (typeof request !== 'object' || request === null) return failure([issue('CAL-3', 'error')]);
	const kind = request.kind as unknown;
	if (kind === 'sms-verification') return smsDeadline(request.start);
	const start = chinaDateOf(request.start);
	if (!start) return failure([issue('CAL-3', 'error')]);
	if (kind === 'administration-review') {
		const province = typeof request.province === 'string' && Object.hasOwn(ADMINISTRATION_REVIEW_DAYS, request.province) ? request.province : 'default';
		const max = ADMINISTRATION_REVIEW_DAYS[province] ?? 20;
		return businessDeadline(kind, start, { min: max, max });
	}
	if (kind === 'idle-expiry' || kind === 'public-security-filing') return calendarDeadline(kind, start);
	const spec = typeof kind === 'string' ? BUSINESS_SPECS[kind as DeadlineKind] : undefined;
	if (!spec) return failure([issue('CAL-3', 'error')]);
	return businessDeadline(kind as DeadlineKind, start, spec);
}

/** Whether `now` is past the deadline (the exact instant for the SMS window, else the due date). */
export function isPastDue(deadline: Deadline, now: { readonly date: IsoDate; readonly instant?: string }): boolean {
	if (deadline.dueAt !== undefined && now.instant !== undefined) return Date.parse(now.instant) > Date.parse(deadline.dueAt);
	return now.date > deadline.due;
}
