/**
 * The set of rooms in memory. A room is loaded on its first connection (once, even when
 * several connect at the same time) and evicted after it has had no peer for `idleMs`,
 * once its updates are durable.
 *
 * A room that failed (an unexpected error while applying or encoding, see connection.ts
 * `RoomFailure`) is discarded: its connections close with 1011 (they reconnect), the updates
 * it had applied but not yet stored are committed, and the next `open()` loads it afresh from
 * the store once that commit finished — so no acknowledged (or even relayed) edit is lost.
 */
import type * as Y from 'yjs';
import { CLOSE } from '../../../src/lib/sync/protocol.ts';
import type { DocStore } from '../storage/doc-store.ts';
import type { Logger } from '../log.ts';
import { Room } from './room.ts';

export interface RoomsOptions {
	store: DocStore;
	logger: Logger;
	/** Evict a room this long after its last peer left. */
	idleMs: number;
	/** Compact a room's log when it holds more rows than this. */
	compactAfter: number;
	/** Passed to every room (see RoomOptions.onDocChanged). */
	onDocChanged?: (room: string, doc: Y.Doc) => void;
}

export class Rooms {
	#options: RoomsOptions;
	#rooms = new Map<string, Promise<Room>>();
	#loaded = new Map<string, Room>();
	#evictTimers = new Map<string, NodeJS.Timeout>();
	/** Discarded rooms still committing their last updates; a reload waits for them. */
	#draining = new Map<string, Promise<void>>();

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
				(loaded) => this.#loaded.set(name, loaded),
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
				() => room.destroy(),
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
			settled.value.destroy();
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
		room.destroy();
		this.#options.logger.log('debug', 'room evicted', { room: room.name });
	}

	#cancelEviction(name: string): void {
		const timer = this.#evictTimers.get(name);
		if (timer) clearTimeout(timer);
		this.#evictTimers.delete(name);
	}
}
