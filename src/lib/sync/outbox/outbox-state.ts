/**
 * The life of one outbox entry (a frozen order waiting to be sent), as pure functions from an
 * entry and an event to the next entry. The sender only runs I/O and calls `transition`.
 *
 *   queued ──start──▶ sending ──accepted──▶ sent
 *     ▲                 │
 *     │                 ├─fail (transient: offline, 5xx, 429)─▶ waiting ──(backoff)──▶ start
 *     │                 ├─fail (auth: 401)───────────────────▶ blocked (until signed in)
 *     │                 └─fail (refused: 409, 422, 403 …)────▶ refused (the reason shows on the order)
 *     └──────── retry (user, sign-in, back online) ◀── waiting | blocked | refused
 *   recover: sending ──▶ queued (the app closed mid-send; the resend is idempotent)
 *
 * An entry also waits, without counting an attempt, while the order's uploads are unfinished
 * (`hold`), so no order goes out before its documents.
 */
import type { OutboxEntry } from '../../storage/outbox-entries.ts';
import { backoffDelay, type BackoffOptions } from '../transfers/backoff.ts';

export type OutboxFailureKind = 'transient' | 'auth' | 'refused';

export interface OutboxFailure {
	readonly kind: OutboxFailureKind;
	/** Kebab-case code: the server's `error`, or `offline`, `bad-response`. */
	readonly code: string;
	/** The server's `details` (e.g. `issues` of `order-invalid`, `hashes` of `document-missing`). */
	readonly details?: unknown;
	/** Seconds the server asked to wait (`Retry-After`). */
	readonly retryAfterSeconds?: number;
}

/** Why a due entry is not sent yet, without it being a failure. */
export type OutboxHold = 'uploads-pending' | 'upload-failed';

export type OutboxEvent =
	| { type: 'start' }
	| { type: 'accepted' }
	| { type: 'fail'; failure: OutboxFailure }
	| { type: 'hold'; hold: OutboxHold | null }
	| { type: 'retry' }
	| { type: 'recover' };

export interface OutboxTransitionContext {
	now: number;
	backoff?: BackoffOptions;
}

/** Outbox backoff: the base of the transfers', capped at one minute (an order is one small request). */
export const OUTBOX_BACKOFF = { baseMs: 1000, maxMs: 60_000 } as const;

/** The next entry; an event that does not apply in the current state returns the entry unchanged. */
export function outboxTransition(entry: OutboxEntry, event: OutboxEvent, context: OutboxTransitionContext): OutboxEntry {
	const next = apply(entry, event, context);
	return next === entry ? entry : { ...next, updatedAt: context.now };
}

function apply(entry: OutboxEntry, event: OutboxEvent, { now, backoff }: OutboxTransitionContext): OutboxEntry {
	switch (event.type) {
		case 'start':
			return entry.state === 'queued' || entry.state === 'waiting' ? { ...entry, state: 'sending', hold: null } : entry;
		case 'accepted':
			return entry.state === 'sending' ? { ...entry, state: 'sent', attempts: 0, lastError: null, lastDetails: null, hold: null, sentAt: now } : entry;
		case 'fail':
			return entry.state === 'sending' ? failed(entry, event.failure, now, backoff) : entry;
		case 'hold':
			if (entry.state !== 'queued' && entry.state !== 'waiting') return entry;
			return entry.hold === event.hold ? entry : { ...entry, hold: event.hold };
		case 'retry':
			return entry.state === 'waiting' || entry.state === 'blocked' || entry.state === 'refused'
				? { ...entry, state: 'queued', attempts: 0, lastError: null, lastDetails: null, nextAttemptAt: now }
				: entry;
		case 'recover':
			return entry.state === 'sending' ? { ...entry, state: 'queued', nextAttemptAt: now } : entry;
	}
}

function failed(entry: OutboxEntry, failure: OutboxFailure, now: number, backoff?: BackoffOptions): OutboxEntry {
	const base = { ...entry, lastError: failure.code, lastDetails: failure.details ?? null };
	if (failure.kind === 'refused') return { ...base, state: 'refused' };
	if (failure.kind === 'auth') return { ...base, state: 'blocked' };
	const attempts = entry.attempts + 1;
	const delay = Math.max(backoffDelay(attempts, { ...OUTBOX_BACKOFF, ...backoff }), (failure.retryAfterSeconds ?? 0) * 1000);
	return { ...base, state: 'waiting', attempts, nextAttemptAt: now + delay };
}

/** Whether an entry should be tried now (its uploads are checked next). */
export function isOutboxDue(entry: OutboxEntry, now: number): boolean {
	return (entry.state === 'queued' || entry.state === 'waiting') && entry.nextAttemptAt <= now;
}

/** Codes of a refusal that needs the applicant (the order stays in the outbox with its reason). */
const REFUSED_STATUSES = new Set([400, 403, 404, 409, 410, 413, 415, 422]);

/** How an answer to `PUT …/orders/:orderId` fails the entry; 0 means no answer. */
export function classifyOrderFailure(status: number, code: string, details?: unknown, retryAfterSeconds?: number): OutboxFailure {
	const extra = { ...(details === undefined ? {} : { details }), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
	if (status === 0) return { kind: 'transient', code: 'offline' };
	if (status === 401) return { kind: 'auth', code, ...extra };
	if (REFUSED_STATUSES.has(status)) return { kind: 'refused', code, ...extra };
	return { kind: 'transient', code, ...extra };
}
