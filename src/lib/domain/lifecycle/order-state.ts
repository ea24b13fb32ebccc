/**
 * States and events of a filing order — domain-research §4.1 (canonical state machine), §3.10
 * (撤销 vs 放弃), §3.6 (cancellation withdrawal), §4.2 (SMS window and wrong codes, idle expiry).
 * Schemas are `zod/mini` so the server can parse what a client sends.
 */
import { z } from 'zod/mini';

export const ORDER_STATUSES = [
	'draft',
	'provider-review',
	'provider-rejected',
	'miit-submission',
	'sms-verification',
	'administration-review',
	'administration-rejected',
	'approved',
	'abandoned',
	'expired'
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

const SIMPLE_EVENT_TYPES = [
	'submit',
	'provider-approve',
	'provider-reject',
	'edit',
	'withdraw',
	'submit-to-miit',
	'sms-verified',
	'sms-wrong-code',
	'sms-timeout',
	'administration-approve',
	'administration-reject',
	'abandon',
	'reopen'
] as const;

export const ORDER_EVENT_TYPES = [...SIMPLE_EVENT_TYPES, 'expire'] as const;

export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export const orderStateSchema = z.object({
	status: z.enum(ORDER_STATUSES),
	/** 注销主体 / 注销网站 / 取消接入 orders (withdrawable until they reach the administration). */
	isCancellation: z.boolean(),
	/** Consecutive wrong MIIT SMS codes in the current verification. */
	smsWrongAttempts: z.int().check(z.minimum(0))
});

export type OrderState = z.infer<typeof orderStateSchema>;

const simpleEvent = z.object({
	type: z.enum(SIMPLE_EVENT_TYPES)
});
const expireEvent = z.object({
	type: z.literal('expire'),
	/** Calendar days the order has waited on the user in its current step. */
	idleDays: z.int().check(z.minimum(0))
});

export const orderEventSchema = z.union([simpleEvent, expireEvent]);

export type OrderEvent = z.infer<typeof orderEventSchema>;

/** A new order in draft. */
export function newOrderState(options: { isCancellation?: boolean } = {}): OrderState {
	return { status: 'draft', isCancellation: options.isCancellation ?? false, smsWrongAttempts: 0 };
}

/** Statuses from which nothing ever leaves (LIFE-4, LIFE-9). */
export const FINAL_STATUSES: readonly OrderStatus[] = ['approved', 'abandoned'];

/** Statuses before the order reaches the provincial administration. */
export const PRE_ADMINISTRATION_STATUSES: readonly OrderStatus[] = [
	'draft',
	'provider-review',
	'provider-rejected',
	'miit-submission',
	'sms-verification'
];

/** Statuses in which the order waits on the applicant and can idle out (LIFE-7). */
export const USER_WAITING_STATUSES: readonly OrderStatus[] = ['draft', 'provider-rejected', 'administration-rejected'];

/** Statuses of an order in flight (OP-2: one per subject): every one but the final ones and `expired`. */
export const IN_FLIGHT_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => s !== 'approved' && s !== 'abandoned' && s !== 'expired');
