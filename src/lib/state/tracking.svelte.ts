/**
 * The orders after "send", for one subject: the outbox sender (started once per open workspace
 * that syncs; it goes on while the app is open and resumes from IndexedDB on the next start),
 * each outbox entry as a rune, and the applicant's lifecycle moves. What the server has
 * accepted is read from the facts doc (`FactsState.orders`), so the timeline shows offline too.
 *
 * The sender is kicked when the browser says online, when the sync connection reaches the
 * server again (a stopped server coming back: `navigator.onLine` never changed), and it looks
 * at the uploads again every few seconds while an order waits for them.
 */
import type { OrderEventType } from '../domain/lifecycle/order-state.ts';
import type { BeianDb } from '../storage/db.ts';
import { createOutboxRepo, type OutboxEntry, type OutboxRepo } from '../storage/outbox-entries.ts';
import { createTransferRepo } from '../storage/transfers.ts';
import { fetchApproved, sendOrderEvent } from '../sync/orders-api.ts';
import { documentHashesOf, OutboxSender, type UploadReadiness } from '../sync/outbox/outbox-sender.ts';
import { transferId } from '../sync/transfers/transfer-state.ts';
import type { SyncStatus } from '../sync/workspace-sync.ts';
import type { ApiResult } from '../sync/api.ts';
import type { OrderSummary } from '../domain/workspace/facts-layout.ts';
import type { ApprovedRecordData } from '../domain/operation/approved-record.ts';
import { readApprovedFacts, readOrderFacts, type TrackedOrder } from '../sync/facts-orders.ts';
import { logBackground, type WatchBackground } from './errors.svelte.ts';
import type { FactsState } from './facts.svelte.ts';
import type { Order } from '../domain/order/order.ts';
import { createOutbox } from './outbox.ts';

/** How often held orders look at their uploads again, ms. */
const UPLOAD_RECHECK_MS = 3000;

export interface TrackingOptions {
	db: BeianDb;
	subjectId: string;
	/** The workspace's sync status (a rune getter): reaching the server again kicks the sender. */
	syncStatus: () => SyncStatus;
	/** The subject's facts doc (a rune getter), once open. */
	facts: () => FactsState | null;
	/** The signed-in account: it sends its own entries of this subject (and earlier rows that name no account), never another account's. */
	accountId?: string | null;
	watch?: WatchBackground;
}

export class TrackingState {
	readonly subjectId: string;
	#sender: OutboxSender;
	#entries = $state<readonly OutboxEntry[]>([]);
	/** The approved record as the API last answered (until the facts doc has it on this device). */
	#fetchedApproved = $state<ApprovedRecordData | null>(null);
	#watch: WatchBackground;
	#stop: (() => void)[] = [];
	#syncStatus: () => SyncStatus;
	#facts: () => FactsState | null;
	#db: BeianDb;
	#accountId: string | null;

	constructor(options: TrackingOptions) {
		this.#db = options.db;
		this.#facts = options.facts;
		this.subjectId = options.subjectId;
		this.#watch = options.watch ?? logBackground;
		this.#syncStatus = options.syncStatus;
		this.#accountId = options.accountId ?? null;
		const transfers = createTransferRepo(options.db);
		this.#sender = new OutboxSender({
			repo: ownEntries(createOutboxRepo(options.db.outbox), options.subjectId, this.#accountId),
			uploads: (entry) => uploadReadiness(entry, (id) => transfers.get(id))
		});
	}

	async start(): Promise<void> {
		this.#stop.push(this.#sender.subscribe((entries) => (this.#entries = entries)));
		await this.#sender.start();
		this.#watch(this.loadApproved(), 'tracking.approved');
		const kick = () => {
			this.#watch(this.#sender.kick(), 'outbox.kick');
			this.#watch(this.loadApproved(), 'tracking.approved');
		};
		window.addEventListener('online', kick);
		this.#stop.push(() => window.removeEventListener('online', kick));
		const timer = setInterval(() => {
			if (this.#entries.some((e) => e.hold !== null)) this.#watch(this.#sender.reload(), 'outbox.recheck');
		}, UPLOAD_RECHECK_MS);
		this.#stop.push(() => clearInterval(timer));
		let wasReachable = false;
		this.#stop.push(
			$effect.root(() => {
				$effect(() => {
					const reachable = this.#syncStatus() !== 'offline' && this.#syncStatus() !== 'connecting';
					if (reachable && !wasReachable) kick();
					wasReachable = reachable;
				});
			})
		);
	}

	/** The orders the server has (from the facts doc, kept on this device), newest first. */
	get orders(): readonly TrackedOrder[] {
		return this.#facts()?.read(readOrderFacts) ?? [];
	}

	/** What the server has of one order, or null (not accepted yet, or facts not synced). */
	order(orderId: string): TrackedOrder | null {
		return this.orders.find((o) => o.summary.id === orderId) ?? null;
	}

	/** The subject's approved record, once the server has one (null before, or facts not synced). */
	get approved(): ApprovedRecordData | null {
		return this.#facts()?.read(readApprovedFacts) ?? this.#fetchedApproved;
	}

	/** Asks the server for the approved record (it then also publishes it into the facts doc). */
	async loadApproved(): Promise<void> {
		const result = await fetchApproved(this.subjectId);
		if (result.ok) this.#fetchedApproved = result.value;
	}

	/**
	 * Freezes an order into the outbox (`queueOrder`) and lets the sender see it at once.
	 * Throws when it is not an order (the forms check it with the domain first).
	 */
	async queue(order: unknown): Promise<void> {
		await createOutbox(this.#db).queueOrder(order as Order, this.#accountId);
		await this.#sender.reload();
	}

	/** Reads the outbox again (after `queueOrder`). */
	refresh(): Promise<void> {
		return this.#sender.reload();
	}

	/** The outbox entry of an order on this device, or null (sent from elsewhere, or never sent). */
	entry(orderId: string): OutboxEntry | null {
		return this.#entries.find((e) => e.orderId === orderId) ?? null;
	}

	get entries(): readonly OutboxEntry[] {
		return this.#entries;
	}

	/** Sends the entry again now (after the applicant fixed what a refusal named). */
	retry(orderId: string): Promise<void> {
		return this.#sender.retry(orderId);
	}

	/** One of the applicant's lifecycle moves, on the server (needs the network). */
	move(orderId: string, type: Extract<OrderEventType, 'withdraw' | 'abandon' | 'reopen' | 'edit'>): Promise<ApiResult<OrderSummary>> {
		return sendOrderEvent(this.subjectId, orderId, type);
	}

	close(): void {
		this.#sender.stop();
		for (const stop of this.#stop.splice(0)) stop();
	}
}

/** Whether an outbox entry is this account's to send: its subject, and queued by it (or by a version that did not record the account). */
export function isOwnEntry(entry: { subjectId: string; accountId?: string | undefined }, subjectId: string, accountId: string | null): boolean {
	return entry.subjectId === subjectId && (entry.accountId === undefined || entry.accountId === accountId);
}

/** The outbox as one account's sender sees it: another subject's or another account's entries wait for their own account. */
export function ownEntries(repo: OutboxRepo, subjectId: string, accountId: string | null): OutboxRepo {
	return {
		get: async (id) => {
			const entry = await repo.get(id);
			return entry && isOwnEntry(entry, subjectId, accountId) ? entry : null;
		},
		put: (entry) => repo.put(entry),
		list: async () => (await repo.list()).filter((entry) => isOwnEntry(entry, subjectId, accountId)),
		delete: (id) => repo.delete(id)
	};
}

/** Whether every document of the entry's order is uploaded: no transfer here counts as done elsewhere. */
export async function uploadReadiness(entry: OutboxEntry, transfer: (id: string) => Promise<{ state: string } | null>): Promise<UploadReadiness> {
	let pending = false;
	for (const sha256 of documentHashesOf(entry.order)) {
		const record = await transfer(transferId('upload', entry.subjectId, sha256));
		if (!record || record.state === 'done') continue;
		if (record.state === 'failed') return 'failed';
		pending = true;
	}
	return pending ? 'pending' : 'ready';
}
