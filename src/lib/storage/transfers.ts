/**
 * The transfer queue table: one row per upload or download of a document's bytes, so the
 * queues survive reloads. An upload keeps its tus URL here (not in localStorage), so after a
 * reload it resumes from the server's offset instead of starting again.
 *
 * Rows are parsed on every read; a row that does not parse is skipped (and reported by
 * `list` as `unreadable`), never trusted.
 */
import { z } from 'zod/mini';
import type { BeianDb } from './db.ts';

export const TRANSFER_VERSION = 1;

export const TRANSFER_DIRECTIONS = ['upload', 'download'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

/**
 * - `queued`: due to run at `nextAttemptAt`;
 * - `active`: running now (a row left `active` by a closed tab is queued again on start);
 * - `waiting`: failed for a reason that may pass (offline, server busy); retried at `nextAttemptAt`;
 * - `blocked`: needs the user to sign in again; retried when the app says so;
 * - `failed`: refused for good (e.g. not an image, hash mismatch); needs the user;
 * - `done`.
 */
export const TRANSFER_STATES = ['queued', 'active', 'waiting', 'blocked', 'failed', 'done'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

const count = () => z.number().check(z.int(), z.gte(0));

export const TransferRecordSchema = z.object({
	version: z.literal(TRANSFER_VERSION),
	/** `<direction>:<subjectId>:<sha256>` */
	id: z.string().check(z.minLength(1), z.maxLength(200)),
	direction: z.enum(TRANSFER_DIRECTIONS),
	sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
	subjectId: z.string().check(z.minLength(1), z.maxLength(64)),
	/** Upload metadata: the DocumentRef kind and the original file name. */
	kind: z.nullable(z.string().check(z.maxLength(64))),
	filename: z.nullable(z.string().check(z.maxLength(255))),
	size: count(),
	state: z.enum(TRANSFER_STATES),
	/** Failed attempts since the last success or manual retry (drives the backoff). */
	attempts: count(),
	/** The tus upload URL once the server created the upload. */
	tusUrl: z.nullable(z.string().check(z.maxLength(2048))),
	bytesSent: count(),
	/** Kebab-case error code of the last failure (localised by the UI). */
	lastError: z.nullable(z.string().check(z.maxLength(64))),
	nextAttemptAt: z.number(),
	updatedAt: z.number()
});

export type TransferRecord = z.infer<typeof TransferRecordSchema>;

/** What the transfer queues need from storage (see `src/lib/sync/transfers`). */
export interface TransferRepo {
	get(id: string): Promise<TransferRecord | null>;
	put(record: TransferRecord): Promise<void>;
	/** Every readable row of a direction. */
	list(direction: TransferDirection): Promise<TransferRecord[]>;
	delete(id: string): Promise<void>;
}

/**
 * The transfer repo over the app database. With `subjectId`, `list` gives only that subject's
 * transfers: a workspace's queues then never run another workspace's rows — which may be
 * another account's on this device, whose session could not send them nor its vault open them.
 */
export function createTransferRepo(db: BeianDb, scope: { subjectId?: string } = {}): TransferRepo {
	return {
		async get(id) {
			return parseTransfer(await db.transfers.get(id));
		},
		async put(record) {
			await db.transfers.put(TransferRecordSchema.parse(record));
		},
		async list(direction) {
			const rows = await db.transfers.where('direction').equals(direction).toArray();
			return rows.map(parseTransfer).filter((row): row is TransferRecord => row !== null && (scope.subjectId === undefined || row.subjectId === scope.subjectId));
		},
		async delete(id) {
			await db.transfers.delete(id);
		}
	};
}

/** A stored row, parsed; null when absent or unreadable. */
export function parseTransfer(row: unknown): TransferRecord | null {
	const parsed = TransferRecordSchema.safeParse(row);
	return parsed.success ? parsed.data : null;
}
