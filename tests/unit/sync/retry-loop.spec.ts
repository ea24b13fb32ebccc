/** The retry loop shared by the outbox sender and the transfer queues. */
import { describe, expect, it } from 'vitest';
import { RetryLoop, type RetryClock } from '../../../src/lib/sync/retry-loop.ts';

interface Item {
	id: string;
	nextAttemptAt: number;
	state: 'due' | 'waiting' | 'done';
}

function setup(items: Item[], run: (item: Item) => Promise<void>) {
	let now = 100;
	const timers: { at: number; fire: () => void }[] = [];
	const clock: RetryClock = {
		now: () => now,
		setTimer: (fire, ms) => timers.push({ at: now + ms, fire }),
		clearTimer: () => timers.splice(0)
	};
	const loop = new RetryLoop<Item>({
		clock,
		items: () => items,
		idOf: (item) => item.id,
		isDue: (item, at) => item.state !== 'done' && item.nextAttemptAt <= at,
		isWaiting: (item) => item.state !== 'done',
		run
	});
	const advance = (ms: number) => {
		now += ms;
		for (const timer of timers.splice(0).filter((t) => t.at <= now)) timer.fire();
	};
	return { loop, timers, advance };
}

describe('RetryLoop', () => {
	it('runs due items earliest first and sleeps until the next one is due', async () => {
		const ran: string[] = [];
		const items: Item[] = [
			{ id: 'late', nextAttemptAt: 90, state: 'due' },
			{ id: 'early', nextAttemptAt: 10, state: 'due' },
			{ id: 'future', nextAttemptAt: 150, state: 'waiting' }
		];
		const { loop, timers, advance } = setup(items, async (item) => {
			ran.push(item.id);
			if (item.id === 'early') item.state = 'done';
			// A failed attempt: its owner's backoff moves it later.
			else item.nextAttemptAt = 200;
		});
		loop.start();
		loop.pump();
		await loop.settled();
		expect(ran).toEqual(['early', 'late']);
		expect(timers.map((t) => t.at)).toEqual([150]);
		advance(60);
		await loop.settled();
		expect(ran).toEqual(['early', 'late', 'future']);
	});

	it('a pump during a run runs again after it (an item made due meanwhile is not left to the timer)', async () => {
		const ran: string[] = [];
		const items: Item[] = [{ id: 'first', nextAttemptAt: 0, state: 'due' }];
		let release: () => void = () => undefined;
		const { loop } = setup(items, async (item) => {
			ran.push(item.id);
			item.state = 'done';
			if (ran.length === 1) await new Promise<void>((resolve) => (release = resolve));
		});
		loop.start();
		loop.pump();
		// The first item is retried by its owner while it runs: due again, already tried in this pass.
		items[0] = { id: 'first', nextAttemptAt: 0, state: 'due' };
		loop.pump();
		release();
		await loop.settled();
		expect(ran).toEqual(['first', 'first']);
	});

	it('does nothing once stopped', async () => {
		const ran: string[] = [];
		const { loop } = setup([{ id: 'x', nextAttemptAt: 0, state: 'due' }], async (item) => void ran.push(item.id));
		loop.start();
		loop.stop();
		loop.pump();
		await loop.settled();
		expect(ran).toEqual([]);
	});
});
