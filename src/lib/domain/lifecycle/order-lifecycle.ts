/**
 * The order state machine (LIFE-1 … LIFE-11): `transition(state, event)` returns the next state
 * or a typed refusal. Pure; the same function runs in the app and on the server.
 */
import { issue, resultOf, failure, type Issue, type Result } from '../result.ts';
import { IDLE_EXPIRY_DAYS, SMS_MAX_WRONG_ATTEMPTS } from '../calendar/deadlines.ts';
import {
	ORDER_EVENT_TYPES,
	USER_WAITING_STATUSES,
	orderEventSchema,
	orderStateSchema,
	type OrderEvent,
	type OrderEventType,
	type OrderState,
	type OrderStatus
} from './order-state.ts';

type Outcome = Result<OrderState>;

function to(state: OrderState, status: OrderStatus, issues: readonly Issue[] = []): Outcome {
	return resultOf({ ...state, status, smsWrongAttempts: 0 }, issues);
}

function refuse(rule: string, state: OrderState, event: OrderEvent): Outcome {
	return failure([issue(rule, 'error', { params: { status: state.status, event: event.type } })]);
}

/** Simple moves: status → event → next status. */
const MOVES: Partial<Record<OrderStatus, Partial<Record<OrderEventType, OrderStatus>>>> = {
	draft: { submit: 'provider-review' },
	'provider-review': { 'provider-approve': 'miit-submission', 'provider-reject': 'provider-rejected' },
	'provider-rejected': { edit: 'draft' },
	'miit-submission': { 'submit-to-miit': 'sms-verification' },
	'sms-verification': { 'sms-verified': 'administration-review' },
	'administration-review': { 'administration-approve': 'approved', 'administration-reject': 'administration-rejected' },
	expired: { reopen: 'draft' }
};

function withdraw(state: OrderState, event: OrderEvent): Outcome {
	const s = state.status;
	if (s === 'provider-review' || s === 'provider-rejected') return to(state, 'draft');
	if (state.isCancellation && (s === 'miit-submission' || s === 'sms-verification')) return to(state, 'draft');
	if (s === 'administration-review' || s === 'administration-rejected') {
		return refuse(state.isCancellation ? 'LIFE-3' : 'LIFE-2', state, event);
	}
	if (s === 'miit-submission' || s === 'sms-verification') return refuse('LIFE-2', state, event);
	return refuse('LIFE-1', state, event);
}

function abandon(state: OrderState, event: OrderEvent): Outcome {
	if (state.status === 'administration-review') return refuse('LIFE-8', state, event);
	return to(state, 'abandoned');
}

function expire(state: OrderState, event: OrderEvent & { type: 'expire' }): Outcome {
	if (!USER_WAITING_STATUSES.includes(state.status)) return refuse('LIFE-1', state, event);
	if (event.idleDays < IDLE_EXPIRY_DAYS) {
		return failure([issue('LIFE-7', 'error', { params: { days: IDLE_EXPIRY_DAYS, idleDays: event.idleDays } })]);
	}
	return to(state, 'expired');
}

function smsWrongCode(state: OrderState): Outcome {
	const attempts = state.smsWrongAttempts + 1;
	if (attempts >= SMS_MAX_WRONG_ATTEMPTS) {
		return to(state, 'provider-review', [issue('LIFE-5', 'info', { params: { attempts: SMS_MAX_WRONG_ATTEMPTS } })]);
	}
	return resultOf({ ...state, smsWrongAttempts: attempts }, []);
}

function step(state: OrderState, event: OrderEvent): Outcome {
	if (state.status === 'approved') return refuse('LIFE-4', state, event);
	if (state.status === 'abandoned') return refuse('LIFE-9', state, event);
	if (event.type === 'withdraw') return withdraw(state, event);
	if (event.type === 'abandon') return abandon(state, event);
	if (event.type === 'expire') return expire(state, event);
	if (state.status === 'sms-verification' && event.type === 'sms-wrong-code') return smsWrongCode(state);
	if (state.status === 'sms-verification' && event.type === 'sms-timeout') {
		return to(state, 'provider-review', [issue('LIFE-6', 'info')]);
	}
	if (state.status === 'administration-rejected' && event.type === 'edit') {
		return to(state, 'draft', [issue('LIFE-11', 'info')]);
	}
	const next = MOVES[state.status]?.[event.type];
	return next ? to(state, next) : refuse('LIFE-1', state, event);
}

/**
 * Applies one event to an order. Refusals are errors naming the rule (LIFE-1 … LIFE-9);
 * malformed state or event input is LIFE-10. Never throws.
 */
export function transition(state: unknown, event: unknown): Result<OrderState> {
	const s = orderStateSchema.safeParse(state);
	const e = orderEventSchema.safeParse(event);
	if (!s.success || !e.success) return failure([issue('LIFE-10', 'error')]);
	return step(s.data, e.data);
}

/** Event types `transition` accepts in this state (expire assumes the idle limit was reached). */
export function availableEvents(state: OrderState): OrderEventType[] {
	return ORDER_EVENT_TYPES.filter((type) => {
		const event: OrderEvent = type === 'expire' ? { type, idleDays: IDLE_EXPIRY_DAYS } : { type };
		return transition(state, event).ok;
	});
}
