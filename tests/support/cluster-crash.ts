/**
 * The crash test across nodes (issue 13), on a cluster of real server processes
 * (cluster-processes.ts) and writers that re-send only what was never acknowledged
 * (cluster-writers.ts). Three hard cases, each ending with `findLost` on every node and in
 * PostgreSQL:
 * - `runNodeKills`: writers write through every node; each round SIGKILLs a random node, its
 *   writers reconnect to the others, then the node starts again and some writers move back;
 * - `runRedisRestart`: Redis is SIGKILLed and started again empty while writers write through
 *   every node; fan-out must resume (a write relayed to every other node within
 *   `LIVE_RELAY_MS`) and every edit made meanwhile must reach every node;
 * - `runCrashBeforePublish`: a node started with the test-only `BEIAN_TEST_CRASH_BEFORE_PUBLISH`
 *   hook commits one write and dies before publishing it; with no further write anywhere, the
 *   other nodes must catch up from the log (their room poll, 2 s).
 */
import { formatSeed, type Prng } from './prng.ts';
import type { ProcessCluster } from './cluster-processes.ts';
import { signUpWithSubject } from './server.ts';
import { ClusterWriter, findLost, runWriter, sleep, type LostWrite, type RoomAccess, type WriteLoopOptions } from './cluster-writers.ts';

/** A write that reaches another node this fast after it was sent came through the bus, not the 2 s poll. */
export const LIVE_RELAY_MS = 250;

export interface Outcome {
	/** Connection attempts of the writers that failed (their node died meanwhile, or it did not answer within 10 s). */
	failedConnects: number;
	written: number;
	acknowledged: number;
	survivedUnacknowledged: number;
	lost: LostWrite[];
}

/** Signs up one account per room on a live node and binds a subject to it; its workspace is the room. */
export async function createRooms(cluster: ProcessCluster, count: number): Promise<RoomAccess[]> {
	const rooms: RoomAccess[] = [];
	for (let i = 0; i < count; i++) {
		const node = cluster.live()[i % cluster.live().length]?.node;
		if (!node) throw new Error('no node is up');
		const owner = await signUpWithSubject({ url: node.httpOrigin }, '集群崩溃测试');
		rooms.push({ room: owner.workspaceRoom, cookie: owner.cookie });
	}
	return rooms;
}

/** `count` writers over `rooms`, writer i on node i mod (nodes up), connected and synced. */
async function startWriters(cluster: ProcessCluster, rooms: readonly RoomAccess[], count: number, label: string): Promise<ClusterWriter[]> {
	const live = cluster.live();
	const writers = Array.from({ length: count }, (_, i) => new ClusterWriter(`${label}${i}`, rooms[i % rooms.length] as RoomAccess));
	await Promise.all(writers.map((w, i) => w.connect(cluster, (live[i % live.length] as (typeof live)[number]).slot)));
	return writers;
}

/** Stops the writers' loops, closes them, then checks every acknowledged write everywhere. */
async function finish(cluster: ProcessCluster, writers: ClusterWriter[], loops: Promise<void>[]): Promise<Outcome> {
	await Promise.all(loops);
	for (const w of writers) w.close();
	const { lost, survivedUnacknowledged } = await findLost(cluster, writers);
	const outcome = {
		failedConnects: writers.reduce((n, w) => n + w.failedConnects, 0),
		written: writers.reduce((n, w) => n + w.writes.length, 0),
		acknowledged: writers.reduce((n, w) => n + w.acknowledged.length, 0),
		survivedUnacknowledged,
		lost
	};
	for (const w of writers) w.destroy();
	return outcome;
}

export interface NodeKillOptions {
	prng: Prng;
	rounds: number;
	writers: number;
	rooms: readonly RoomAccess[];
	write: WriteLoopOptions;
	onRound?: (round: NodeKillRound) => void;
}

export interface NodeKillRound {
	round: number;
	killed: number;
	/** Writers that were on the killed node (they reconnected to the others). */
	displaced: number;
	/** From the kill until every displaced writer was synced on another node. */
	reconnectMs: number;
	restartMs: number;
}

/** Kills a random node per round while the writers write through all of them (see the file header). */
export async function runNodeKills(cluster: ProcessCluster, options: NodeKillOptions): Promise<Outcome & { rounds: NodeKillRound[] }> {
	const { prng } = options;
	const slots = cluster.live().length;
	const writers = await startWriters(cluster, options.rooms, options.writers, 'k');
	let running = true;
	const loops = writers.map((w) => runWriter(w, cluster, prng.fork(), options.write, () => running));
	const rounds: NodeKillRound[] = [];
	try {
		for (let round = 0; round < options.rounds; round++) {
			await sleep(prng.int(150, 500));
			const killed = prng.int(0, slots - 1);
			const displaced = writers.filter((w) => w.slot === killed);
			const killedAt = performance.now();
			await cluster.kill(killed);
			await waitFor(() => displaced.every((w) => w.client?.isOpen && w.slot !== killed), 60_000, `writers of node ${killed} reconnected`).catch((error: unknown) => {
				const states = displaced.map((w) => `${w.tag}: slot ${w.slot}, open ${w.client?.isOpen ?? false}, last error ${w.lastError}`).join('; ');
				const logs = cluster.live().map(({ slot, node }) => `node ${slot}: ${node.stderr().slice(-1500)}`).join('\n');
				throw new Error(`round ${round}: ${(error as Error).message} (${states})\n${logs}`, { cause: error });
			});
			const reconnectMs = performance.now() - killedAt;
			await sleep(prng.int(100, 300));
			const restarting = performance.now();
			await cluster.start(killed);
			const restartMs = performance.now() - restarting;
			// Some writers go back, so every node keeps taking writes.
			for (const w of writers) if (prng.chance(1 / slots)) w.wantSlot = killed;
			const report = { round, killed, displaced: displaced.length, reconnectMs, restartMs };
			rounds.push(report);
			options.onRound?.(report);
		}
	} finally {
		running = false;
	}
	return { ...(await finish(cluster, writers, loops)), rounds };
}

export interface RedisRestartResult extends Outcome {
	downMs: number;
	/** Writes acknowledged while Redis was down (durable on PostgreSQL all the same). */
	acknowledgedWhileDown: number;
	/** From Redis answering again until every pair of nodes relayed a fresh write within LIVE_RELAY_MS. */
	resumeMs: number;
	/** From Redis answering again until every write made while it was down was on every other node. */
	caughtUpMs: number;
}

/** Restarts Redis (SIGKILL, then an empty one) while one writer per node writes (see the file header). */
export async function runRedisRestart(cluster: ProcessCluster, options: { prng: Prng; room: RoomAccess; downMs: number; write: WriteLoopOptions }): Promise<RedisRestartResult> {
	const writers = await startWriters(cluster, [options.room], cluster.live().length, 'r');
	let running = true;
	const loops = writers.map((w) => runWriter(w, cluster, options.prng.fork(), options.write, () => running));
	try {
		await sleep(1000);
		const downAt = performance.now();
		const acknowledgedBefore = writers.reduce((n, w) => n + w.acknowledged.length, 0);
		await cluster.engines.redis.kill();
		await sleep(options.downMs);
		const whileDown = writers.map((w) => w.writes.length);
		const acknowledgedWhileDown = writers.reduce((n, w) => n + w.acknowledged.length, 0) - acknowledgedBefore;
		const relay = watchLiveRelay(writers);
		await cluster.engines.redis.restart();
		const backAt = performance.now();
		relay.since(backAt);
		const missed = writers.flatMap((w, i) => w.writes.slice(0, whileDown[i]).map((write) => ({ key: write.key, from: w })));
		await waitFor(() => writers.every((to) => missed.every((m) => m.from === to || to.doc.getMap('w').has(m.key))), 20_000, 'the writes made while Redis was down, on every node');
		const caughtUpMs = performance.now() - backAt;
		const resumeMs = (await relay.resumed(20_000)) - backAt;
		await sleep(300);
		running = false;
		return { ...(await finish(cluster, writers, loops)), downMs: backAt - downAt, acknowledgedWhileDown, resumeMs, caughtUpMs };
	} finally {
		running = false;
	}
}

/**
 * Watches every ordered pair of writers: `resumed` resolves with the time by which each pair saw
 * a write sent after `since(t)` arrive within LIVE_RELAY_MS.
 */
function watchLiveRelay(writers: ClusterWriter[]) {
	const firstLive = new Map<string, number>();
	let from = Number.POSITIVE_INFINITY;
	const stops = writers.map((to) =>
		to.onArrival((key, sentAt, arrivedAt) => {
			const pair = `${key.slice(0, key.indexOf(':'))}>${to.tag}`;
			if (sentAt >= from && arrivedAt - sentAt <= LIVE_RELAY_MS && !firstLive.has(pair)) firstLive.set(pair, arrivedAt);
		})
	);
	const pairs = writers.length * (writers.length - 1);
	return {
		since(time: number) {
			from = time;
		},
		async resumed(timeoutMs: number): Promise<number> {
			try {
				await waitFor(() => firstLive.size === pairs, timeoutMs, 'fan-out to resume between every pair of nodes');
				return Math.max(...firstLive.values());
			} finally {
				for (const stop of stops) stop();
			}
		}
	};
}

export interface CrashBeforePublishRun {
	/** Whether the writer got its "persisted" message before its node died. */
	acknowledged: boolean;
	/** From the node's death until the write was on every other node (their poll read it from PostgreSQL). */
	catchUpMs: number;
}

/**
 * `times` runs: observers on every node of the cluster, one write through an extra node that
 * dies between its commit and its publish; nothing else writes. Slot `cluster.nodes.length` is
 * the hooked node's (started for each run, dead after it).
 */
export async function runCrashBeforePublish(cluster: ProcessCluster, options: { room: RoomAccess; times: number }): Promise<Outcome & { runs: CrashBeforePublishRun[] }> {
	const hookedSlot = cluster.nodes.length;
	const observers = await startWriters(cluster, [options.room], cluster.live().length, 'o');
	const writers: ClusterWriter[] = [];
	const runs: CrashBeforePublishRun[] = [];
	try {
		for (let i = 0; i < options.times; i++) {
			const hooked = await cluster.start(hookedSlot, { BEIAN_TEST_CRASH_BEFORE_PUBLISH: '1' });
			const writer = new ClusterWriter(`p${i}`, options.room);
			writers.push(writer);
			await writer.connect(cluster, hookedSlot);
			const [write] = writer.write(1);
			if (!write) throw new Error('no write');
			await Promise.race([hooked.exited, sleep(10_000)]);
			const diedAt = performance.now();
			if (cluster.nodes[hookedSlot]) throw new Error(`the hooked node did not die after its commit\n${hooked.stderr()}`);
			await waitFor(() => observers.every((o) => o.doc.getMap('w').has(write.key)), 15_000, 'the others to catch up after the crash before publish');
			runs.push({ acknowledged: write.clock <= writer.acknowledgedClock, catchUpMs: performance.now() - diedAt });
			writer.close();
		}
	} finally {
		for (const o of observers) o.destroy();
	}
	return { ...(await finish(cluster, writers, [])), runs };
}

/** The assertion message for losses: the first missing keys and where. */
export function describeLost(lost: readonly LostWrite[], seed?: number): string {
	const sample = lost.slice(0, 10).map((l) => `${l.where}: ${l.room}/${l.key}`).join(', ');
	return `${seed === undefined ? '' : `seed ${formatSeed(seed)}: `}${lost.length} acknowledged writes lost (${sample})`;
}

async function waitFor(check: () => boolean | undefined, timeoutMs: number, what: string): Promise<void> {
	const started = performance.now();
	while (!check()) {
		if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(10);
	}
}
