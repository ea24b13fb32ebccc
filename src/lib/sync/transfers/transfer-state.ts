/**
 * The life of one transfer, as pure functions from a record and an event to the next record.
 * The queues only run I/O and call these; every state change goes through `transition`.
 *
 *   queued ──start──▶ active ──succeed──▶ done
 *     ▲                 │
 *     │                 ├─fail (transient)──▶ waiting ──(time)──▶ start
 *     │                 ├─fail (auth)───────▶ blocked
 *     │                 └─fail (permanent)──▶ failed
 *     └──────── retry (user, or sign-in) ◀── waiting | blocked | failed
 *   recover: active ──▶ queued (a tab closed mid-transfer)
 */
import type { TransferDirection, TransferRecord } from '../../storage/transfers.ts';
import { backoffDelay, type BackoffOptions } from './backoff.ts';

export type FailureKind = 'transient' | 'auth' | 'permanent';

export interface Failure {
	readonly kind: FailureKind;
	/** Kebab-case code: the server's `error`, or `offline`, `bad-response`, `missing-local-bytes`. */
	readonly code: string;
}

export type TransferEvent =
	| { type: 'start' }
	| { type: 'progress'; bytesSent: number }
	| { type: 'url'; tusUrl: string | null }
	| { type: 'succeed' }
	| { type: 'fail'; failure: Failure }
	| { type: 'retry' }
	| { type: 'recover' };

export interface TransitionContext {
	now: number;
	backoff?: BackoffOptions;
}

export function transferId(direction: TransferDirection, subjectId: string, sha256: string): string {
	return `${direction}:${subjectId}:${sha256}`;
}

export interface NewTransfer {
	direction: TransferDirection;
	sha256: string;
	subjectId: string;
	size: number;
	kind?: string | null;
	filename?: string | null;
}

// Sync may use storage's types, not its values (the import direction): the literal type of
// `version` makes this fail to compile when storage moves to a new record version.
const RECORD_VERSION: TransferRecord['version'] = 1;

/** A fresh, due-now transfer record. */
export function newTransfer(input: NewTransfer, now: number): TransferRecord {
	return {
		version: RECORD_VERSION,
		id: transferId(input.direction, input.subjectId, input.sha256),
		direction: input.direction,
		sha256: input.sha256,
		subjectId: input.subjectId,
		kind: input.kind ?? null,
		filename: input.filename ?? null,
		size: input.size,
		state: 'queued',
		attempts: 0,
		tusUrl: null,
		bytesSent: 0,
		lastError: null,
		nextAttemptAt: now,
		updatedAt: now
	};
}

/** The next record; an event that does not apply in the current state returns the record unchanged. */
export function transition(record: TransferRecord, event: TransferEvent, context: TransitionContext): TransferRecord {
	const next = apply(record, event, context);
	return next === record ? record : { ...next, updatedAt: context.now };
}

function apply(record: TransferRecord, event: TransferEvent, { now, backoff }: TransitionContext): TransferRecord {
	switch (event.type) {
		case 'start':
			return record.state === 'queued' || record.state === 'waiting' ? { ...record, state: 'active' } : record;
		case 'progress': {
			const bytesSent = clamp(event.bytesSent, 0, record.size);
			return record.state === 'active' && bytesSent !== record.bytesSent ? { ...record, bytesSent } : record;
		}
		case 'url':
			return record.state === 'done' || record.tusUrl === event.tusUrl ? record : { ...record, tusUrl: event.tusUrl };
		case 'succeed':
			return record.state === 'active'
				? { ...record, state: 'done', bytesSent: record.size, tusUrl: null, attempts: 0, lastError: null }
				: record;
		case 'fail':
			return record.state === 'active' ? failed(record, event.failure, now, backoff) : record;
		case 'retry':
			return ['waiting', 'blocked', 'failed'].includes(record.state)
				? { ...record, state: 'queued', attempts: 0, lastError: null, nextAttemptAt: now }
				: record;
		case 'recover':
			return record.state === 'active' ? { ...record, state: 'queued', nextAttemptAt: now } : record;
	}
}

function failed(record: TransferRecord, failure: Failure, now: number, backoff?: BackoffOptions): TransferRecord {
	const base = { ...record, lastError: failure.code };
	if (failure.kind === 'permanent') return { ...base, state: 'failed', tusUrl: null };
	if (failure.kind === 'auth') return { ...base, state: 'blocked' };
	const attempts = record.attempts + 1;
	return { ...base, state: 'waiting', attempts, nextAttemptAt: now + backoffDelay(attempts, backoff) };
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(Math.max(Math.round(value), min), max);
}

/** Whether a record should run now. */
export function isDue(record: TransferRecord, now: number): boolean {
	return (record.state === 'queued' || record.state === 'waiting') && record.nextAttemptAt <= now;
}

/**
 * How an HTTP answer from `/files` fails a transfer. 0 means no answer (offline, dropped).
 * `code` is the server's error code when its JSON body had one.
 */
export function classifyHttpFailure(status: number, code: string | null): Failure {
	if (status === 0) return { kind: 'transient', code: 'offline' };
	if (status === 401) return { kind: 'auth', code: code ?? 'unauthenticated' };
	if (status === 409 || status === 423 || status === 429 || status >= 500) return { kind: 'transient', code: code ?? `http-${status}` };
	if (status >= 400) return { kind: 'permanent', code: code ?? `http-${status}` };
	return { kind: 'transient', code: 'bad-response' };
}

/** The `error` code of a JSON error body, or null. */
export function errorCodeOf(body: string | null | undefined): string | null {
	if (!body) return null;
	try {
		const parsed: unknown = JSON.parse(body);
		const code = (parsed as { error?: unknown } | null)?.error;
		return typeof code === 'string' && /^[a-z0-9-]{1,64}$/.test(code) ? code : null;
	} catch {
		return null;
	}
}
