/**
 * Every limit the access layer enforces, with its default. Tests and benchmarks pass explicit
 * values; nothing is ever switched off. `main.ts` reads overrides from the environment.
 */
import type { RateWindow } from '../accounts/rate-limiter.ts';

export interface AccessLimits {
	/** Sign-in attempts per client IP (every attempt). */
	readonly signInPerIp: RateWindow;
	/** Failed sign-ins per account (by e-mail, known or not) *from one IP*: never blocks the owner elsewhere. */
	readonly signInPerAccount: RateWindow;
	/** Failed sign-ins per account from all IPs together: looser, bounds distributed guessing. */
	readonly signInPerAccountTotal: RateWindow;
	/** Registrations per client IP. */
	readonly registerPerIp: RateWindow;
	/** Largest accepted JSON request body, bytes. */
	readonly jsonBodyBytes: number;
	/** Sync messages per connection: sustained rate per second (token bucket refill). */
	readonly syncMessagesPerSecond: number;
	/** Sync messages per connection: burst size (token bucket capacity). */
	readonly syncMessageBurst: number;
	/** Order and account-request PUTs per account (each is re-validated in full: up to 1 MiB of JSON). */
	readonly submitsPerAccount: RateWindow;
}

export const DEFAULT_LIMITS: AccessLimits = {
	signInPerIp: { max: 10, windowSeconds: 60 },
	signInPerAccount: { max: 5, windowSeconds: 15 * 60 },
	signInPerAccountTotal: { max: 100, windowSeconds: 15 * 60 },
	registerPerIp: { max: 20, windowSeconds: 60 * 60 },
	jsonBodyBytes: 16 * 1024,
	syncMessagesPerSecond: 200,
	syncMessageBurst: 400,
	submitsPerAccount: { max: 60, windowSeconds: 60 }
};

/** Parses `max/windowSeconds` (e.g. `10/60`); null when malformed. */
export function parseRateWindow(text: string): RateWindow | null {
	const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
	if (!m) return null;
	const max = Number(m[1]);
	const windowSeconds = Number(m[2]);
	return max >= 1 && windowSeconds >= 1 ? { max, windowSeconds } : null;
}
