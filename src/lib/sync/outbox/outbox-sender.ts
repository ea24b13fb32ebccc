/**
 * The outbox sender: sends each queued order with `PUT /api/subjects/:subjectId/orders/:orderId`
 * `{ order }` once the order's uploads have finished and the server answers, one at a time.
 * Entries live in IndexedDB (the outbox table), so closing the app loses nothing: `start` loads
 * them, puts an entry left `sending` back in the queue and goes on. A resend after a lost reply
 * is the same body, which the server answers 200 with the stored order (nothing twice).
 *
 * Failures: no answer, 429 or 5xx wait with backoff (and `Retry-After`); 401 waits for sign-in;
 * 409 `order-frozen` / `order-in-flight`, 422 `order-invalid` / `document-missing` / … stop the
 * entry with the server's code and details, which the order's pages show (localised by the
 * error funnel) until the applicant changes something and retries.
 */
import { z } from 'zod/mini';
import type { OutboxEntry, OutboxRepo } from '../../storage/outbox-entries.ts';
import { OrderResponseSchema } from '../../domain/order/order-wire.ts';
import { toFailure } from '../api.ts';
import type { BackoffOptions } from '../transfers/backoff.ts';
import { RetryLoop, SYSTEM_CLOCK, type RetryClock } from '../retry-loop.ts';
import { classifyOrderFailure, isOutboxDue, outboxTransition, type OutboxEvent, type OutboxFailure, type OutboxHold } from './outbox-state.ts';

/** Whether the order's documents are on the server: every upload done, some unfinished, or one failed. */
export type UploadReadiness = 'ready' | 'pending' | 'failed';

export type OutboxClock = RetryClock;

export interface OutboxSenderOptions {
	repo: OutboxRepo;
	/** Where the order's documents stand (the upload queue's records of their hashes). */
	uploads: (entry: OutboxEntry) => Promise<UploadReadiness> | UploadReadiness;
	fetch?: typeof globalThis.fetch;
	/** Origin of the server; '' for this page's origin. */
	serverUrl?: string;
	/** Extra request headers (Node tests pass the session cookie). */
	headers?: Record<string, string>;
	clock?: Partial<OutboxClock>;
	backoff?: BackoffOptions;
}


/** Orders referenced documents as `{ sha256 }` items; the hashes an entry waits for. */
export function documentHashesOf(order: unknown): string[] {
	const parsed = z.object({ documents: z.array(z.looseObject({ sha256: z.string() })) }).safeParse(order);
	return parsed.success ? [...new Set(parsed.data.documents.map((d) => d.sha256))] : [];
}

export class OutboxSender {
	#options: OutboxSenderOptions;
	#clock: OutboxClock;
	#entries = new Map<string, OutboxEntry>();
	#listeners = new Set<(entries: readonly OutboxEntry[]) => void>();
	#loop: RetryLoop<OutboxEntry>;

	constructor(options: OutboxSenderOptions) {
		this.#options = options;
		this.#clock = { ...SYSTEM_CLOCK, ...options.clock };
		this.#loop = new RetryLoop({
			clock: this.#clock,
			items: () => this.#entries.values(),
			idOf: (entry) => entry.orderId,
			isDue: isOutboxDue,
			// A held entry is looked at again when its uploads move (the owner reloads), not by the timer.
			isWaiting: (entry) => entry.hold === null && (entry.state === 'queued' || entry.state === 'waiting'),
			run: (entry) => this.#run(entry)
		});
	}

	/** Loads the outbox, requeues an entry a closed app left `sending`, and starts sending. */
	async start(): Promise<void> {
		if (this.#loop.started) return;
		this.#loop.start();
		await this.reload();
		for (const entry of [...this.#entries.values()]) if (entry.state === 'sending') await this.#update(entry.orderId, { type: 'recover' });
		this.#loop.pump();
	}

	stop(): void {
		this.#loop.stop();
	}

	/** Reads the outbox again (an order was queued by `queueOrder`, or by another tab). */
	async reload(): Promise<void> {
		const rows = await this.#options.repo.list();
		const ids = new Set(rows.map((r) => r.orderId));
		for (const row of rows) {
			const known = this.#entries.get(row.orderId);
			// What this sender is doing wins over an older row; a newer row (a requeued order) wins.
			if (!known || row.updatedAt > known.updatedAt || row.queuedAt > known.queuedAt) this.#entries.set(row.orderId, row);
		}
		for (const id of [...this.#entries.keys()]) if (!ids.has(id)) this.#entries.delete(id);
		this.#notify();
		this.#loop.pump();
	}

	/** Something changed for the better (online, signed in, server back, an upload finished): every waiting entry is due now. */
	async kick(): Promise<void> {
		for (const entry of [...this.#entries.values()]) {
			if (entry.state === 'waiting' || entry.state === 'blocked') await this.#update(entry.orderId, { type: 'retry' });
		}
		this.#loop.pump();
	}

	/** The applicant asked to try again (after fixing what a refusal named). */
	async retry(id: string): Promise<void> {
		await this.#update(id, { type: 'retry' });
		this.#loop.pump();
	}

	get entries(): readonly OutboxEntry[] {
		return [...this.#entries.values()];
	}

	entry(id: string): OutboxEntry | null {
		return this.#entries.get(id) ?? null;
	}

	subscribe(listener: (entries: readonly OutboxEntry[]) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Resolves when nothing runs or is due now (tests, shutdown). */
	settled(): Promise<void> {
		return this.#loop.settled();
	}

	async #run(entry: OutboxEntry): Promise<void> {
		const readiness = await this.#readiness(entry);
		if (readiness !== 'ready') {
			const hold: OutboxHold = readiness === 'failed' ? 'upload-failed' : 'uploads-pending';
			await this.#update(entry.orderId, { type: 'hold', hold });
			return;
		}
		await this.#update(entry.orderId, { type: 'start' });
		const outcome = await this.#send(this.#entries.get(entry.orderId) ?? entry);
		await this.#update(entry.orderId, outcome ? { type: 'fail', failure: outcome } : { type: 'accepted' });
	}

	async #readiness(entry: OutboxEntry): Promise<UploadReadiness> {
		try {
			return await this.#options.uploads(entry);
		} catch {
			return 'pending';
		}
	}

	async #send(entry: OutboxEntry): Promise<OutboxFailure | null> {
		const doFetch = this.#options.fetch ?? globalThis.fetch;
		const url = `${this.#options.serverUrl ?? ''}/api/subjects/${encodeURIComponent(entry.subjectId)}/orders/${encodeURIComponent(entry.orderId)}`;
		let response: Response;
		try {
			response = await doFetch(url, {
				method: 'PUT',
				credentials: 'same-origin',
				headers: { ...this.#options.headers, 'content-type': 'application/json' },
				body: JSON.stringify({ order: entry.order })
			});
		} catch {
			return classifyOrderFailure(0, 'offline');
		}
		const json: unknown = await response.json().catch(() => undefined);
		if (!response.ok) {
			const failure = toFailure(response, json);
			return classifyOrderFailure(response.status, failure.unknownCode ?? failure.error, failure.details, failure.retryAfterSeconds);
		}
		const accepted = OrderResponseSchema.safeParse(json);
		// An answer we cannot read: the PUT is idempotent, so asking again is safe.
		if (!accepted.success || accepted.data.order.id !== entry.orderId) return { kind: 'transient', code: 'bad-response' };
		return null;
	}

	async #update(id: string, event: OutboxEvent): Promise<void> {
		const entry = this.#entries.get(id);
		if (!entry) return;
		const next = outboxTransition(entry, event, { now: this.#clock.now(), backoff: this.#options.backoff });
		if (next === entry) return;
		this.#entries.set(id, next);
		await this.#options.repo.put(next);
		this.#notify();
	}

	#notify(): void {
		const entries = this.entries;
		for (const listener of this.#listeners) listener(entries);
	}
}
