/**
 * A token bucket: `burst` tokens, refilled at `perSecond`; each message takes one. Used for the
 * per-connection message rate limit of the sync socket.
 */
export interface TokenBucketOptions {
	readonly perSecond: number;
	readonly burst: number;
	readonly now?: () => number;
}

export class TokenBucket {
	#perMs: number;
	#burst: number;
	#now: () => number;
	#tokens: number;
	#at: number;

	constructor(options: TokenBucketOptions) {
		if (!(options.perSecond > 0) || !(options.burst >= 1)) throw new RangeError('a token bucket needs perSecond > 0 and burst >= 1');
		this.#perMs = options.perSecond / 1000;
		this.#burst = options.burst;
		this.#now = options.now ?? (() => performance.now());
		this.#tokens = options.burst;
		this.#at = this.#now();
	}

	/** Takes one token; false when the bucket is empty. */
	take(): boolean {
		this.#refill();
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	/** Milliseconds until a token is there (0 when one is). */
	msUntilToken(): number {
		this.#refill();
		return this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.#perMs);
	}

	#refill(): void {
		const now = this.#now();
		this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs);
		this.#at = now;
	}
}
