/**
 * Keeps one node's copy of a room in step with the other nodes of a cluster (room-bus.ts).
 *
 * The replica knows which seqs of the room's log its doc holds: everything up to `#through`,
 * plus ranges beyond it (its own commits and batches heard from other nodes, which may arrive
 * out of seq order). A batch it already holds is ignored, so nothing is applied twice; a batch
 * beyond a hole is applied at once (Yjs keeps what lacks its dependencies pending), and when the
 * hole has not filled within `gapGraceMs` the replica reads the missing rows from the log, so
 * nothing is skipped. Every `pollMs` it also reads the log when the room's last committed seq is
 * beyond what it holds (a node may die between its commit and its publish; `Rooms` checks all
 * its rooms in one query where the log can, else each replica reads on its own), and whenever
 * the bus says messages may have been lost (it reconnected).
 * Reads are one at a time; a read that fails is retried at the next trigger.
 *
 * An update from another node that fails to apply here (from the bus or from the log) leaves
 * this copy diverged from the log — part of a transaction applied, or a seq counted as held that
 * is not in the doc — so the replica reports the failure (`onFailed`) and applies nothing more: `Rooms` discards
 * the room (its sockets close with 1011, its own pending edits are committed) and the next open
 * loads it afresh from the log. A diverged copy is never served.
 */
import type { Logger } from '../log.ts';
import type { RoomCluster } from './room-bus.ts';
import type { Room } from './room.ts';

export const DEFAULT_POLL_MS = 2000;
const DEFAULT_GAP_GRACE_MS = 100;

export interface RoomReplicaOptions {
	logger: Logger;
	/** An update from another node failed to apply: the room's copy can no longer be trusted (discard it). */
	onFailed: (error: unknown) => void;
	/** Whether the replica reads the log every `pollMs` itself (false: `Rooms` polls every room with one query and calls `catchUp`). Default true. */
	ownPoll?: boolean;
}

export class RoomReplica {
	#room: Room;
	#cluster: RoomCluster;
	#logger: Logger;
	#onFailed: (error: unknown) => void;
	/** Every seq ≤ this is in the doc. */
	#through: number;
	/** Ranges beyond `#through` that are in the doc: first seq → last seq. */
	#ahead = new Map<number, number>();
	#unsubscribe: () => void;
	#stopResync: () => void;
	#poll: NodeJS.Timeout | null = null;
	#gapTimer: NodeJS.Timeout | null = null;
	#reading: Promise<void> | null = null;
	#again = false;
	#stopped = false;

	constructor(room: Room, cluster: RoomCluster, { logger, onFailed, ownPoll = true }: RoomReplicaOptions) {
		this.#room = room;
		this.#cluster = cluster;
		this.#logger = logger;
		this.#onFailed = onFailed;
		this.#through = room.lastSeq;
		room.link({
			committed: (first, last, updates) => {
				this.#cluster.bus.publishUpdates(room.name, first, last, updates);
				this.#holds(first, last);
			},
			awareness: (update) => this.#cluster.bus.publishAwareness(room.name, update)
		});
		this.#unsubscribe = cluster.bus.subscribe(room.name, {
			updates: (first, last, updates) => this.#received(first, last, updates),
			awareness: (update) => this.#safely(() => room.applyRemoteAwareness(update), 'remote awareness failed')
		});
		this.#stopResync = cluster.bus.onResync(() => this.catchUp());
		if (ownPoll) {
			this.#poll = setInterval(() => this.catchUp(), cluster.pollMs ?? DEFAULT_POLL_MS);
			this.#poll.unref();
		}
		// Commits between the room's load and the subscription were heard by nobody here.
		this.catchUp();
	}

	/** The highest seq up to which the doc holds every committed update. */
	get through(): number {
		return this.#through;
	}

	/** Reads the rows this replica lacks from the log (also when already reading: once more after). */
	catchUp(): void {
		if (this.#stopped) return;
		if (this.#reading) {
			this.#again = true;
			return;
		}
		this.#reading = this.#read().finally(() => {
			this.#reading = null;
			if (this.#again) {
				this.#again = false;
				this.catchUp();
			}
		});
	}

	/** Resolves once the current read (if any) and those it queued are done (tests, shutdown). */
	async settled(): Promise<void> {
		while (this.#reading) await this.#reading;
	}

	stop(): void {
		this.#stopped = true;
		this.#room.link(null);
		this.#unsubscribe();
		this.#stopResync();
		if (this.#poll) clearInterval(this.#poll);
		if (this.#gapTimer) clearTimeout(this.#gapTimer);
	}

	#received(first: number, last: number, updates: readonly Uint8Array[]): void {
		if (this.#stopped || this.#room.discarded || last <= this.#through || this.#ahead.has(first)) return;
		if (updates.length !== last - first + 1) return this.catchUp();
		// Only the seqs not held yet (a batch overlapping held seqs cannot come from one append, but stay safe).
		const fresh = updates.filter((_, i) => !this.#has(first + i));
		if (!this.#applied(() => this.#room.applyRemote(fresh, last, { asReceived: true }), 'remote update failed')) return;
		this.#holds(first, last);
	}

	async #read(): Promise<void> {
		if (this.#room.discarded) return;
		try {
			const rows = await this.#cluster.log.loadSince(this.#room.name, this.#through);
			if (this.#stopped || this.#room.discarded) return;
			const missing = rows.filter((row) => !this.#has(row.seq));
			if (missing.length > 0) {
				if (!this.#applied(() => this.#room.applyRemote(missing.map((row) => row.update), missing.at(-1)?.seq ?? 0), 'catch-up failed')) return;
				this.#logger.log('debug', 'room caught up from the log', { room: this.#room.name, rows: missing.length });
			}
			// Everything up to the last row read is now in the doc (a snapshot row covers the seqs before it).
			const last = rows.at(-1)?.seq ?? this.#through;
			if (last > this.#through) this.#through = last;
			this.#advance();
		} catch (error) {
			this.#logger.log('warn', 'room catch-up failed; retried later', { room: this.#room.name, error: String(error) });
		}
	}

	#has(seq: number): boolean {
		if (seq <= this.#through) return true;
		for (const [first, last] of this.#ahead) if (seq >= first && seq <= last) return true;
		return false;
	}

	#holds(first: number, last: number): void {
		if (last <= this.#through) return;
		this.#ahead.set(first, last);
		this.#advance();
	}

	/** Moves `#through` over the ranges that now join it; schedules a read while a hole stays. */
	#advance(): void {
		for (let joined = true; joined; ) {
			joined = false;
			for (const [first, last] of this.#ahead) {
				if (first > this.#through + 1) continue;
				this.#ahead.delete(first);
				this.#through = Math.max(this.#through, last);
				joined = true;
			}
		}
		if (this.#ahead.size === 0) {
			if (this.#gapTimer) clearTimeout(this.#gapTimer);
			this.#gapTimer = null;
		} else if (!this.#gapTimer) {
			this.#gapTimer = setTimeout(() => {
				this.#gapTimer = null;
				this.catchUp();
			}, this.#cluster.gapGraceMs ?? DEFAULT_GAP_GRACE_MS);
			this.#gapTimer.unref();
		}
	}

	/** Runs an apply of other nodes' updates; on failure reports it (the room is then discarded), stops, and returns false. */
	#applied(run: () => void, what: string): boolean {
		try {
			run();
			return true;
		} catch (error) {
			this.#logger.log('error', `${what}; the room reloads from the log`, { room: this.#room.name, error: String(error) });
			// Discarding marks the room (nothing more is applied here) but keeps the link, so its own last commits are still published.
			this.#onFailed(error);
			return false;
		}
	}

	#safely(run: () => void, what: string): void {
		try {
			run();
		} catch (error) {
			this.#logger.log('error', what, { room: this.#room.name, error: String(error) });
		}
	}
}
