/**
 * The retry loop shared by the outbox sender and the transfer queues: runs the item that is due
 * earliest, one at a time, until none is due; then sleeps until the next one becomes due (its
 * `nextAttemptAt`, set by the owner's state machine with backoff). A `pump` while a run is in
 * progress is remembered and runs again after it, so an item made due meanwhile (a retry, a
 * newly queued one) is never left waiting for the timer. Within one pass each item runs at
 * most once: an item that stays due after its run (held, say) waits for the next pump.
 *
 * The owners keep their items and their state machines; this only schedules.
 */

export interface RetryClock {
	now: () => number;
	setTimer: (run: () => void, ms: number) => unknown;
	clearTimer: (handle: unknown) => void;
}

export const SYSTEM_CLOCK: RetryClock = {
	now: () => Date.now(),
	setTimer: (run, ms) => setTimeout(run, ms),
	clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/** What the loop schedules: anything with an id and the time it is next due. */
export interface Schedulable {
	readonly nextAttemptAt: number;
}

export interface RetryLoopOptions<T extends Schedulable> {
	clock: RetryClock;
	/** The items as they stand now. */
	items: () => Iterable<T>;
	/** An item's id (a pass runs each id once). */
	idOf: (item: T) => string;
	/** Whether the item should run now. */
	isDue: (item: T, now: number) => boolean;
	/** Whether the item waits for its `nextAttemptAt` (the timer wakes the loop for it). */
	isWaiting: (item: T) => boolean;
	/** Runs one item; should not throw. */
	run: (item: T) => Promise<void>;
}

export class RetryLoop<T extends Schedulable> {
	#options: RetryLoopOptions<T>;
	#running: Promise<void> | null = null;
	#again = false;
	#timer: unknown = null;
	#started = false;

	constructor(options: RetryLoopOptions<T>) {
		this.#options = options;
	}

	get started(): boolean {
		return this.#started;
	}

	start(): void {
		this.#started = true;
	}

	/** Stops scheduling (the run in progress finishes; its owner may abort it). */
	stop(): void {
		this.#started = false;
		this.#clearTimer();
	}

	/** Runs what is due now (again after the pass in progress, if one runs). */
	pump(): void {
		if (!this.#started) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = this.#drain().finally(() => {
			this.#running = null;
			if (this.#again) {
				this.#again = false;
				this.pump();
			} else this.#scheduleWake();
		});
	}

	/** Resolves when nothing runs or is due now. */
	async settled(): Promise<void> {
		while (this.#running) await this.#running;
	}

	async #drain(): Promise<void> {
		const tried = new Set<string>();
		for (let next = this.#nextDue(tried); next && this.#started; next = this.#nextDue(tried)) {
			tried.add(this.#options.idOf(next));
			await this.#options.run(next);
		}
	}

	/** The due item with the earliest `nextAttemptAt`, not run in this pass. */
	#nextDue(skip: ReadonlySet<string>): T | null {
		const { clock, items, idOf, isDue } = this.#options;
		const now = clock.now();
		let best: T | null = null;
		for (const item of items()) {
			if (skip.has(idOf(item)) || !isDue(item, now)) continue;
			if (!best || item.nextAttemptAt < best.nextAttemptAt) best = item;
		}
		return best;
	}

	#scheduleWake(): void {
		this.#clearTimer();
		if (!this.#started) return;
		const { clock, items, isWaiting } = this.#options;
		let wake = Infinity;
		for (const item of items()) if (isWaiting(item) && item.nextAttemptAt < wake) wake = item.nextAttemptAt;
		if (wake === Infinity) return;
		this.#timer = clock.setTimer(() => {
			this.#timer = null;
			this.pump();
		}, Math.max(0, wake - clock.now()));
	}

	#clearTimer(): void {
		if (this.#timer !== null) this.#options.clock.clearTimer(this.#timer);
		this.#timer = null;
	}
}
