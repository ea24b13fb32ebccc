import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../sync-server/src/accounts/rate-limiter.ts';

describe('RateLimiter (sliding window)', () => {
	it('allows max hits per window per key, then says when to retry', () => {
		let now = 0;
		const limiter = new RateLimiter({ max: 3, windowSeconds: 60 }, () => now);
		for (let i = 0; i < 3; i++) {
			expect(limiter.take('ip-a')).toEqual({ allowed: true });
			now += 1000;
		}
		expect(limiter.take('ip-a')).toEqual({ allowed: false, retryAfterSeconds: 57 });
		expect(limiter.take('ip-b')).toEqual({ allowed: true });
		now = 60_001;
		expect(limiter.take('ip-a')).toEqual({ allowed: true });
	});

	it('check does not count; hit counts without checking', () => {
		const limiter = new RateLimiter({ max: 1, windowSeconds: 10 }, () => 0);
		expect(limiter.check('k').allowed).toBe(true);
		expect(limiter.check('k').allowed).toBe(true);
		limiter.hit('k');
		expect(limiter.check('k')).toEqual({ allowed: false, retryAfterSeconds: 10 });
	});

	it('refuses a window that would switch limiting off', () => {
		expect(() => new RateLimiter({ max: 0, windowSeconds: 60 })).toThrow(RangeError);
		expect(() => new RateLimiter({ max: 5, windowSeconds: 0 })).toThrow(RangeError);
	});
});

describe('RateLimiter.release', () => {
	it('takes back exactly the hit counted at a time', () => {
		let now = 0;
		const limiter = new RateLimiter({ max: 2, windowSeconds: 60 }, () => now);
		const first = limiter.hit('k');
		now = 10;
		limiter.hit('k');
		expect(limiter.check('k').allowed).toBe(false);
		limiter.release('k', first);
		expect(limiter.check('k').allowed).toBe(true);
		limiter.release('k', first);
		limiter.release('other', 10);
		limiter.hit('k');
		expect(limiter.check('k')).toEqual({ allowed: false, retryAfterSeconds: 60 });
	});
});
