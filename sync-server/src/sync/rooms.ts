/**
 * The set of rooms in memory. A room is loaded on its first connection (once, even when
 * several connect at the same time) and evicted after it has had no peer for `idleMs`,
 * once its updates are durable.
 *
 * A room that failed (an unexpected error while applying or encoding, see connection.ts
 * `RoomFailure`) is discarded: its connections close with 1011 (they reconnect), the updates
 * it had applied but not yet stored are committed, and the next `open()` loads it afresh from
 * the store once that commit finished — so no acknowledged (or even relayed) edit is lost.
 *
 * With a cluster (`RoomsOptions.cluster`), each loaded room has a `RoomReplica` that shares its
 * commits and awareness with the other nodes and catches up from the log; it stops when the
 * room is evicted, discarded or closed. An update from another node that fails to apply
 * discards the room the same way (room-replica.ts), so it reloads from the log.
 */
import type * as Y from 'yjs';
import { CLOSE } from '../../../src/lib/sync/protocol.ts';
import type { DocStore } from '../storage/doc-store.ts';
import type { Logger } from '../log.ts';
import { Room } from './room.ts';
import type { RoomCluster } from './room-bus.ts';
import { DEFAULT_POLL_MS, RoomReplica } from './room-replica.ts';

export interface RoomsOptions {
	store: DocStore;
	logger: Logger;
	/** Evict a room this long after its last peer left. */
	idleMs: number;
	/** Compact a room's log when it holds more rows than this. */
	compactAfter: number;
	/** Passed to every room (see RoomOptions.onDocChanged). */
	onDocChanged?: (room: string, doc: Y.Doc) => void;
	/** Several nodes share the rooms (room-bus.ts); absent on one node. */
	cluster?: RoomCluster;
}

export class Rooms {
	#options: RoomsOptions;
	#rooms = new Map<string, Promise<Room>>();
	#loaded = new Map<string, Room>();
	#evictTimers = new Map<string, NodeJS.Timeout>();
	/** Discarded rooms still committing their last updates; a reload waits for them. */
	#draining = new Map<string, Promise<void>>();
	#replicas = new Map<Room, RoomReplica>();
	/** The one log poll of every loaded room's replica, where the log reads all last seqs at once. */
	#poll: NodeJS.Timeout | null = null;
	#polling = false;

	constructor(options: RoomsOptions) {
		this.#options = options;
	}

	/** The loaded room (loading it if needed); cancels a pending eviction. */
	async open(name: string): Promise<Room> {
		this.#cancelEviction(name);
		let room = this.#rooms.get(name);
		if (!room) {
			const drained = this.#draining.get(name);
			room = drained ? drained.then(() => Room.load({ name, ...this.#options })) : Room.load({ name, ...this.#options });
			this.#rooms.set(name, room);
			room.then(
				(loaded) => {
					this.#loaded.set(name, loaded);
					if (!this.#options.cluster) return;
					const onFailed = (error: unknown) => this.discard(loaded, error);
					const sharedPoll = this.#options.cluster.log.lastSeqs !== undefined;
					this.#replicas.set(loaded, new RoomReplica(loaded, this.#options.cluster, { logger: this.#options.logger, onFailed, ownPoll: !sharedPoll }));
					if (sharedPoll) this.#startPoll();
				},
				() => this.#rooms.delete(name)
			);
		}
		return room;
	}

	/** Number of rooms in memory. */
	get size(): number {
		return this.#rooms.size;
	}

	/**
	 * Drops a failed room: closes its connections with 1011, commits what it applied, and makes
	 * the next `open()` reload it from the store. Idempotent.
	 */
	discard(room: Room, error: unknown): void {
		if (room.discarded) return;
		room.discarded = true;
		const { logger } = this.#options;
		logger.log('error', 'room failed; reloading it from the store', { room: room.name, error: String(error) });
		if (this.#loaded.get(room.name) === room) {
			this.#cancelEviction(room.name);
			this.#rooms.delete(room.name);
			this.#loaded.delete(room.name);
			const drained = room.flushed().then(
				() => this.#destroy(room),
				(flushError: unknown) => logger.log('error', 'failed room: updates not committed', { room: room.name, error: String(flushError) })
			);
			this.#draining.set(room.name, drained);
			void drained.then(() => {
				if (this.#draining.get(room.name) === drained) this.#draining.delete(room.name);
			});
		}
		for (const peer of [...room.peers.keys()]) peer.close(CLOSE.unavailable, 'room reloaded');
	}

	/** Call when a peer left: schedules eviction once the room is empty. */
	release(room: Room): void {
		if (room.peers.size > 0 || room.discarded) return;
		this.#cancelEviction(room.name);
		const timer = setTimeout(() => void this.#evict(room), this.#options.idleMs);
		timer.unref();
		this.#evictTimers.set(room.name, timer);
	}

	/** Flushes every room and forgets them all (shutdown). */
	async closeAll(): Promise<void> {
		for (const timer of this.#evictTimers.values()) clearTimeout(timer);
		this.#evictTimers.clear();
		await Promise.allSettled(this.#draining.values());
		const rooms = await Promise.allSettled(this.#rooms.values());
		for (const settled of rooms) {
			if (settled.status !== 'fulfilled') continue;
			await settled.value.flushed();
			this.#destroy(settled.value);
		}
		this.#rooms.clear();
		this.#loaded.clear();
	}

	async #evict(room: Room): Promise<void> {
		this.#evictTimers.delete(room.name);
		// Checked and removed synchronously: a later open() loads a fresh room from the store.
		if (room.peers.size > 0 || this.#loaded.get(room.name) !== room) return;
		this.#rooms.delete(room.name);
		this.#loaded.delete(room.name);
		try {
			await room.compact();
		} catch (error) {
			this.#options.logger.log('error', 'compaction failed', { room: room.name, error: String(error) });
		}
		this.#destroy(room);
		this.#options.logger.log('debug', 'room evicted', { room: room.name });
	}

	/** The replica of a loaded room (tests); undefined on one node. */
	replicaOf(room: Room): RoomReplica | undefined {
		return this.#replicas.get(room);
	}

	#destroy(room: Room): void {
		this.#replicas.get(room)?.stop();
		this.#replicas.delete(room);
		room.destroy();
		if (this.#replicas.size === 0 && this.#poll) {
			clearInterval(this.#poll);
			this.#poll = null;
		}
	}

	/** Every `pollMs`: one read of the last committed seqs, and a catch-up of each room that is behind (a node died between commit and publish). */
	#startPoll(): void {
		const cluster = this.#options.cluster;
		if (this.#poll || !cluster?.log.lastSeqs) return;
		const lastSeqs = cluster.log.lastSeqs.bind(cluster.log);
		this.#poll = setInterval(() => {
			if (this.#polling || this.#replicas.size === 0) return;
			this.#polling = true;
			const replicas = [...this.#replicas];
			lastSeqs(replicas.map(([room]) => room.name))
				.then((seqs) => {
					for (const [room, replica] of replicas) if ((seqs.get(room.name) ?? 0) > replica.through) replica.catchUp();
				})
				.catch((error: unknown) => this.#options.logger.log('warn', 'log poll failed; retried later', { error: String(error) }))
				.finally(() => (this.#polling = false));
		}, cluster.pollMs ?? DEFAULT_POLL_MS);
		this.#poll.unref();
	}

	#cancelEviction(name: string): void {
		const timer = this.#evictTimers.get(name);
		if (timer) clearTimeout(timer);
		this.#evictTimers.delete(name);
	}
}
