/**
 * The inbox kept on this device, per account (Dexie v8 tables `inboxEntries` and `inboxSyncs`;
 * NOTE-3): the last list the server gave, so `/inbox` reloads and shows offline, and the read
 * marks made here before the server has them (`pendingRead`). Every row is parsed at this
 * boundary with the wire's schema; a row that does not parse is skipped, never trusted.
 * `inboxSyncs` says when an account's list was last fetched: a device that has never fetched
 * it treats nothing as new (no notification replay on a first start, NOTE-4).
 */
import { z } from 'zod/mini';
import { InboxItemViewSchema, type InboxItemView } from '../domain/account-request/account-request-wire.ts';
import type { BeianDb } from './db.ts';

export const INBOX_ROW_VERSION = 1;

export const InboxEntryRowSchema = z.object({
	version: z.literal(INBOX_ROW_VERSION),
	/** `<accountId>/<item id>`: one account's entries never replace another's. */
	key: z.string(),
	accountId: z.string().check(z.minLength(1), z.maxLength(64)),
	item: InboxItemViewSchema,
	/** Marked read on this device, not yet confirmed by the server. */
	pendingRead: z.boolean()
});
export type InboxEntryRow = z.infer<typeof InboxEntryRowSchema>;

export const InboxSyncRowSchema = z.object({ version: z.literal(INBOX_ROW_VERSION), accountId: z.string(), syncedAt: z.number() });
export type InboxSyncRow = z.infer<typeof InboxSyncRowSchema>;

/** An entry as the app shows it: read when the server or this device says so. */
export interface CachedInboxEntry extends InboxItemView {
	readonly pendingRead: boolean;
}

const keyOf = (accountId: string, id: string) => `${accountId}/${id}`;

function parseRow(row: unknown): InboxEntryRow | null {
	const parsed = InboxEntryRowSchema.safeParse(row);
	return parsed.success ? parsed.data : null;
}

/** The account's cached entries, newest first, and when the list was last fetched (null: never on this device). */
export async function cachedInbox(db: BeianDb, accountId: string): Promise<{ entries: CachedInboxEntry[]; syncedAt: number | null }> {
	const rows = (await db.inboxEntries.where('accountId').equals(accountId).toArray()).map(parseRow).filter((r): r is InboxEntryRow => r !== null);
	const sync = InboxSyncRowSchema.safeParse(await db.inboxSyncs.get(accountId));
	const entries = rows.map((r) => ({ ...r.item, pendingRead: r.pendingRead && r.item.readAt === null })).sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
	return { entries, syncedAt: sync.success ? sync.data.syncedAt : null };
}

/**
 * Replaces the account's cached list with the server's, in one transaction. A local read mark
 * stays pending until the server's entry is read too.
 */
export async function storeInbox(db: BeianDb, accountId: string, items: readonly InboxItemView[], syncedAt: number): Promise<void> {
	await db.transaction('rw', db.inboxEntries, db.inboxSyncs, async () => {
		const before = new Map((await db.inboxEntries.where('accountId').equals(accountId).toArray()).map(parseRow).filter((r): r is InboxEntryRow => r !== null).map((r) => [r.item.id, r]));
		await db.inboxEntries.where('accountId').equals(accountId).delete();
		await db.inboxEntries.bulkPut(
			items.map((item) => InboxEntryRowSchema.parse({ version: INBOX_ROW_VERSION, key: keyOf(accountId, item.id), accountId, item, pendingRead: item.readAt === null && (before.get(item.id)?.pendingRead ?? false) }))
		);
		await db.inboxSyncs.put(InboxSyncRowSchema.parse({ version: INBOX_ROW_VERSION, accountId, syncedAt }));
	});
}

/** Marks entries read on this device (shown read at once, sent when the server answers). */
export async function markReadLocally(db: BeianDb, accountId: string, ids: readonly string[]): Promise<void> {
	await db.transaction('rw', db.inboxEntries, async () => {
		for (const id of ids) await db.inboxEntries.update(keyOf(accountId, id), { pendingRead: true });
	});
}

/** The ids marked read here that the server does not know as read yet. */
export async function pendingReads(db: BeianDb, accountId: string): Promise<string[]> {
	return (await cachedInbox(db, accountId)).entries.filter((e) => e.pendingRead).map((e) => e.id);
}
