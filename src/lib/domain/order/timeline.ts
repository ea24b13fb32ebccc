/**
 * An order's status timeline for the applicant (TRACK-2 … TRACK-5): each state it went through
 * with its date, the deadline of the state it is in on the business-day calendar (DUE-1, DUE-2,
 * DUE-4, DUE-6, DUE-7, DUE-9; provisional past the holiday table, CAL-2), the states still
 * ahead on the usual path, the next step the applicant must take, and the lifecycle moves the
 * applicant may make now (LIFE rules decide). Pure, never throws.
 */
import { deadlineFor, type Deadline, type DeadlineKind } from '../calendar/deadlines.ts';
import { availableEvents } from '../lifecycle/order-lifecycle.ts';
import { newOrderState, type OrderEventType, type OrderStatus } from '../lifecycle/order-state.ts';
import type { ProvinceCode } from '../province/provinces.ts';

export interface OrderHistoryItem {
	readonly status: OrderStatus;
	/** When the order entered this status (ISO date-time with offset). */
	readonly at: string;
}

export interface TimelineInput {
	readonly status: OrderStatus;
	readonly history: readonly OrderHistoryItem[];
	readonly isCancellation: boolean;
	readonly smsWrongAttempts?: number;
	/** Filing province (Zhejiang's administration takes 30 business days, DUE-4). */
	readonly province?: ProvinceCode;
}

export interface TimelineStep {
	readonly status: OrderStatus;
	/** When it was entered; null for a state still ahead. */
	readonly at: string | null;
	readonly state: 'done' | 'current' | 'ahead';
	/** The current step's deadline. */
	readonly deadline?: Deadline;
}

/** What the applicant should do now (the UI words each). */
export type NextStep =
	| 'send'
	| 'wait-provider'
	| 'fix-and-resend'
	| 'wait-miit-submission'
	| 'answer-sms'
	| 'wait-administration'
	| 'public-security-filing'
	| 'cancelled'
	| 'start-new-order'
	| 'reopen';

/** The lifecycle moves an applicant makes (the review desk makes the others). */
export const APPLICANT_EVENTS = ['edit', 'withdraw', 'abandon', 'reopen'] as const satisfies readonly OrderEventType[];
export type ApplicantEvent = (typeof APPLICANT_EVENTS)[number];

export interface Timeline {
	readonly steps: readonly TimelineStep[];
	readonly next: NextStep;
	readonly moves: readonly ApplicantEvent[];
	/** Whether any shown deadline reaches past the published holidays (CAL-2). */
	readonly provisional: boolean;
}

/** The usual path of an order to approval. */
const PATH: readonly OrderStatus[] = ['draft', 'provider-review', 'miit-submission', 'sms-verification', 'administration-review', 'approved'];

const WAIT_KIND: Partial<Record<OrderStatus, DeadlineKind>> = {
	draft: 'idle-expiry',
	'provider-review': 'provider-review',
	'provider-rejected': 'idle-expiry',
	'miit-submission': 'miit-submission',
	'sms-verification': 'sms-verification',
	'administration-rejected': 'idle-expiry',
	expired: undefined
};

const NEXT: Record<OrderStatus, NextStep> = {
	draft: 'send',
	'provider-review': 'wait-provider',
	'provider-rejected': 'fix-and-resend',
	'miit-submission': 'wait-miit-submission',
	'sms-verification': 'answer-sms',
	'administration-review': 'wait-administration',
	'administration-rejected': 'fix-and-resend',
	approved: 'public-security-filing',
	abandoned: 'start-new-order',
	expired: 'reopen'
};

/** The deadline of the step an order is in, from when it entered it. */
export function stepDeadline(input: { status: OrderStatus; at: string; isCancellation: boolean; province?: ProvinceCode }): Deadline | undefined {
	let kind = WAIT_KIND[input.status];
	if (input.status === 'administration-review') kind = input.isCancellation ? 'cancellation-review' : 'administration-review';
	if (input.status === 'approved' && !input.isCancellation) kind = 'public-security-filing';
	if (!kind) return undefined;
	const result = deadlineFor({ kind, start: input.at, ...(input.province ? { province: input.province } : {}) });
	return result.ok ? result.value : undefined;
}

/** The timeline of one order. */
export function orderTimeline(input: TimelineInput): Timeline {
	const history = [...input.history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	const last = history.at(-1);
	const current = last && last.status === input.status ? last : { status: input.status, at: '' };
	const done: TimelineStep[] = history.slice(0, history.length - (current === last ? 1 : 0)).map((h) => ({ status: h.status, at: h.at, state: 'done' }));
	const deadline = current.at ? stepDeadline({ status: current.status, at: current.at, isCancellation: input.isCancellation, province: input.province }) : undefined;
	const now: TimelineStep = { status: current.status, at: current.at || null, state: 'current', ...(deadline ? { deadline } : {}) };
	const position = PATH.indexOf(input.status);
	const resume = input.status === 'provider-rejected' || input.status === 'administration-rejected' ? 0 : position;
	const ahead: TimelineStep[] = resume < 0 ? [] : PATH.slice(resume + 1).map((status) => ({ status, at: null, state: 'ahead' }));
	const state = { ...newOrderState({ isCancellation: input.isCancellation }), status: input.status, smsWrongAttempts: input.smsWrongAttempts ?? 0 };
	const moves = availableEvents(state).filter((e): e is ApplicantEvent => (APPLICANT_EVENTS as readonly string[]).includes(e));
	const next = input.status === 'approved' && input.isCancellation ? 'cancelled' : NEXT[input.status];
	return { steps: [...done, now, ...ahead], next, moves, provisional: deadline?.provisional ?? false };
}

/** Milliseconds left until an instant deadline (the SMS window), never below 0; null without one. */
export function remainingMs(deadline: Deadline | undefined, nowMs: number): number | null {
	if (!deadline?.dueAt) return null;
	return Math.max(0, Date.parse(deadline.dueAt) - nowMs);
}
