/**
 * One sync room: the in-memory Y.Doc and awareness of a subject workspace, its open
 * connections, and the write-behind queue to the DocStore.
 *
 * Invariants:
 * - every update applied to the doc is relayed to the other connections at once and queued;
 * - queued updates are committed in one transaction per tick (group commit);
 * - the "persisted" message is sent only after the commit resolved, carrying the state vector
 *   the doc had when the batch was taken, so it never claims more than is durable;
 * - it goes to the peers whose own updates the batch holds, and to peers whose knowledge of the
 *   durable state may not cover what they hold of their own: a peer that joined, or sent an
 *   update that changed nothing (the room already had it), while updates were not yet durable;
 *   and a peer whose update waits for missing dependencies, at every commit until none wait.
 *   Peers that only watch others' edits get no per-update message: what the server relays counts
 *   as saved at the client (see src/lib/sync/persisted.ts), and its author is told when it is durable.
 * - in a cluster (room-replica.ts), each committed batch is handed to `ClusterLink.committed`
 *   after its commit, and updates from other nodes (`applyRemote`, already committed there) are
 *   relayed to every peer here but not queued or stored again — unless they released updates
 *   of peers here that waited for them (see `applyRemote`): those are stored then.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { MESSAGE_PERSISTED, MESSAGE_SYNC } from '../../../src/lib/sync/protocol.ts';
import { MAX_PENDING_BYTES } from '../../../src/lib/sync/update-bounds.ts';
import type { DocStore } from '../storage/doc-store.ts';
import type { Logger } from '../log.ts';
import { awarenessFrame } from './frames.ts';

/** The origin of updates and awareness that came from another node of the cluster. */
export const REMOTE = 'remote';

/** Where a room in a cluster hands what it committed and its peers' awareness (room-replica.ts). */
export interface ClusterLink {
	committed(firstSeq: number, lastSeq: number, updates: readonly Uint8Array[]): void;
	awareness(update: Uint8Array): void;
}

/** What a room needs from a connection: sending bytes and closing. */
export interface Peer {
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

export interface RoomOptions {
	name: string;
	store: DocStore;
	logger: Logger;
	/** Compact the log into one snapshot when it holds more rows than this. */
	compactAfter: number;
	/** Called after the room loaded and after each update (e.g. the attachment indexer); must be cheap and must not throw. */
	onDocChanged?: (room: string, doc: Y.Doc) => void;
}

export class Room {
	readonly name: string;
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness: awarenessProtocol.Awareness;
	/** Each peer with the awareness client ids it controls. */
	readonly peers = new Map<Peer, Set<number>>();
	/** Set once the room failed and was dropped from `Rooms` (its doc may be inconsistent). */
	discarded = false;
	#store: DocStore;
	#logger: Logger;
	#onDocChanged: ((room: string, doc: Y.Doc) => void) | undefined;
	#pending: Uint8Array[] = [];
	/** Origins of the pending updates (peers, or the server's own). */
	#pendingFrom = new Set<unknown>();
	/** Peers whose updates wait for missing dependencies: told after every commit while any wait. */
	#waitingForDependencies = new Set<unknown>();
	/** Origins of the batch being committed, while it is. */
	#committingFrom: Set<unknown> | null = null;
	/** Set by #onUpdate: the last applyUpdate changed the doc. */
	#changed = false;
	#flushing: Promise<void> = Promise.resolve();
	#flushScheduled = false;
	/** null: the doc's current state vector (everything in the doc is durable), computed when asked. */
	#durableStateVector: Uint8Array | null = null;
	#lastSeq = 0;
	#rows = 0;
	#cluster: ClusterLink | null = null;
	/** Some of the doc's pending updates (waiting for missing dependencies) came from peers here. */
	#peerUpdatesPending = false;
	/** Set while `applyRemote` runs on a doc holding pending updates of peers here (see there). */
	#remoteMayResolvePending = false;

	private constructor(options: RoomOptions) {
		this.name = options.name;
		this.#store = options.store;
		this.#logger = options.logger;
		this.#onDocChanged = options.onDocChanged;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', this.#onUpdate);
		this.awareness.on('update', this.#onAwareness);
	}

	/** Loads a room from the store; compacts a long log on the way. */
	static async load(options: RoomOptions): Promise<Room> {
		const room = new Room(options);
		const stored = await options.store.load(options.name);
		let skipped = 0;
		Y.transact(room.doc, () => {
			for (const update of stored.updates) {
				try {
					Y.applyUpdate(room.doc, update);
				} catch {
					// A stored row Yjs cannot apply must not keep the whole room from loading.
					skipped++;
				}
			}
		}, 'load');
		if (skipped > 0) options.logger.log('error', 'stored updates could not be applied', { room: options.name, skipped });
		room.#lastSeq = stored.lastSeq;
		room.#rows = stored.updates.length;
		room.#durableStateVector = Y.encodeStateVector(room.doc);
		room.#onDocChanged?.(room.name, room.doc);
		if (room.#rows > options.compactAfter) await room.compact();
		return room;
	}

	/** The seq of the last committed update this room knows of. */
	get lastSeq(): number {
		return this.#lastSeq;
	}

	/** Links the room to the cluster (null: unlinks). */
	link(cluster: ClusterLink | null): void {
		this.#cluster = cluster;
	}

	/**
	 * Applies updates another node committed (seqs up to `lastSeq`): relayed to every peer here,
	 * not stored again — except when the doc held peers' updates waiting for missing dependencies (a
	 * peer here sent edits that build on ones it made through another node, which had not
	 * arrived yet). Those integrate in this transaction, were never queued, and are not
	 * committed anywhere: the transaction's update is then queued like a peer's, on behalf of
	 * the waiting peers (the remote part it repeats is harmless in the log). `asReceived`: the
	 * batch came on the bus, one committed append of another node (see #applyRemoteAsReceived).
	 */
	applyRemote(updates: readonly Uint8Array[], lastSeq: number, { asReceived = false }: { asReceived?: boolean } = {}): void {
		if (asReceived && !this.#hasPendingUpdates()) this.#applyRemoteAsReceived(updates);
		else this.#applyRemoteMerged(updates);
		this.#lastSeq = Math.max(this.#lastSeq, lastSeq);
		this.#rows += updates.length;
		// Committed elsewhere: durable. Only claimed when nothing of our own waits, so the claim never covers an uncommitted edit.
		if (this.allDurable) this.#durableStateVector = null;
	}

	/**
	 * A batch heard on the bus while nothing waits for dependencies here (the hot path of a node
	 * that relays another node's edits): relayed as it came, not re-encoded from the transaction
	 * (the doc's update listener is off while it applies). Peers get the same content either
	 * way: what integrates here integrates there, and a part that lacks dependencies waits at
	 * the peer too until the log's catch-up brings them (all of it is committed). The log's own
	 * rows (catch-up: maybe a compacted snapshot of the whole room) take the merged path, which
	 * relays only what is new here.
	 */
	#applyRemoteAsReceived(updates: readonly Uint8Array[]): void {
		this.doc.off('update', this.#onUpdate);
		try {
			Y.transact(this.doc, () => {
				for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE);
			}, REMOTE);
		} finally {
			this.doc.on('update', this.#onUpdate);
		}
		for (const update of updates) this.#broadcast(updateFrame(update), null);
		this.#onDocChanged?.(this.name, this.doc);
	}

	/** Rows from the log's catch-up, or a doc holding updates that wait for dependencies: what the transaction integrated is relayed (and maybe stored, see `applyRemote`). */
	#applyRemoteMerged(updates: readonly Uint8Array[]): void {
		this.#remoteMayResolvePending = this.#peerUpdatesPending && this.#hasPendingUpdates();
		try {
			Y.transact(this.doc, () => {
				for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE);
			}, REMOTE);
		} finally {
			this.#remoteMayResolvePending = false;
			if (!this.#hasPendingUpdates()) this.#peerUpdatesPending = false;
		}
	}

	/** Applies awareness from another node's peers (relayed to every peer here). */
	applyRemoteAwareness(update: Uint8Array): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
	}

	/** The state vector covering everything committed to the store. */
	get durableStateVector(): Uint8Array {
		return (this.#durableStateVector ??= Y.encodeStateVector(this.doc));
	}

	/** Resolves when every update applied so far is durable. */
	async flushed(): Promise<void> {
		for (let attempt = 0; attempt < 3; attempt++) {
			await this.#flushing;
			if (this.#pending.length === 0 && !this.#flushScheduled) return;
			this.#scheduleFlush();
		}
		await this.#flushing;
		if (this.#pending.length > 0) throw new Error(`room ${this.name}: updates not durable`);
	}

	/** Replaces the stored log with one snapshot of the current durable state. */
	async compact(): Promise<void> {
		await this.flushed();
		if (this.#rows <= 1) return;
		const snapshot = Y.encodeStateAsUpdate(this.doc);
		await this.#store.compact(this.name, snapshot, this.#lastSeq);
		this.#logger.log('debug', 'room compacted', { room: this.name, rows: this.#rows });
		this.#rows = 1;
	}

	/**
	 * Applies a client's update (already bound-checked). Returns false when it left the room
	 * holding more than MAX_PENDING_BYTES of updates that wait for missing dependencies: those
	 * are dropped (they were never part of the doc, never relayed or stored) and the sender is
	 * told `update-refused`. Throws when Yjs fails; the caller then discards the room.
	 */
	applyUpdate(update: Uint8Array, origin: Peer): boolean {
		// The durable state is the doc's as it is now, before this update: fix it before the doc moves on.
		this.#durableStateVector ??= Y.encodeStateVector(this.doc);
		this.#changed = false;
		Y.applyUpdate(this.doc, update, origin);
		if (!this.#changed && !isEmptyUpdate(update)) this.#unchangedBy(origin);
		const { store } = this.doc;
		if (store.pendingStructs === null && store.pendingDs === null) return true;
		this.#peerUpdatesPending = true;
		this.#waitingForDependencies.add(origin);
		const pendingBytes = (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
		if (pendingBytes <= MAX_PENDING_BYTES) return true;
		this.#logger.log('warn', 'pending updates dropped', { room: this.name, bytes: pendingBytes });
		store.pendingStructs = null;
		store.pendingDs = null;
		this.#peerUpdatesPending = false;
		return false;
	}

	#hasPendingUpdates(): boolean {
		return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
	}

	/** Whether every update applied so far is durable (nothing queued, nothing being committed). */
	get allDurable(): boolean {
		return this.#pending.length === 0 && this.#committingFrom === null;
	}

	/** Adds a peer; the caller sends it the greeting (which holds the durable state). */
	addPeer(peer: Peer): void {
		this.peers.set(peer, new Set());
		// What it holds may be applied here but not yet durable: tell it after the commit.
		this.#tellAfterCommit(peer);
	}

	/** Message announcing the durable state, for a new or current peer. */
	persistedMessage(): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_PERSISTED);
		encoding.writeVarUint8Array(encoder, this.durableStateVector);
		return encoding.toUint8Array(encoder);
	}

	/** Forgets a peer and the awareness states it controlled. */
	removePeer(peer: Peer): void {
		const clients = this.peers.get(peer);
		this.peers.delete(peer);
		this.#waitingForDependencies.delete(peer);
		if (clients && clients.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
		}
	}

	/** Frees memory; call after `flushed()` when no peer is left. */
	destroy(): void {
		try {
			this.awareness.destroy();
			this.doc.destroy();
		} catch (error) {
			// Only a discarded (failed) room's doc can be this broken; it is unreachable either way.
			this.#logger.log('warn', 'room destroy failed', { room: this.name, error: String(error) });
		}
	}

	#onUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === 'load') return;
		this.#changed = true;
		if (origin === REMOTE) {
			this.#broadcast(updateFrame(update), null);
			if (this.#remoteMayResolvePending) {
				this.#pending.push(update);
				for (const peer of this.#waitingForDependencies) this.#pendingFrom.add(peer);
				this.#scheduleFlush();
			}
			this.#onDocChanged?.(this.name, this.doc);
			return;
		}
		this.#broadcast(updateFrame(update), origin);
		this.#pending.push(update);
		this.#pendingFrom.add(origin);
		this.#scheduleFlush();
		this.#onDocChanged?.(this.name, this.doc);
	};

	#onAwareness = (
		change: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...change.added, ...change.updated, ...change.removed];
		const controlled = this.peers.get(origin as Peer);
		if (controlled) {
			// An id whose state was removed (its socket closed) and set again comes back as `updated`
			// (the room keeps its clock): a client that reconnects controls its id again (PRES-4).
			for (const id of [...change.added, ...change.updated]) controlled.add(id);
			for (const id of change.removed) controlled.delete(id);
		}
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		this.#broadcast(awarenessFrame(update), null);
		if (origin !== REMOTE) this.#cluster?.awareness(update);
	};

	#broadcast(message: Uint8Array, except: unknown): void {
		for (const peer of this.peers.keys()) if (peer !== except) peer.send(message);
	}

	#scheduleFlush(): void {
		if (this.#flushScheduled) return;
		this.#flushScheduled = true;
		this.#flushing = this.#flushing.then(
			() =>
				new Promise<void>((resolve) => {
					setImmediate(() => {
						this.#flushScheduled = false;
						this.#commitPending().then(resolve, (error: unknown) => {
							this.#logger.log('error', 'commit failed', { room: this.name, error: String(error) });
							resolve();
						});
					});
				})
		);
	}

	async #commitPending(): Promise<void> {
		if (this.#pending.length === 0) return;
		const batch = this.#pending;
		const from = this.#pendingFrom;
		this.#pending = [];
		this.#pendingFrom = new Set();
		const stateVector = Y.encodeStateVector(this.doc);
		this.#committingFrom = from;
		let committedSeq: number;
		try {
			committedSeq = await this.#store.append(this.name, batch);
		} catch (error) {
			this.#committingFrom = null;
			this.#pending = [...batch, ...this.#pending];
			for (const origin of this.#pendingFrom) from.add(origin);
			this.#pendingFrom = from;
			throw error;
		}
		this.#committingFrom = null;
		// A remote batch committed after this one may have been applied already: the highest seq wins.
		this.#lastSeq = Math.max(this.#lastSeq, committedSeq);
		this.#rows += batch.length;
		this.#durableStateVector = stateVector;
		// Published before the acknowledgements are written: the other nodes' relay waits on it, the writer's "saved" does not.
		this.#cluster?.committed(committedSeq - batch.length + 1, committedSeq, batch);
		this.#acknowledge(from);
	}

	/** A peer sent an update the room already had: it may not know that this is durable. */
	#unchangedBy(origin: unknown): void {
		if (!this.#tellAfterCommit(origin) && this.peers.has(origin as Peer)) (origin as Peer).send(this.persistedMessage());
	}

	/**
	 * Makes `peer` one of the recipients of the commit that will make everything applied so far
	 * durable (the queued batch, else the one being committed); false when all is durable already.
	 */
	#tellAfterCommit(peer: unknown): boolean {
		if (this.#pending.length > 0) this.#pendingFrom.add(peer);
		else if (this.#committingFrom) this.#committingFrom.add(peer);
		else return false;
		return true;
	}

	/** Tells the batch's recipients (contributors and peers added by #tellAfterCommit) the new durable state. */
	#acknowledge(contributors: Set<unknown>): void {
		const message = this.persistedMessage();
		const waiting = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
		for (const peer of this.peers.keys()) {
			if (contributors.has(peer) || this.#waitingForDependencies.has(peer)) peer.send(message);
		}
		if (!waiting) this.#waitingForDependencies.clear();
	}
}

/** `[0 struct clients, 0 delete-set clients]`: what a client in sync sends as its sync step 2. */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** y-protocols messageYjsUpdate. */
const SYNC_UPDATE = 2;

/**
 * `[MESSAGE_SYNC, SYNC_UPDATE, varUint length, update]` in one allocation (the hot path: every
 * relayed edit), the same bytes as lib0's encoder writes.
 */
export function updateFrame(update: Uint8Array): Uint8Array {
	let lengthBytes = 1;
	for (let rest = update.length; rest > 0x7f; rest = Math.floor(rest / 0x80)) lengthBytes++;
	const frame = new Uint8Array(2 + lengthBytes + update.length);
	frame[0] = MESSAGE_SYNC;
	frame[1] = SYNC_UPDATE;
	let at = 2;
	let rest = update.length;
	while (rest > 0x7f) {
		frame[at++] = 0x80 | (rest & 0x7f);
		rest = Math.floor(rest / 0x80);
	}
	frame[at++] = rest;
	frame.set(update, at);
	return frame;
}
