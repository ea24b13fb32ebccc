/**
 * A sliding-window rate limiter: at most `max` hits per key within `windowMs`. Keeps the hit
 * times of each key (at most `max` of them), drops keys whose window has passed, and caps the
 * number of keys so a flood of distinct keys cannot exhaust memory.
 */
export interface RateWindow {
	/** Hits allowed within the window. */
	readonly max: number;
	readonly windowSeconds: number;
}

export type RateCheck = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const MAX_KEYS = 100_000;

export class RateLimiter {
	#window: RateWindow;
	#now: () => number;
	#hits = new Map<string, number[]>();

	constructor(window: RateWindow, now: () => number = Date.now) {
		if (!(window.max >= 1) || !(window.windowSeconds > 0)) throw new RangeError('a rate limit needs max >= 1 and windowSeconds > 0');
		this.#window = window;
		this.#now = now;
	}

	/** Whether one more hit is allowed now (does not count it). */
	check(key: string): RateCheck {
		const now = this.#now();
		const hits = this.#recent(key, now);
		if (hits.length < this.#window.max) return { allowed: true };
		const oldest = hits[0] ?? now;
		const retryAfterMs = oldest + this.#window.windowSeconds * 1000 - now;
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
	}

	/** Counts a hit; returns its time, which {@link release} takes to take it back. */
	hit(key: string): number {
		const now = this.#now();
		const hits = this.#recent(key, now);
		hits.push(now);
		if (hits.length > this.#window.max) hits.shift();
		this.#hits.delete(key);
		this.#hits.set(key, hits);
		if (this.#hits.size > MAX_KEYS) this.#sweep(now);
		return now;
	}

	/** Takes back one hit counted at `at` (e.g. a reserved attempt that turned out fine). */
	release(key: string, at: number): void {
		const hits = this.#hits.get(key);
		const index = hits?.indexOf(at) ?? -1;
		if (hits === undefined || index < 0) return;
		hits.splice(index, 1);
		if (hits.length === 0) this.#hits.delete(key);
	}

	/** Checks and, when allowed, counts a hit. */
	take(key: string): RateCheck {
		const result = this.check(key);
		if (result.allowed) this.hit(key);
		return result;
	}

	#recent(key: string, now: number): number[] {
		const since = now - this.#window.windowSeconds * 1000;
		const hits = (this.#hits.get(key) ?? []).filter((t) => t > since);
		if (hits.length === 0) this.#hits.delete(key);
		return hits;
	}

	#sweep(now: number): void {
		const since = now - this.#window.windowSeconds * 1000;
		for (const [key, hits] of this.#hits) if ((hits.at(-1) ?? 0) <= since) this.#hits.delete(key);
		// Still too many live keys: forget the least recently hit (Map keeps insertion order).
		for (const key of this.#hits.keys()) {
			if (this.#hits.size <= MAX_KEYS) break;
			this.#hits.delete(key);
		}
	}
}
