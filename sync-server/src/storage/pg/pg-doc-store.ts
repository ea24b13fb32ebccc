/**
 * DocStore on PostgreSQL: the Yjs update log of every room in `doc_updates`, numbered per room
 * by the counter row `doc_rooms.last_seq` (`pg-schema.ts`).
 *
 * Appends: one statement raises the room's counter by the number of updates and inserts them
 * with the seqs below it. The counter row stays locked until that statement commits, so the
 * appends of one room — from this node or any other — commit in seq order with no gap and no
 * repeat (a PostgreSQL sequence would leave gaps on rollback and could commit out of order).
 * Appends of one room queued while one is in flight go together in the next statement (group
 * commit per room); rooms commit in parallel on the pool. Each append's promise resolves only
 * after the commit that holds it, so the room sends `MESSAGE_PERSISTED` only for committed
 * updates (the same contract as the SQLite worker store). With `synchronous_commit` off a commit
 * could be lost after it returned; `open` refuses such a server.
 *
 * Compaction may run on any node: under a per-room advisory lock it reads the committed rows
 * through `throughSeq`, merges them into one snapshot itself and replaces them by it — never
 * trusting one node's in-memory document, which may lack another node's updates. The caller's
 * snapshot is therefore not used. Two nodes compacting at once: the second finds one row and
 * leaves it.
 */
import type pg from 'pg';
import * as Y from 'yjs';
import type { DocStore, StoredUpdates } from '../doc-store.ts';
import type { SeqLog } from '../../sync/room-bus.ts';
import { migratePgComponent } from './pg-schema.ts';

const APPEND = `
WITH counter AS (
	INSERT INTO doc_rooms (room, last_seq) VALUES ($1, $2::bigint)
	ON CONFLICT (room) DO UPDATE SET last_seq = doc_rooms.last_seq + excluded.last_seq
	RETURNING last_seq
), stored AS (
	INSERT INTO doc_updates (room, seq, data)
	SELECT $1, counter.last_seq - $2::bigint + u.ord, u.data FROM counter, unnest($3::bytea[]) WITH ORDINALITY AS u (data, ord)
)
SELECT last_seq FROM counter`;

/** The same for one update, the usual batch: a `bytea` parameter goes in binary, where an array of them is sent as hex text. */
const APPEND_ONE = `
WITH counter AS (
	INSERT INTO doc_rooms (room, last_seq) VALUES ($1, 1)
	ON CONFLICT (room) DO UPDATE SET last_seq = doc_rooms.last_seq + 1
	RETURNING last_seq
), stored AS (
	INSERT INTO doc_updates (room, seq, data) SELECT $1, counter.last_seq, $2::bytea FROM counter
)
SELECT last_seq FROM counter`;

/** Named, so each pooled connection parses and plans the statement once, not at every append. */
function appendStatement(room: string, updates: Buffer[]): pg.QueryConfig {
	return updates.length === 1
		? { name: 'beian_append_one', text: APPEND_ONE, values: [room, updates[0]] }
		: { name: 'beian_append', text: APPEND, values: [room, updates.length, updates] };
}

interface QueuedAppend {
	updates: Buffer[];
	resolve: (lastSeq: number) => void;
	reject: (error: unknown) => void;
}

export class PgDocStore implements DocStore, SeqLog {
	readonly #pool: pg.Pool;
	/** Per room: appends waiting for the statement in flight to commit. */
	#queues = new Map<string, QueuedAppend[]>();
	#inFlight = new Set<Promise<void>>();
	#closed = false;

	private constructor(pool: pg.Pool) {
		this.#pool = pool;
	}

	/** Migrates the update log's tables and checks commits are durable; the pool stays the caller's. */
	static async open(pool: pg.Pool): Promise<PgDocStore> {
		const mode = String((await pool.query('SHOW synchronous_commit')).rows[0]?.synchronous_commit ?? '');
		if (mode === 'off') throw new Error('PostgreSQL has synchronous_commit = off: an acknowledged edit could be lost; turn it on for the Beian database');
		await migratePgComponent(pool, 'docs');
		return new PgDocStore(pool);
	}

	async load(room: string): Promise<StoredUpdates> {
		this.#assertOpen();
		const { rows } = await this.#pool.query('SELECT seq, data FROM doc_updates WHERE room = $1 ORDER BY seq', [room]);
		return { updates: rows.map((r: { data: Buffer }) => new Uint8Array(r.data)), lastSeq: Number((rows.at(-1) as { seq?: number } | undefined)?.seq ?? 0) };
	}

	append(room: string, updates: readonly Uint8Array[]): Promise<number> {
		if (this.#closed) return Promise.reject(new Error('doc store is closed'));
		// Copied here: the caller may reuse its arrays once append returned.
		const owned = updates.map((u) => Buffer.from(u));
		return new Promise((resolve, reject) => {
			const queue = this.#queues.get(room);
			if (queue) {
				queue.push({ updates: owned, resolve, reject });
				return;
			}
			this.#queues.set(room, [{ updates: owned, resolve, reject }]);
			this.#track(this.#drain(room));
		});
	}

	async compact(room: string, _snapshot: Uint8Array, throughSeq: number): Promise<void> {
		this.#assertOpen();
		const client = await this.#pool.connect();
		try {
			await client.query('BEGIN');
			await client.query("SELECT pg_advisory_xact_lock(hashtextextended('beian:compact:' || $1, 0))", [room]);
			const { rows } = await client.query('SELECT seq, data FROM doc_updates WHERE room = $1 AND seq <= $2 ORDER BY seq', [room, throughSeq]);
			if (rows.length > 1) {
				const last = Number((rows.at(-1) as { seq: number }).seq);
				const snapshot = mergeCommitted(rows.map((r: { data: Buffer }) => r.data));
				await client.query('DELETE FROM doc_updates WHERE room = $1 AND seq <= $2', [room, last]);
				await client.query('INSERT INTO doc_updates (room, seq, data) VALUES ($1, $2, $3)', [room, last, Buffer.from(snapshot)]);
			}
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			client.release();
		}
	}

	/** The rows after `afterSeq` (a cluster node catching up on commits it did not hear about). */
	async loadSince(room: string, afterSeq: number): Promise<{ seq: number; update: Uint8Array }[]> {
		this.#assertOpen();
		const { rows } = await this.#pool.query('SELECT seq, data FROM doc_updates WHERE room = $1 AND seq > $2 ORDER BY seq', [room, afterSeq]);
		return rows.map((r: { seq: string | number; data: Buffer }) => ({ seq: Number(r.seq), update: new Uint8Array(r.data) }));
	}

	async lastSeqs(rooms: readonly string[]): Promise<Map<string, number>> {
		this.#assertOpen();
		const { rows } = await this.#pool.query({ name: 'beian_last_seqs', text: 'SELECT room, last_seq FROM doc_rooms WHERE room = ANY($1::text[])', values: [rooms] });
		return new Map(rows.map((r: { room: string; last_seq: string | number }) => [r.room, Number(r.last_seq)]));
	}

	async count(room: string): Promise<number> {
		this.#assertOpen();
		const { rows } = await this.#pool.query('SELECT COUNT(*) AS n FROM doc_updates WHERE room = $1', [room]);
		return Number((rows[0] as { n: number }).n);
	}

	/** Waits for the appends in flight, then refuses every call. The pool stays open (other stores share it). */
	async close(): Promise<void> {
		this.#closed = true;
		while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
	}

	/** Commits the room's queued appends, one statement per round, until none wait. */
	async #drain(room: string): Promise<void> {
		for (;;) {
			const batch = this.#queues.get(room) ?? [];
			if (batch.length === 0) {
				this.#queues.delete(room);
				return;
			}
			this.#queues.set(room, []);
			const all = batch.flatMap((item) => item.updates);
			try {
				const last = all.length === 0
					? Number((await this.#pool.query('SELECT last_seq FROM doc_rooms WHERE room = $1', [room])).rows[0]?.last_seq ?? 0)
					: Number((await this.#pool.query(appendStatement(room, all))).rows[0]?.last_seq);
				// Each append gets the seq of its own last update: the batch's last minus what came after it.
				let after = all.length;
				const lastSeqs = batch.map((item) => last - (after -= item.updates.length));
				batch.forEach((item, i) => item.resolve(lastSeqs[i] as number));
			} catch (error) {
				for (const item of batch) item.reject(error);
			}
		}
	}

	#track(work: Promise<void>): void {
		this.#inFlight.add(work);
		void work.finally(() => this.#inFlight.delete(work));
	}

	#assertOpen(): void {
		if (this.#closed) throw new Error('doc store is closed');
	}
}

/** The merged state of committed updates, as Room.load would build it: a row Yjs cannot apply is left out. */
function mergeCommitted(updates: readonly Uint8Array[]): Uint8Array {
	const doc = new Y.Doc({ gc: true });
	Y.transact(doc, () => {
		for (const update of updates) {
			try {
				Y.applyUpdate(doc, update);
			} catch {
				// Skipped, as Room.load skips it: one bad row must not stop compaction of the rest.
			}
		}
	});
	const snapshot = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return snapshot;
}
