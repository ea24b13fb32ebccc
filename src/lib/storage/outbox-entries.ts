/**
 * Outbox rows as the sender reads and writes them: the frozen order `queueOrder` stored, plus
 * where its sending stands. A row written before the sender touched it (only the order and
 * when it was queued) reads as `queued`, due now. Rows are parsed on every read; one that does
 * not parse is skipped, never trusted. The order itself is parsed again (migrateOrder) before
 * it is sent.
 */
import { z } from 'zod/mini';

export const OUTBOX_STATES = ['queued', 'sending', 'waiting', 'blocked', 'refused', 'sent'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

const count = () => z.number().check(z.int(), z.gte(0));

/**
 * The row of `outbox.ts` (written by `queueOrder`: version, orderId, subjectId, order, queuedAt)
 * and the sending state this module adds to it. Keep the first five and `accountId` in step with `OutboxRowSchema`.
 */
export const OutboxEntrySchema = z.object({
	version: z.literal(1),
	/** The order id (generated on the device; the PUT is idempotent on it). */
	orderId: z.string().check(z.minLength(1), z.maxLength(64)),
	subjectId: z.string().check(z.minLength(1), z.maxLength(64)),
	/** The frozen order as queued (unknown here: parsed with the domain's `migrateOrder` before use). */
	order: z.unknown(),
	queuedAt: z.number(),
	/** The account that queued it (absent in rows of earlier versions: any account of the subject sends it). */
	accountId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
	state: z._default(z.enum(OUTBOX_STATES), 'queued'),
	attempts: z._default(count(), 0),
	nextAttemptAt: z.optional(z.number()),
	/** Kebab-case code of the last failure (localised through the error funnel). */
	lastError: z._default(z.nullable(z.string().check(z.maxLength(64))), null),
	/** The server's `details` of that failure (issues with rule IDs, missing hashes). */
	lastDetails: z._default(z.unknown(), null),
	/** Why a due entry waits without a failure: its uploads are unfinished or failed. */
	hold: z._default(z.nullable(z.enum(['uploads-pending', 'upload-failed'])), null),
	sentAt: z._default(z.nullable(z.number()), null),
	updatedAt: z.optional(z.number())
});

export type OutboxEntry = Omit<z.output<typeof OutboxEntrySchema>, 'nextAttemptAt' | 'updatedAt'> & { nextAttemptAt: number; updatedAt: number };

/** A stored row, parsed with its defaults filled; null when absent or unreadable. */
export function parseOutboxEntry(row: unknown): OutboxEntry | null {
	const parsed = OutboxEntrySchema.safeParse(row);
	if (!parsed.success) return null;
	const value = parsed.data;
	return { ...value, nextAttemptAt: value.nextAttemptAt ?? value.queuedAt, updatedAt: value.updatedAt ?? value.queuedAt };
}

/** What the sender needs from storage. */
export interface OutboxRepo {
	get(id: string): Promise<OutboxEntry | null>;
	put(entry: OutboxEntry): Promise<void>;
	list(): Promise<OutboxEntry[]>;
	delete(id: string): Promise<void>;
}

/** The outbox repo over any Dexie-like table of rows keyed by `orderId` (the app's `db.outbox`). */
export function createOutboxRepo(table: {
	get(id: string): Promise<unknown>;
	put(row: never): Promise<unknown>;
	toArray(): Promise<unknown[]>;
	delete(id: string): Promise<unknown>;
}): OutboxRepo {
	return {
		async get(id) {
			return parseOutboxEntry(await table.get(id));
		},
		async put(entry) {
			const row = OutboxEntrySchema.parse(entry);
			await table.put(row as never);
		},
		async list() {
			const rows = await table.toArray();
			return rows.map(parseOutboxEntry).filter((row): row is OutboxEntry => row !== null);
		},
		async delete(id) {
			await table.delete(id);
		}
	};
}
