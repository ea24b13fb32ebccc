/**
 * A rate limit as the services use it: `take` counts a hit when the window allows one and
 * returns a ticket that `release` takes to give the hit back. Each `take` is atomic, also when
 * several nodes share the counters (Redis, cluster/redis-rate-limits.ts), so parallel requests
 * cannot all pass a limit that has room for one. `RateLimits` builds one limit per name and
 * window; the default keeps the counters in this process (rate-limiter.ts).
 */
import { RateLimiter, type RateWindow } from './rate-limiter.ts';

export type RateTake = { readonly allowed: true; readonly ticket: string } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimit {
	take(key: string): Promise<RateTake>;
	release(key: string, ticket: string): Promise<void>;
}

/** Builds the limit called `name` (unique per server: the counters of two names never mix). */
export type RateLimits = (name: string, window: RateWindow) => RateLimit;

/** Counters in this process: one node's limits. */
export function memoryRateLimits(now: () => number = Date.now): RateLimits {
	return (_name, window) => {
		const limiter = new RateLimiter(window, now);
		return {
			take(key) {
				const check = limiter.check(key);
				return Promise.resolve(check.allowed ? { allowed: true, ticket: String(limiter.hit(key)) } : check);
			},
			release(key, ticket) {
				limiter.release(key, Number(ticket));
				return Promise.resolve();
			}
		};
	};
}
