/**
 * Retry delays for transfers: exponential with "equal jitter" (half fixed, half random), so a
 * phone coming back online does not hammer the server in lockstep with every other device.
 * Pure: the random source is a parameter.
 */

export interface BackoffOptions {
	/** Delay before the first retry, ms (default 1 s). */
	baseMs?: number;
	/** Upper bound of any delay, ms (default 5 min). */
	maxMs?: number;
	/** A number in [0, 1) (default Math.random). */
	random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 1000, maxMs: 5 * 60 * 1000 } as const;

/** The delay before retry number `attempt` (1 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
	const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
	const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
	const random = options.random ?? Math.random;
	const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
	const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
	const jitter = Math.min(Math.max(random(), 0), 1);
	return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}
