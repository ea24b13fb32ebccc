import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../src/lib/sync/transfers/backoff.ts';

describe('backoffDelay', () => {
	it('doubles from the base delay, between half and all of the ceiling', () => {
		const low = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, random: () => 0 });
		const high = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, random: () => 0.999999 });
		expect([1, 2, 3, 4].map(low)).toEqual([500, 1000, 2000, 4000]);
		expect([1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000]);
	});

	it('never exceeds the maximum, however many attempts', () => {
		for (const attempt of [10, 30, 1000, Number.MAX_SAFE_INTEGER]) {
			const delay = backoffDelay(attempt, { random: () => 0.999999 });
			expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
			expect(delay).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.maxMs / 2);
		}
	});

	it('treats attempt 0 or less as the first retry, and clamps a random source outside [0, 1)', () => {
		expect(backoffDelay(0, { baseMs: 100, random: () => 0 })).toBe(50);
		expect(backoffDelay(-3, { baseMs: 100, random: () => 0 })).toBe(50);
		expect(backoffDelay(1, { baseMs: 100, random: () => 7 })).toBe(100);
		expect(backoffDelay(1, { baseMs: 100, random: () => -1 })).toBe(50);
	});

	it('spreads retries of many devices (jitter), never below half the ceiling', () => {
		let seed = 42;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const delays = Array.from({ length: 200 }, () => backoffDelay(3, { baseMs: 1000, random }));
		expect(new Set(delays).size).toBeGreaterThan(100);
		expect(Math.min(...delays)).toBeGreaterThanOrEqual(2000);
		expect(Math.max(...delays)).toBeLessThanOrEqual(4000);
	});
});
