/**
 * The durable outbox's interface: "send" hands a frozen Order to `queueOrder`, which keeps it in
 * IndexedDB (Dexie v5 table `outbox`) so it survives a closed app. The sending loop (PUT to the
 * server once online and the order's uploads have finished) and the status shown after it are
 * built on top of this by the outbox owner; this module only stores and reads queued orders.
 */
import { migrateOrder, type Order } from '../domain/order/order.ts';
import type { BeianDb } from '../storage/db.ts';
import { OUTBOX_VERSION, outboxRow, outboxRows, putOutboxRow } from '../storage/outbox.ts';

export interface QueuedOrder {
	readonly order: Order;
	/** When "send" was pressed (ms since the epoch). */
	readonly queuedAt: number;
}

/**
 * Puts a frozen order in the outbox (again: the same order id replaces its earlier row).
 * `accountId` is the account signed in: only it sends the order (another account on this device waits).
 */
export type QueueOrder = (order: Order, accountId?: string | null) => Promise<QueuedOrder>;

export interface Outbox {
	readonly queueOrder: QueueOrder;
	/** The queued order with `orderId`, or null. */
	queued(orderId: string): Promise<QueuedOrder | null>;
	/** Every queued order of a subject, oldest first. */
	queuedFor(subjectId: string): Promise<QueuedOrder[]>;
}

/** The device clock as an ISO date-time (acknowledgments, the order's freeze). */
export function nowIso(): string {
	return new Date().toISOString();
}

function readable(row: { order: unknown; queuedAt: number } | null): QueuedOrder | null {
	if (!row) return null;
	const parsed = migrateOrder(row.order);
	return parsed.ok ? { order: parsed.value, queuedAt: row.queuedAt } : null;
}

/** The outbox over the app database; `now` is the clock (tests pass their own). */
export function createOutbox(db: BeianDb, now: () => number = Date.now): Outbox {
	return {
		async queueOrder(order, accountId) {
			const parsed = migrateOrder(order);
			if (!parsed.ok) throw new Error(`not an order: ${parsed.issues.map((i) => `${i.rule} ${i.path.join('.')}`).join(', ')}`);
			// Frozen: a structured copy, so later edits of the draft never reach what was sent.
			const frozen = Object.freeze(structuredClone(parsed.value));
			const queuedAt = now();
			await putOutboxRow(db, { version: OUTBOX_VERSION, orderId: frozen.id, subjectId: frozen.subject.id, order: frozen, queuedAt, ...(accountId ? { accountId } : {}) });
			return { order: frozen, queuedAt };
		},
		async queued(orderId) {
			return readable(await outboxRow(db, orderId));
		},
		async queuedFor(subjectId) {
			return (await outboxRows(db, subjectId)).map(readable).filter((q): q is QueuedOrder => q !== null);
		}
	};
}
