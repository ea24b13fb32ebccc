import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../sync-server/src/sync/token-bucket.ts';

describe('TokenBucket', () => {
	it('allows a burst, then the sustained rate', () => {
		let now = 0;
		const bucket = new TokenBucket({ perSecond: 10, burst: 5, now: () => now });
		for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
		now += 100;
		expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
		now += 10_000;
		for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
	});

	it('refuses settings that would switch limiting off', () => {
		expect(() => new TokenBucket({ perSecond: 0, burst: 5 })).toThrow(RangeError);
		expect(() => new TokenBucket({ perSecond: 5, burst: 0 })).toThrow(RangeError);
	});
});
