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

	/** Starts a draft on this device and writes it at once. */
	static async create<T extends object>(options: { db: BeianDb; kind: LocalDraftKind; accountId: string; values: T; id?: string }): Promise<LocalDraft<T>> {
		const draft = new LocalDraft(options.db, { id: options.id ?? crypto.randomUUID(), kind: options.kind, accountId: options.accountId, createdAt: Date.now() }, options.values);
		await draft.save();
		return draft;
	}

	/** Opens the draft `id`, its values parsed with `schema`; null when it is gone or unreadable. */
	static async load<T extends object>(options: { db: BeianDb; id: string; schema: z.ZodMiniType<T> }): Promise<LocalDraft<T> | null> {
		const row = await localDraft(options.db, options.id);
		if (!row) return null;
		const parsed = options.schema.safeParse(row.data);
		return parsed.success ? new LocalDraft(options.db, row, parsed.data) : null;
	}

	/** The account that made the draft ('' when made signed out). */
	get accountId(): string {
		return this.#accountId;
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
