/**
 * Writers for the crash test across nodes (cluster-crash.ts): real y-websocket wire clients
 * whose doc outlives their connections. When its node dies a writer reconnects to another live
 * node and re-sends what was never acknowledged — and only that: its sync step 2 holds its own
 * edits beyond the acknowledged clock, never an acknowledged edit or another writer's, so a
 * node that lost an acknowledged edit is not healed by the clients and the loss shows.
 *
 * Each write sets its own key (`<writer>:<n>`) in the room's `w` map, to `<key>@<send time>`
 * (performance.now() of this process: observers in this process read relay latencies off it).
 * A write is acknowledged once a "persisted" message from any node covered its clock.
 */
import * as Y from 'yjs';
import type { Prng } from './prng.ts';
import { originOf, roomFromPostgres, type ProcessCluster } from './cluster-processes.ts';
import { connectWireClient, waitSynced, type WireClient } from './sync-wire-client.ts';

/** How long a writer waits for a node's WebSocket upgrade, and then for its sync, before trying another. */
const CONNECT_TIMEOUT_MS = 10_000;

/** A room and the session cookie of the account that owns its subject. */
export interface RoomAccess {
	room: string;
	cookie: string;
}

export interface Write {
	key: string;
	value: string;
	/** The writer's clock after the write. */
	clock: number;
}

export interface LostWrite {
	/** `node <slot>` or `postgres`. */
	where: string;
	room: string;
	key: string;
}

/** Arrival of another writer's key in this writer's doc, with its relay latency. */
export type ArrivalListener = (key: string, sentAt: number, arrivedAt: number) => void;

export class ClusterWriter {
	readonly tag: string;
	readonly access: RoomAccess;
	readonly doc = new Y.Doc();
	readonly writes: Write[] = [];
	/** Own clock up to which a node reported the edits durable. */
	acknowledgedClock = 0;
	client: WireClient | null = null;
	slot: number | null = null;
	/** When set, the writer moves to this node at its next step. */
	wantSlot: number | null = null;
	/** Reconnections after the writer's node went away. */
	reconnects = 0;
	/** Connection attempts that failed (the node died meanwhile, or it did not answer in time). */
	failedConnects = 0;
	/** Why the latest connection attempt failed (for a timeout's message). */
	lastError: string | null = null;
	#arrivals = new Set<ArrivalListener>();

	constructor(tag: string, access: RoomAccess) {
		this.tag = tag;
		this.access = access;
		this.doc.getMap<string>('w').observe((event, transaction) => {
			if (transaction.local) return;
			const now = performance.now();
			const map = this.doc.getMap<string>('w');
			for (const key of event.keysChanged) {
				const sentAt = sentAtOf(map.get(key));
				if (sentAt !== null) for (const listener of this.#arrivals) listener(key, sentAt, now);
			}
		});
	}

	get acknowledged(): Write[] {
		return this.writes.filter((w) => w.clock <= this.acknowledgedClock);
	}

	onArrival(listener: ArrivalListener): () => void {
		this.#arrivals.add(listener);
		return () => this.#arrivals.delete(listener);
	}

	/** Connects to the node in `slot` and waits for the sync; throws when that fails (the node died). */
	async connect(cluster: ProcessCluster, slot: number): Promise<void> {
		const node = cluster.nodes[slot];
		if (!node) throw new Error(`node ${slot} is down`);
		const connecting = connectWireClient({
			url: `${node.wsOrigin}/sync/${this.access.room}`,
			doc: this.doc,
			headers: { origin: originOf(node), cookie: this.access.cookie },
			onPersisted: (durable) => this.#acknowledgedUpTo(Y.decodeStateVector(durable).get(this.doc.clientID) ?? 0),
			answerStep1: () => this.#unacknowledged()
		});
		// A WebSocket upgrade that never completes (seen under heavy load) must not hold the writer forever.
		let timer: NodeJS.Timeout | undefined;
		const client = await Promise.race([
			connecting,
			new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no WebSocket upgrade within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS)))
		]).catch((error: unknown) => {
			void connecting.then((late) => late.close(), () => {});
			throw error;
		}).finally(() => clearTimeout(timer));
		try {
			await waitSynced(client, CONNECT_TIMEOUT_MS);
		} catch (error) {
			client.close();
			throw error;
		}
		this.client = client;
		this.slot = slot;
		void client.closed.then(() => {
			if (this.client !== client) return;
			this.client = null;
			this.slot = null;
		});
	}

	/** Sets `count` new keys in one transaction (only while connected: the doc has no other way out). */
	write(count: number): Write[] {
		const map = this.doc.getMap<string>('w');
		const sentAt = performance.now().toFixed(2);
		const keys = Array.from({ length: count }, (_, i) => `${this.tag}:${this.writes.length + i}`);
		this.doc.transact(() => {
			for (const key of keys) map.set(key, `${key}@${sentAt}`);
		});
		const clock = Y.getState(this.doc.store, this.doc.clientID);
		const written = keys.map((key) => ({ key, value: `${key}@${sentAt}`, clock }));
		this.writes.push(...written);
		return written;
	}

	close(): void {
		const client = this.client;
		this.client = null;
		this.slot = null;
		client?.close();
	}

	destroy(): void {
		this.close();
		this.doc.destroy();
	}

	#acknowledgedUpTo(clock: number): void {
		if (clock > this.acknowledgedClock) this.acknowledgedClock = clock;
	}

	/** This writer's own edits beyond the acknowledged clock (plus the delete set): nothing else. */
	#unacknowledged(): Uint8Array {
		const have = Y.decodeStateVector(Y.encodeStateVector(this.doc));
		have.set(this.doc.clientID, Math.min(this.acknowledgedClock, have.get(this.doc.clientID) ?? 0));
		return Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(have));
	}
}

/** The send time in a written value, or null for a value that is not one. */
export function sentAtOf(value: string | undefined): number | null {
	const at = value?.lastIndexOf('@') ?? -1;
	if (value === undefined || at < 0) return null;
	const sentAt = Number(value.slice(at + 1));
	return Number.isFinite(sentAt) ? sentAt : null;
}

export interface WriteLoopOptions {
	/** Keys per transaction: [min, max]. */
	batch: [number, number];
	/** Pause between transactions, ms: [min, max]. */
	pauseMs: [number, number];
}

/**
 * Drives `writer` until `isRunning()` turns false: writes while connected, otherwise (its node
 * died, or it was told to move) connects to a live node — `wantSlot`, else a random one.
 */
export async function runWriter(writer: ClusterWriter, cluster: ProcessCluster, prng: Prng, options: WriteLoopOptions, isRunning: () => boolean): Promise<void> {
	while (isRunning()) {
		if (writer.wantSlot !== null && writer.wantSlot !== writer.slot && cluster.nodes[writer.wantSlot]) writer.close();
		if (!writer.client?.isOpen) {
			await reconnect(writer, cluster, prng);
			continue;
		}
		writer.write(prng.int(options.batch[0], options.batch[1]));
		await sleep(prng.int(options.pauseMs[0], options.pauseMs[1]));
	}
}

async function reconnect(writer: ClusterWriter, cluster: ProcessCluster, prng: Prng): Promise<void> {
	const live = cluster.live().map((l) => l.slot);
	const wanted = writer.wantSlot;
	writer.wantSlot = null;
	const slot = wanted !== null && live.includes(wanted) ? wanted : live[prng.int(0, live.length - 1)];
	if (slot === undefined) return sleep(20);
	try {
		await writer.connect(cluster, slot);
		writer.lastError = null;
		if (wanted === null) writer.reconnects++;
	} catch (error) {
		writer.failedConnects++;
		writer.lastError = `node ${slot}: ${error instanceof Error ? error.message : String(error)}`;
		await sleep(20);
	}
}

/**
 * Every acknowledged write of `writers` missing or wrong, on every live node (a fresh client
 * each, which sends nothing) and in PostgreSQL; and how many unacknowledged writes survived.
 */
export async function findLost(cluster: ProcessCluster, writers: readonly ClusterWriter[]): Promise<{ lost: LostWrite[]; survivedUnacknowledged: number }> {
	const lost: LostWrite[] = [];
	let survivedUnacknowledged = 0;
	const byRoom = Map.groupBy(writers, (w) => w.access);
	for (const [access, roomWriters] of byRoom) {
		const check = (where: string, map: Y.Map<string>) => {
			for (const w of roomWriters) for (const write of w.acknowledged) if (map.get(write.key) !== write.value) lost.push({ where, room: access.room, key: write.key });
		};
		const stored = await roomFromPostgres(cluster.engines.databaseUrl, access.room);
		check('postgres', stored.getMap('w'));
		const acknowledged = new Set(roomWriters.flatMap((w) => w.acknowledged.map((write) => write.key)));
		for (const key of stored.getMap('w').keys()) if (!acknowledged.has(key)) survivedUnacknowledged++;
		stored.destroy();
		for (const { slot, node } of cluster.live()) {
			const fresh = await connectWireClient({ url: `${node.wsOrigin}/sync/${access.room}`, headers: { origin: originOf(node), cookie: access.cookie } });
			try {
				await waitSynced(fresh, 15_000);
				check(`node ${slot}`, fresh.doc.getMap('w'));
			} finally {
				fresh.close();
				fresh.doc.destroy();
			}
		}
	}
	return { lost, survivedUnacknowledged };
}

export function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}
