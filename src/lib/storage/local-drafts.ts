/**
 * Drafts kept only on this device (Dexie v7 table `localDrafts`): account requests (claim,
 * legacy import, e-mail initialization — the account may have no subject, so they have no
 * workspace), and the change and cancel forms started from the approved record until they are
 * sent. One row per draft; the data is parsed by its owner (the domain schema of its kind) on
 * every read, and a row that does not parse as a draft at all is skipped, never trusted.
 * A legacy import's password is never part of a row.
 */
import { z } from 'zod/mini';
import type { BeianDb } from './db.ts';

export const LOCAL_DRAFT_VERSION = 1;

export const LOCAL_DRAFT_KINDS = [
	'claim',
	'legacy-import',
	'email-initialization',
	'change-subject',
	'change-website',
	'change-access',
	'cancel-subject',
	'cancel-website',
	'cancel-access'
] as const;
export type LocalDraftKind = (typeof LOCAL_DRAFT_KINDS)[number];

export const LocalDraftRowSchema = z.object({
	version: z.literal(LOCAL_DRAFT_VERSION),
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	kind: z.enum(LOCAL_DRAFT_KINDS),
	/** The account the draft belongs to on this device ('' before sign-in). */
	accountId: z.string().check(z.maxLength(64)),
	/** The form's values (parsed by the caller). */
	data: z.unknown(),
	createdAt: z.number(),
	updatedAt: z.number()
});

export type LocalDraftRow = z.infer<typeof LocalDraftRowSchema>;

function parse(row: unknown): LocalDraftRow | null {
	const parsed = LocalDraftRowSchema.safeParse(row);
	return parsed.success ? parsed.data : null;
}

/** Refuses a `password` key anywhere in the data (the import's password is never stored). */
function withoutPassword(data: unknown): unknown {
	if (Array.isArray(data)) return data.map(withoutPassword);
	if (typeof data !== 'object' || data === null) return data;
	return Object.fromEntries(Object.entries(data).filter(([key]) => key.toLowerCase() !== 'password').map(([k, v]) => [k, withoutPassword(v)]));
}

export async function putLocalDraft(db: BeianDb, row: LocalDraftRow): Promise<void> {
	await db.localDrafts.put(LocalDraftRowSchema.parse({ ...row, data: withoutPassword(row.data) }));
}

export async function localDraft(db: BeianDb, id: string): Promise<LocalDraftRow | null> {
	return parse(await db.localDrafts.get(id));
}

/** Every readable draft of an account, newest first. */
export async function localDrafts(db: BeianDb, accountId: string): Promise<LocalDraftRow[]> {
	const rows = await db.localDrafts.where('accountId').equals(accountId).toArray();
	return rows.map(parse).filter((r): r is LocalDraftRow => r !== null).sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function deleteLocalDraft(db: BeianDb, id: string): Promise<void> {
	await db.localDrafts.delete(id);
}
