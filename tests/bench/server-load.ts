/**
 * The load generator of `bench:server`, the same for every server: raw `ws` clients speaking the
 * y-websocket protocol (no BroadcastChannel, no awareness — as in research §2.2). Opens
 * `rooms` × 2 connections, seeds each room with a 40-field form, then one writer per room sets
 * a timestamp field so that `rate` updates per second go out in total; the other connection
 * of the room records set-to-observe latency (both clients live in this process, one clock).
 */
import * as Y from 'yjs';
import { connectWireClient, waitSynced, type WireClient } from '../support/sync-wire-client.ts';
import type { ServerProcess } from '../support/server-process.ts';

/** Where a client connects to reach one room, with the upgrade headers it sends (session cookie, origin). */
export interface RoomAccess {
	url: string;
	headers: Record<string, string>;
}

export interface Target {
	name: string;
	start(): Promise<ServerProcess>;
	/** Makes `count` rooms usable (ours: an account and a subject each) and says how to reach them. */
	rooms(server: ServerProcess, count: number, label: string): Promise<RoomAccess[]>;
}

export interface LoadOptions {
	rooms: number;
	/** Updates per second, all writers together. */
	rate: number;
	durationMs: number;
	warmupMs: number;
}

export interface LoadResult {
	connections: number;
	rssEmpty: number;
	rssIdle: number;
	rssLoaded: number;
	/** Updates the writers sent during the whole run (warm-up included), and how many arrived. */
	sent: number;
	delivered: number;
	latenciesMs: number[];
	/**
	 * Send to durable acknowledgement ("saved") at the writer, for updates sent in the measured
	 * period; empty for a server that sends none (the reference).
	 */
	ackLatenciesMs: number[];
	/** Server CPU time during the measured period, as a share of one core. */
	cpuShare: number;
	connectMs: number;
	/** The measured period, `performance.now()` of this process. */
	window: { from: number; until: number };
}

/** Seeds a doc with the 40-field form of research §1.2 (~25 chars a field). */
export function seedForm(doc: Y.Doc): void {
	const form = doc.getMap('form');
	doc.transact(() => {
		for (let i = 0; i < 40; i++) form.set(`field${String(i).padStart(2, '0')}`, `value of field ${i} — 示例内容`.padEnd(25, '.'));
	});
}

export async function runLoad(target: Target, server: ServerProcess, options: LoadOptions): Promise<LoadResult> {
	const rooms = await target.rooms(server, options.rooms, 'load');
	await sleep(1500);
	const rssEmpty = server.rss();
	const connectStarted = performance.now();
	const pairs = await mapLimit(rooms, 25, async ({ url, headers }) => {
		const acks = new AckTracker(new Y.Doc());
		const writer = await connectWireClient({ url, headers, doc: acks.doc, onPersisted: (stateVector) => acks.persisted(stateVector) });
		const reader = await connectWireClient({ url, headers });
		await Promise.all([waitSynced(writer), waitSynced(reader)]);
		seedForm(writer.doc);
		return { writer, reader, acks };
	});
	await waitUntil(() => pairs.every((p) => p.reader.doc.getMap('form').size >= 40), 30_000, 'seeded forms at the readers');
	const connectMs = performance.now() - connectStarted;
	await sleep(2000);
	const rssIdle = server.rss();

	const traffic = driveWriters(pairs, options);
	await sleep(options.warmupMs);
	console.log(`  ${target.name}: measuring`);
	const cpuBefore = server.cpuMs();
	traffic.window.from = performance.now();
	await sleep(options.durationMs);
	traffic.window.until = performance.now();
	const cpuShare = (server.cpuMs() - cpuBefore) / (traffic.window.until - traffic.window.from);
	const rssLoaded = server.rss();
	traffic.stop();
	// Every update sent must arrive; give the last ones time to drain.
	await waitUntil(() => traffic.counts.delivered >= traffic.counts.sent, 10_000, 'the last updates').catch(() => {});
	closeAll(pairs.flatMap((p) => [p.writer, p.reader]));
	const { sent, delivered } = traffic.counts;
	const latenciesMs = traffic.latenciesMs;
	const window = { ...traffic.window };
	const ackLatenciesMs = pairs.flatMap((p) => p.acks.latenciesMs(window));
	return { connections: pairs.length * 2, rssEmpty, rssIdle, rssLoaded, sent, delivered, latenciesMs, ackLatenciesMs, cpuShare, connectMs, window };
}

interface Pair {
	writer: WireClient;
	reader: WireClient;
	acks: AckTracker;
}

/** The writer's sends (its clock after each, and when) and when the server first announced each durable. */
class AckTracker {
	readonly doc: Y.Doc;
	#waiting: { clock: number; sentAt: number }[] = [];
	#acked: { sentAt: number; ms: number }[] = [];

	constructor(doc: Y.Doc) {
		this.doc = doc;
	}

	sent(sentAt: number): void {
		this.#waiting.push({ clock: Y.getState(this.doc.store, this.doc.clientID), sentAt });
	}

	persisted(stateVector: Uint8Array): void {
		if (this.#waiting.length === 0) return;
		const durable = Y.decodeStateVector(stateVector).get(this.doc.clientID) ?? 0;
		const now = performance.now();
		while (this.#waiting.length > 0 && (this.#waiting[0]?.clock ?? Infinity) <= durable) {
			const { sentAt } = this.#waiting.shift() as { sentAt: number };
			this.#acked.push({ sentAt, ms: now - sentAt });
		}
	}

	latenciesMs(window: { from: number; until: number }): number[] {
		return this.#acked.filter((a) => a.sentAt >= window.from && a.sentAt < window.until).map((a) => a.ms);
	}
}

/**
 * Starts one timer per writer (phases spread over the period) that sets the `ts` field to the
 * send time. Latencies are kept for updates sent inside `window`; counts cover the whole run.
 */
function driveWriters(pairs: Pair[], options: LoadOptions) {
	const window = { from: Number.POSITIVE_INFINITY, until: Number.POSITIVE_INFINITY };
	const counts = { sent: 0, delivered: 0 };
	const latenciesMs: number[] = [];
	for (const { reader } of pairs) {
		const form = reader.doc.getMap<number>('form');
		let last = -1;
		// The reader never writes, so every update it sees came from its room's writer.
		reader.doc.on('update', () => {
			const stamp = form.get('ts');
			if (typeof stamp !== 'number' || stamp === last) return;
			last = stamp;
			counts.delivered++;
			if (stamp >= window.from && stamp < window.until) latenciesMs.push(performance.now() - stamp);
		});
	}
	const period = (options.rooms / options.rate) * 1000;
	const timers: NodeJS.Timeout[] = [];
	pairs.forEach(({ writer, acks }, i) => {
		const form = writer.doc.getMap<number>('form');
		const tick = () => {
			if (!writer.isOpen) return;
			counts.sent++;
			const now = performance.now();
			form.set('ts', now);
			acks.sent(now);
		};
		timers.push(setTimeout(() => timers.push(setInterval(tick, period)), (i * period) / pairs.length));
	});
	return { window, counts, latenciesMs, stop: () => timers.forEach((t) => clearTimeout(t)) };
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function closeAll(clients: WireClient[]): void {
	for (const c of clients) {
		c.close();
		c.doc.destroy();
	}
}

export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index] as T);
		}
	});
	await Promise.all(lanes);
	return results;
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const started = performance.now();
	while (!check()) {
		if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}
