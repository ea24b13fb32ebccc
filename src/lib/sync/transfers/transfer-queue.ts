/**
 * The scheduler shared by the upload and the download queue: keeps the transfer rows of one
 * direction in memory and in storage (so the queue survives reloads), runs one transfer at a
 * time in `nextAttemptAt` order, applies retry backoff through the pure state machine, and
 * tells subscribers about every change (the UI wraps `subscribe` in a rune).
 *
 * One at a time on purpose: on a phone's bad uplink, parallel photos only make every photo late.
 */
import type { TransferDirection, TransferRecord, TransferRepo } from '../../storage/transfers.ts';
import type { BackoffOptions } from './backoff.ts';
import { RetryLoop, SYSTEM_CLOCK, type RetryClock } from '../retry-loop.ts';
import { isDue, transition, type Failure, type TransferEvent } from './transfer-state.ts';

export interface RunContext {
	readonly signal: AbortSignal;
	/** Reports bytes moved; `persist` also writes it to storage (e.g. after a chunk was accepted). */
	progress(bytesSent: number, persist?: boolean): Promise<void>;
	/** Records the tus upload URL (or clears it). */
	setUrl(tusUrl: string | null): Promise<void>;
}

/** Runs one transfer; resolves with null on success, or why it failed. Should not throw. */
export type Perform = (record: TransferRecord, context: RunContext) => Promise<Failure | null>;

export type QueueClock = RetryClock;

export interface TransferQueueOptions {
	direction: TransferDirection;
	repo: TransferRepo;
	perform: Perform;
	clock?: Partial<QueueClock>;
	backoff?: BackoffOptions;
}

export class TransferQueue {
	#options: TransferQueueOptions;
	#clock: QueueClock;
	#records = new Map<string, TransferRecord>();
	/** Records changed in memory but not yet written (progress between chunks). */
	#unsaved = new Set<string>();
	#listeners = new Set<(records: readonly TransferRecord[]) => void>();
	#loop: RetryLoop<TransferRecord>;
	#current: AbortController | null = null;
	/** The transfer running now and the promise of its run (cancel waits for it). */
	#currentId: string | null = null;
	#currentRun: Promise<void> | null = null;

	constructor(options: TransferQueueOptions) {
		this.#options = options;
		this.#clock = { ...SYSTEM_CLOCK, ...options.clock };
		this.#loop = new RetryLoop({
			clock: this.#clock,
			items: () => this.#records.values(),
			idOf: (record) => record.id,
			isDue,
			isWaiting: (record) => record.state === 'queued' || record.state === 'waiting',
			run: async (record) => {
				this.#currentId = record.id;
				this.#currentRun = this.#run(record);
				await this.#currentRun;
				this.#currentId = null;
				this.#currentRun = null;
			}
		});
	}

	/** Loads the queue from storage, requeues transfers a closed tab left running, and runs. */
	async start(): Promise<void> {
		if (this.#loop.started) return;
		this.#loop.start();
		for (const record of await this.#options.repo.list(this.#options.direction)) this.#records.set(record.id, record);
		for (const record of [...this.#records.values()]) if (record.state === 'active') await this.#update(record.id, { type: 'recover' });
		this.#notify();
		this.#loop.pump();
	}

	/** Stops running (the current transfer is aborted and requeued); `start` continues later. */
	stop(): void {
		this.#loop.stop();
		this.#current?.abort();
	}

	/** Adds a transfer unless one with its id exists that is not `failed`; returns the stored record. */
	async add(record: TransferRecord): Promise<TransferRecord> {
		const existing = this.#records.get(record.id) ?? (await this.#options.repo.get(record.id));
		if (existing && existing.state !== 'failed') {
			this.#records.set(existing.id, existing);
			return existing;
		}
		await this.#options.repo.put(record);
		this.#records.set(record.id, record);
		this.#notify();
		this.#loop.pump();
		return record;
	}

	/** The user asked to try again (a failed, blocked or waiting transfer). */
	async retry(id: string): Promise<void> {
		await this.#update(id, { type: 'retry' });
		this.#loop.pump();
	}

	/** Something changed for the better (back online, signed in): every waiting or blocked transfer is due now. */
	async kick(): Promise<void> {
		for (const record of [...this.#records.values()]) {
			if (record.state === 'waiting' || record.state === 'blocked') await this.#update(record.id, { type: 'retry' });
		}
		this.#loop.pump();
	}

	/**
	 * Forgets a transfer (storage included): a running one is aborted first and its run awaited,
	 * so no late progress write brings the row back. Resolves with the record as it was (its tus
	 * URL tells the caller what to terminate on the server), or null when there was none.
	 */
	async cancel(id: string): Promise<TransferRecord | null> {
		const record = this.#records.get(id) ?? (await this.#options.repo.get(id));
		if (!record) return null;
		this.#records.delete(id);
		this.#unsaved.delete(id);
		if (this.#currentId === id) {
			this.#current?.abort();
			await this.#currentRun;
		}
		await this.#options.repo.delete(id);
		this.#notify();
		return record;
	}

	/** Forgets finished transfers (storage included). */
	async clearDone(): Promise<void> {
		for (const record of [...this.#records.values()]) {
			if (record.state !== 'done') continue;
			await this.#options.repo.delete(record.id);
			this.#records.delete(record.id);
		}
		this.#notify();
	}

	get records(): readonly TransferRecord[] {
		return [...this.#records.values()];
	}

	/** Calls `listener` with every record after each change; returns the unsubscribe function. */
	subscribe(listener: (records: readonly TransferRecord[]) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Resolves when no transfer is running or due now (tests, shutdown). */
	settled(): Promise<void> {
		return this.#loop.settled();
	}

	async #run(record: TransferRecord): Promise<void> {
		const controller = new AbortController();
		this.#current = controller;
		await this.#update(record.id, { type: 'start' });
		const context: RunContext = {
			signal: controller.signal,
			progress: (bytesSent, persist = false) => this.#update(record.id, { type: 'progress', bytesSent }, persist),
			setUrl: (tusUrl) => this.#update(record.id, { type: 'url', tusUrl })
		};
		let failure: Failure | null = null;
		try {
			// Stopped while the start was being written: do not begin.
			if (!controller.signal.aborted) failure = await this.#options.perform(this.#records.get(record.id) ?? record, context);
		} catch {
			failure = { kind: 'transient', code: 'bad-response' };
		}
		this.#current = null;
		if (controller.signal.aborted) await this.#update(record.id, { type: 'recover' });
		else await this.#update(record.id, failure ? { type: 'fail', failure } : { type: 'succeed' });
	}

	/** Applies an event; `persist` false keeps the change in memory only until the next persisted one. */
	async #update(id: string, event: TransferEvent, persist = true): Promise<void> {
		const record = this.#records.get(id);
		if (!record) return;
		const next = transition(record, event, { now: this.#clock.now(), backoff: this.#options.backoff });
		const changed = next !== record;
		const wasUnsaved = this.#unsaved.has(id);
		if (changed) this.#records.set(id, next);
		if (!persist) {
			if (changed) this.#unsaved.add(id);
		} else if (changed || wasUnsaved) {
			this.#unsaved.delete(id);
			await this.#options.repo.put(next);
		}
		if (changed || (persist && wasUnsaved)) this.#notify();
	}

	#notify(): void {
		const records = this.records;
		for (const listener of this.#listeners) listener(records);
	}
}
