/**
 * The outbox table: frozen orders the applicant sent, one row per order id, kept on the device
 * until the server has them (the sending loop reads and updates these rows). Rows are parsed on
 * every read: an unreadable row is skipped, never trusted.
 */
import { z } from 'zod/mini';
import type { BeianDb } from './db.ts';

export const OUTBOX_VERSION = 1;

export const OutboxRowSchema = z.object({
	version: z.literal(OUTBOX_VERSION),
	orderId: z.string().check(z.minLength(1), z.maxLength(64)),
	subjectId: z.string().check(z.minLength(1), z.maxLength(64)),
	/** The frozen Order as sent (parsed with the domain's migrateOrder by whoever reads it). */
	order: z.unknown(),
	/** When "send" was pressed (ms since the epoch). */
	queuedAt: z.number(),
	/** The account signed in when it was queued: only that account sends it (another one on this device waits). Absent in rows of earlier versions. */
	accountId: z.optional(z.string().check(z.minLength(1), z.maxLength(64)))
});

export type OutboxRow = z.infer<typeof OutboxRowSchema>;

function parse(row: unknown): OutboxRow | null {
	const parsed = OutboxRowSchema.safeParse(row);
	return parsed.success ? parsed.data : null;
}

/** Puts a row (replacing the one of the same order id). */
export async function putOutboxRow(db: BeianDb, row: OutboxRow): Promise<void> {
	await db.outbox.put(OutboxRowSchema.parse(row));
}

export async function outboxRow(db: BeianDb, orderId: string): Promise<OutboxRow | null> {
	return parse(await db.outbox.get(orderId));
}

/** Every readable row on this device, oldest first (the account switcher counts what waits for whom). */
export async function allOutboxRows(db: BeianDb): Promise<OutboxRow[]> {
	const rows = await db.outbox.orderBy('queuedAt').toArray();
	return rows.map(parse).filter((row): row is OutboxRow => row !== null);
}

/** Every readable row of a subject, oldest first. */
export async function outboxRows(db: BeianDb, subjectId: string): Promise<OutboxRow[]> {
	const rows = await db.outbox.where('subjectId').equals(subjectId).sortBy('queuedAt');
	return rows.map(parse).filter((row): row is OutboxRow => row !== null);
}
