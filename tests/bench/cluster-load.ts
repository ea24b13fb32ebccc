/**
 * The relay part of `bench:cluster`: one writer and one reader per room, raw y-websocket wire
 * clients as in server-load.ts. With several nodes the reader sits on the node after the
 * writer's, so every update crosses nodes (commit on one, publish, Redis, relay on the other);
 * with one node both sit on it. `crossNodes: false` keeps each room's reader on its writer's
 * node on a cluster of several: the same load spread over the same processes with no update
 * crossing nodes — the control that tells the cost of fan-out from the cost of more processes.
 * Writers append their send time to the room's `t` array so that `rate` updates a second go
 * out in total; the reader records send-to-observe latency of every item (one process, one
 * clock; an array, not one overwritten field, because one relayed update may carry several). CPU is the sum of the nodes' CPU time
 * over the measured period (/proc), per update, after a warm-up (a fresh process's first seconds
 * cost far more: V8 compiles the hot path, and 3 nodes each see a third of the traffic); the
 * nodes' CPU with the clients still connected and nobody writing is measured after the load, as
 * the idle cost (the room poll, timers).
 */
import type { ProcessCluster } from '../support/cluster-processes.ts';
import type { ServerProcess } from '../support/server-process.ts';
import type { RoomAccess } from '../support/cluster-writers.ts';
import { connectWireClient, waitSynced, type WireClient } from '../support/sync-wire-client.ts';
import { mapLimit, sleep } from './server-load.ts';

export interface RelayOptions {
	rate: number;
	/** Default true: each reader on another node than its writer (when there are several). */
	crossNodes?: boolean;
	durationMs: number;
	warmupMs: number;
}

export interface RelayResult {
	nodes: number;
	/** Whether updates crossed nodes (false: each reader on its writer's node). */
	crossNodes: boolean;
	/** Updates sent and seen by the readers inside the measured period. */
	sent: number;
	delivered: number;
	latenciesMs: number[];
	/** The nodes' CPU time over the measured period, ms. */
	cpuMs: number;
	windowMs: number;
	/** The nodes' CPU time per second with every client connected and nobody writing, ms. */
	idleCpuMsPerSecond: number;
}

/** After the load, before the idle measurement: the last updates are relayed and committed. */
const IDLE_SETTLE_MS = 2000;
/** The idle measurement: /proc counts CPU in 10 ms ticks, so a few seconds for a steady figure. */
const IDLE_MS = 6000;

interface Pair {
	writer: WireClient;
	reader: WireClient;
}

export async function runRelay(cluster: ProcessCluster, rooms: readonly RoomAccess[], options: RelayOptions): Promise<RelayResult> {
	const live = cluster.live();
	const crossNodes = (options.crossNodes ?? true) && live.length > 1;
	const pairs = await mapLimit(rooms.map((access, index) => ({ access, index })), 10, async ({ access, index }) => {
		const writer = await connectTo(live[index % live.length]?.node, access);
		const reader = await connectTo(live[(index + (crossNodes ? 1 : 0)) % live.length]?.node, access);
		await Promise.all([waitSynced(writer), waitSynced(reader)]);
		return { writer, reader };
	});
	const window = { from: Number.POSITIVE_INFINITY, until: Number.POSITIVE_INFINITY };
	const counts = { sent: 0, delivered: 0 };
	const latenciesMs: number[] = [];
	for (const { reader } of pairs) observe(reader, window, counts, latenciesMs);
	const stop = drive(pairs, options.rate, window, counts);
	await sleep(options.warmupMs);
	const cpuBefore = cluster.cpuMs();
	window.from = performance.now();
	await sleep(options.durationMs);
	window.until = performance.now();
	const cpuMs = cluster.cpuMs() - cpuBefore;
	stop();
	// Idle after the load, with every client still connected: the nodes' steady cost (room poll,
	// timers) once V8 has compiled the hot path, not the first seconds of a fresh process.
	await sleep(IDLE_SETTLE_MS);
	const idleFrom = performance.now();
	const idleCpu = cluster.cpuMs();
	await sleep(IDLE_MS);
	const idleCpuMsPerSecond = ((cluster.cpuMs() - idleCpu) / (performance.now() - idleFrom)) * 1000;
	for (const c of pairs.flatMap((p) => [p.writer, p.reader])) {
		c.close();
		c.doc.destroy();
	}
	return { nodes: live.length, crossNodes, sent: counts.sent, delivered: counts.delivered, latenciesMs, cpuMs, windowMs: window.until - window.from, idleCpuMsPerSecond };
}

function connectTo(node: ServerProcess | undefined, access: RoomAccess): Promise<WireClient> {
	if (!node) throw new Error('no node is up');
	return connectWireClient({ url: `${node.wsOrigin}/sync/${access.room}`, headers: { origin: node.httpOrigin, cookie: access.cookie } });
}

/** Counts and times every item a reader sees that was sent inside the window. */
function observe(reader: WireClient, window: { from: number; until: number }, counts: { delivered: number }, latenciesMs: number[]): void {
	reader.doc.getArray<number>('t').observe((event) => {
		const now = performance.now();
		for (const change of event.changes.delta) {
			for (const stamp of (change.insert ?? []) as number[]) {
				if (stamp < window.from || stamp >= window.until) continue;
				counts.delivered++;
				latenciesMs.push(now - stamp);
			}
		}
	});
}

/** One timer per writer, phases spread over the period; counts what is sent inside the window. */
function drive(pairs: Pair[], rate: number, window: { from: number; until: number }, counts: { sent: number }): () => void {
	const period = (pairs.length / rate) * 1000;
	const timers: NodeJS.Timeout[] = [];
	pairs.forEach(({ writer }, i) => {
		const stamps = writer.doc.getArray<number>('t');
		const tick = () => {
			if (!writer.isOpen) return;
			const now = performance.now();
			if (now >= window.from && now < window.until) counts.sent++;
			stamps.push([now]);
		};
		timers.push(setTimeout(() => timers.push(setInterval(tick, period)), (i * period) / pairs.length));
	});
	return () => timers.forEach((t) => clearTimeout(t));
}
