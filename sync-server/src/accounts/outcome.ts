/**
 * How the accounts module reports failure: a value, not an exception, carrying the HTTP status
 * and the kebab-case code of the server's one error shape `{ error, message, details? }`. The
 * app localises by `error`; `message` is English for logs and developers.
 */

import type { ServerErrorCode } from '../../../src/lib/domain/api-errors.ts';

/** The codes of `src/lib/domain/api-errors.ts`, which the app has a message for each of. */
export type ErrorCode = ServerErrorCode;

export interface Failure {
	readonly status: number;
	readonly error: ErrorCode;
	readonly message: string;
	readonly details?: unknown;
	/** Sent as `Retry-After` and in `details.retryAfterSeconds` (429). */
	readonly retryAfterSeconds?: number;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

export function succeed<T>(value: T): Outcome<T> {
	return { ok: true, value };
}

export function fail<T = never>(status: number, error: ErrorCode, message: string, details?: unknown): Outcome<T> {
	return { ok: false, failure: details === undefined ? { status, error, message } : { status, error, message, details } };
}

export function rateLimited<T = never>(retryAfterSeconds: number): Outcome<T> {
	return {
		ok: false,
		failure: {
			status: 429,
			error: 'rate-limited',
			message: `Too many attempts. Try again in ${retryAfterSeconds} s.`,
			details: { retryAfterSeconds },
			retryAfterSeconds
		}
	};
}

export const UNAUTHENTICATED: Failure = { status: 401, error: 'unauthenticated', message: 'Sign in first' };
export const FORBIDDEN: Failure = { status: 403, error: 'forbidden', message: 'Not allowed for your role in this subject' };
