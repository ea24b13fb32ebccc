import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { releaseStartupMemory } from '../../../../sync-server/src/memory.ts';

const newSpaceBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? Number.NaN;

describe('releaseStartupMemory', () => {
	it('hands back the young generation a burst of long-lived allocations grew', () => {
		// A start-up-like burst: many objects that survive a few scavenges grow the young generation.
		let kept: { index: number; text: string }[][] = [];
		for (let round = 0; round < 40; round++) {
			kept.push(Array.from({ length: 20_000 }, (_, index) => ({ index, text: `row ${round}.${index}` })));
			if (kept.length > 8) kept.shift();
		}
		const grown = newSpaceBytes();
		kept = [];
		expect(kept).toHaveLength(0);

		expect(releaseStartupMemory()).toBe(true);
		const after = newSpaceBytes();
		expect(grown).toBeGreaterThan(4 * 1024 * 1024);
		expect(after).toBeLessThan(grown / 2);
	});

	it('can run again (the gc function stays reachable after the flag is turned back off)', () => {
		expect(releaseStartupMemory()).toBe(true);
		expect(releaseStartupMemory()).toBe(true);
	});
});
