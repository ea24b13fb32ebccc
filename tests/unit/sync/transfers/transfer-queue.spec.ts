import { describe, expect, it } from 'vitest';
import type { TransferRecord } from '../../../../src/lib/storage/transfers.ts';
import { TransferQueue, type Perform, type QueueClock } from '../../../../src/lib/sync/transfers/transfer-queue.ts';
import { newTransfer, type Failure } from '../../../../src/lib/sync/transfers/transfer-state.ts';
import { MemoryTransferRepo } from '../../../support/transfer-memory.ts';

/** A clock the test moves by hand; timers fire only in `advance`. */
function manualClock() {
	let now = 0;
	let timers: { at: number; run: () => void; id: number }[] = [];
	let nextId = 1;
	const clock: QueueClock = {
		now: () => now,
		setTimer: (run, ms) => {
			const id = nextId++;
			timers.push({ at: now + ms, run, id });
			return id;
		},
		clearTimer: (id) => void (timers = timers.filter((t) => t.id !== id))
	};
	const advance = async (ms: number) => {
		now += ms;
		const due = timers.filter((t) => t.at <= now);
		timers = timers.filter((t) => t.at > now);
		for (const timer of due) timer.run();
		await new Promise((resolve) => setTimeout(resolve, 0));
	};
	return { clock, advance, pending: () => timers.length };
}

const sha = (n: number) => n.toString(16).padStart(64, '0');
const record = (n: number, now = 0) => newTransfer({ direction: 'upload', sha256: sha(n), subjectId: 'abcdefghijklmnop', size: 10 }, now);

function setup(script: (record: TransferRecord, call: number) => Failure | null | Promise<Failure | null>) {
	const repo = new MemoryTransferRepo();
	const { clock, advance, pending } = manualClock();
	const calls: string[] = [];
	const perform: Perform = async (r) => {
		calls.push(r.sha256);
		return script(r, calls.length);
	};
	const queue = new TransferQueue({ direction: 'upload', repo, perform, clock, backoff: { baseMs: 1000, random: () => 0 } });
	return { repo, queue, calls, advance, pending, clock };
}

describe('TransferQueue', () => {
	it('runs queued transfers one at a time, oldest first, and reports every change', async () => {
		const { queue, calls, repo } = setup(() => null);
		const states: string[] = [];
		queue.subscribe((records) => states.push(records.map((r) => r.state).join(',')));
		await queue.add(record(2, 0));
		await queue.add(record(1, 0));
		await queue.start();
		await queue.settled();
		expect(calls).toEqual([sha(2), sha(1)]);
		expect(queue.records.map((r) => r.state)).toEqual(['done', 'done']);
		expect([...repo.rows.values()].map((r) => r.state)).toEqual(['done', 'done']);
		expect(states).toContain('active,queued');
	});

	it('retries a transient failure after its backoff, then succeeds', async () => {
		const { queue, calls, advance } = setup((_r, call) => (call === 1 ? { kind: 'transient', code: 'offline' } : null));
		await queue.start();
		await queue.add(record(1));
		await queue.settled();
		expect(queue.records[0]).toMatchObject({ state: 'waiting', attempts: 1, lastError: 'offline', nextAttemptAt: 500 });
		await advance(499);
		expect(calls).toHaveLength(1);
		await advance(1);
		await queue.settled();
		expect(calls).toHaveLength(2);
		expect(queue.records[0]).toMatchObject({ state: 'done', attempts: 0, lastError: null });
	});

	it('leaves a permanent refusal failed until the user retries', async () => {
		const { queue, calls, advance } = setup((_r, call) => (call === 1 ? { kind: 'permanent', code: 'unsupported-type' } : null));
		await queue.start();
		await queue.add(record(1));
		await queue.settled();
		await advance(60 * 60 * 1000);
		expect(calls).toHaveLength(1);
		expect(queue.records[0]).toMatchObject({ state: 'failed', lastError: 'unsupported-type' });
		await queue.retry(queue.records[0]!.id);
		await queue.settled();
		expect(queue.records[0]!.state).toBe('done');
	});

	it('runs blocked and waiting transfers at once when kicked (signed in again, back online)', async () => {
		const { queue, calls } = setup((_r, call) => (call === 1 ? { kind: 'auth', code: 'unauthenticated' } : call === 2 ? { kind: 'transient', code: 'offline' } : null));
		await queue.start();
		await queue.add(record(1));
		await queue.add(record(2));
		await queue.settled();
		expect(queue.records.map((r) => r.state).sort()).toEqual(['blocked', 'waiting']);
		await queue.kick();
		await queue.settled();
		expect(calls).toHaveLength(4);
		expect(queue.records.map((r) => r.state)).toEqual(['done', 'done']);
	});

	it('survives a reload: a transfer left active is requeued by the next queue over the same storage', async () => {
		const first = setup(() => new Promise<Failure | null>(() => undefined));
		await first.queue.start();
		await first.queue.add(record(1));
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect([...first.repo.rows.values()][0]!.state).toBe('active');
		// The tab closes mid-transfer: nothing more is written. A new page opens the same storage.
		const calls: string[] = [];
		const second = new TransferQueue({
			direction: 'upload',
			repo: first.repo,
			perform: async (r) => (calls.push(r.sha256), null),
			clock: first.clock
		});
		await second.start();
		await second.settled();
		expect(calls).toEqual([sha(1)]);
		expect(second.records[0]!.state).toBe('done');
	});

	it('on stop, aborts the running transfer and keeps it queued', async () => {
		let aborted = false;
		let started: () => void = () => undefined;
		const running = new Promise<void>((resolve) => (started = resolve));
		const repo = new MemoryTransferRepo();
		const queue = new TransferQueue({
			direction: 'upload',
			repo,
			perform: (_r, { signal }) =>
				new Promise((resolve) => {
					started();
					signal.addEventListener('abort', () => ((aborted = true), resolve(null)), { once: true });
				})
		});
		await queue.start();
		await queue.add(record(1));
		await running;
		queue.stop();
		await queue.settled();
		expect(aborted).toBe(true);
		expect(queue.records[0]!.state).toBe('queued');
		expect(repo.rows.get(queue.records[0]!.id)!.state).toBe('queued');
	});

	it('on stop before the transfer began, never begins it', async () => {
		let called = false;
		const queue = new TransferQueue({ direction: 'upload', repo: new MemoryTransferRepo(), perform: async () => ((called = true), null) });
		await queue.start();
		await queue.add(record(1));
		queue.stop();
		await queue.settled();
		expect(called).toBe(false);
		expect(queue.records[0]!.state).toBe('queued');
	});

	it('does not queue the same transfer twice, and forgets finished ones on request', async () => {
		const { queue, calls, repo } = setup(() => null);
		await queue.start();
		await queue.add(record(1));
		await queue.settled();
		const again = await queue.add(record(1, 99));
		expect(again.state).toBe('done');
		await queue.settled();
		expect(calls).toHaveLength(1);
		await queue.clearDone();
		expect(queue.records).toEqual([]);
		expect(repo.rows.size).toBe(0);
	});

	it('treats a perform that throws as a transient failure', async () => {
		const { queue } = setup(() => {
			throw new Error('boom');
		});
		await queue.start();
		await queue.add(record(1));
		await queue.settled();
		expect(queue.records[0]).toMatchObject({ state: 'waiting', lastError: 'bad-response' });
	});

	it('cancel aborts the running transfer, waits for its run, and forgets it in memory and storage (a removed photo is never sent)', async () => {
		const repo = new MemoryTransferRepo();
		const progress: number[] = [];
		let started!: () => void;
		const running = new Promise<void>((done) => (started = done));
		const perform: Perform = (r, context) =>
			new Promise((resolve) => {
				started();
				context.signal.addEventListener('abort', () => {
					// A late progress write after the abort must not bring the row back.
					void context.progress(5, true).then(() => resolve(null));
				});
				void context.progress(3, true).then(() => progress.push(3));
			});
		const queue = new TransferQueue({ direction: 'upload', repo, perform });
		await queue.add(record(1));
		await queue.add(record(2));
		await queue.start();
		await running;
		const cancelled = await queue.cancel(record(1).id);
		expect(cancelled?.sha256).toBe(sha(1));
		expect(queue.records.map((r) => r.sha256)).not.toContain(sha(1));
		expect(repo.rows.has(record(1).id)).toBe(false);
		expect(await queue.cancel(record(1).id)).toBeNull();
		queue.stop();
	});
});
