/**
 * A form whose draft is kept only on this device (account requests; change and cancel forms
 * until sent): its values as a rune, read from IndexedDB when opened (parsed with the form's own
 * zod schema — an unreadable draft starts from the defaults, never from untrusted data), and
 * written on every change, so a reload or a closed app loses nothing.
 */
import type { z } from 'zod/mini';
import type { BeianDb } from '../storage/db.ts';
import { deleteLocalDraft, localDraft, localDrafts, putLocalDraft, LOCAL_DRAFT_VERSION, type LocalDraftKind } from '../storage/local-drafts.ts';

export class LocalDraft<T extends object> {
	readonly id: string;
	readonly kind: LocalDraftKind;
	values: T = $state() as T;
	#db: BeianDb;
	#accountId: string;
	#createdAt: number;
	#saving: Promise<void> = Promise.resolve();

	private constructor(db: BeianDb, row: { id: string; kind: LocalDraftKind; accountId: string; createdAt: number }, values: T) {
		this.#db = db;
		this.id = row.id;
		this.kind = row.kind;
		this.#accountId = row.accountId;
		this.#createdAt = row.createdAt;
		this.values = values;
	}

	/** Opens the draft `id` (or starts it from `defaults`), its values parsed with `schema`. */
	static async open<T extends object>(options: { db: BeianDb; id: string; kind: LocalDraftKind; accountId: string; schema: z.ZodMiniType<T>; defaults: () => T }): Promise<LocalDraft<T>> {
		const row = await localDraft(options.db, options.id);
		const parsed = row && row.kind === options.kind ? options.schema.safeParse(row.data) : null;
		const values = parsed?.success ? parsed.data : options.defaults();
		return new LocalDraft(options.db, { id: options.id, kind: options.kind, accountId: options.accountId, createdAt: row?.createdAt ?? Date.now() }, values);
	}

	/** Writes the current values (queued after any write in progress, so the last one wins). */
	save(): Promise<void> {
		const data = $state.snapshot(this.values);
		this.#saving = this.#saving.then(() =>
			putLocalDraft(this.#db, { version: LOCAL_DRAFT_VERSION, id: this.id, kind: this.kind, accountId: this.#accountId, data, createdAt: this.#createdAt, updatedAt: Date.now() })
		);
		return this.#saving;
	}

	/** Forgets the draft (sent, or thrown away). */
	async discard(): Promise<void> {
		await this.#saving;
		await deleteLocalDraft(this.#db, this.id);
	}
}

/** The drafts of an account on this device, newest first (for the lists). */
export async function listLocalDrafts(db: BeianDb, accountId: string): Promise<{ id: string; kind: LocalDraftKind; updatedAt: number }[]> {
	return (await localDrafts(db, accountId)).map((r) => ({ id: r.id, kind: r.kind, updatedAt: r.updatedAt }));
}

/** A new draft id (random, URL-safe). */
export function newDraftId(): string {
	return crypto.randomUUID();
}
