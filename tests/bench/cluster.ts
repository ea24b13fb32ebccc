/**
 * `npm run bench:cluster` (issue 13): the server as several nodes — real processes
 * (`node sync-server/src/main.ts`, env only) on one PostgreSQL database and one Redis, both
 * started here as plain processes in temporary folders (tests/support/cluster-processes.ts).
 * 1. Relay p50/p95/p99 and the nodes' CPU per update, 3 nodes (every update crosses nodes)
 *    against 1 node on the same engines (cluster-load.ts), and the control: 3 nodes with each
 *    room's writer and reader on one node (no update crosses nodes), so that the cost of
 *    fan-out shows apart from the cost of spreading the load over 3 processes.
 * 2. The crash test across nodes: `--rounds` SIGKILLs of a random node while writers write
 *    through all three (tests/support/cluster-crash.ts).
 * 3. Redis SIGKILLed and restarted empty mid-run: losses, time until fan-out resumes.
 * 4. A node killed between its commit and its publish (test-only hook): the others' catch-up time.
 * Exits non-zero on any lost acknowledged edit. Options: `--rate 200` (updates/s in total)
 * `--repeat 2` (relay runs per configuration, interleaved 1 node, control, 3 nodes, 1 node … and pooled: one run swings with the shared machine)
 * `--rooms 40` `--duration 20` (s measured) `--warmup 15` (s: 3 nodes at a third of the rate each take longer for V8 to optimise the hot path) `--rounds 50` `--writers 6`
 * `--seed 0x…` `--publish-crashes 5` `--only crash` (skip the relay part) `--only relay` (only the relay part) `--profile <dir>` (the relay nodes run with `--cpu-prof`, one
 * folder per configuration: `1-nodes`, `3-nodes-control`, `3-nodes`; summarise with `node tests/bench/profile-summary.ts <dir>/3-nodes`). The machine is shared: the load stays modest, and the
 * table notes the load average.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createRooms, describeLost, LIVE_RELAY_MS, runCrashBeforePublish, runNodeKills, runRedisRestart } from '../support/cluster-crash.ts';
import { startClusterEngines, startProcessCluster, type ClusterEngines } from '../support/cluster-processes.ts';
import type { LostWrite, RoomAccess } from '../support/cluster-writers.ts';
import { createPrng, formatSeed, parseSeed, randomSeed } from '../support/prng.ts';
import { runRelay, type RelayResult } from './cluster-load.ts';
import { percentile } from './server-load.ts';
import { ms, numberOption, option, printTable } from './table.ts';

const relayOptions = { rate: numberOption('rate', 200), durationMs: numberOption('duration', 20) * 1000, warmupMs: numberOption('warmup', 15) * 1000 };
const roomCount = numberOption('rooms', 40);
const repeat = Math.max(1, numberOption('repeat', 2));
const rounds = numberOption('rounds', 50);
const writerCount = numberOption('writers', 6);
const publishCrashes = numberOption('publish-crashes', 5);
const profileDir = option('profile', '');
const only = option('only', '');
const seed = parseSeed(option('seed', formatSeed(randomSeed())));
const prng = createPrng(seed);
const write = { batch: [1, 3] as [number, number], pauseMs: [15, 40] as [number, number] };
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

console.log(`bench:cluster — relay ${relayOptions.rate} updates/s over ${roomCount} rooms, ${relayOptions.durationMs / 1000} s measured × ${repeat} runs per configuration; ${rounds} node kills with ${writerCount} writers; seed ${formatSeed(seed)}`);
const loadAtStart = load();
const engines = await startClusterEngines({ label: 'bench_cluster' });
const lost: LostWrite[] = [];
try {
	const relay = only === 'crash' ? null : await relayRuns(engines);
	if (only === 'relay' && relay) {
		printRelay(relay);
		console.log(`\nload average (1 / 5 / 15 min) at start → end: ${loadAtStart} → ${load()}`);
	} else await hardCases(relay);
} finally {
	await engines.stop();
}
if (lost.length > 0) {
	console.error(describeLost(lost, seed));
	process.exit(1);
}

/** The crash test across nodes, the Redis restart and the crash between commit and publish; then the tables. */
async function hardCases(relay: RelayRuns | null): Promise<void> {
	const cluster = await startProcessCluster(engines, 3);
	try {
		const rooms = await createRooms(cluster, 4);
		console.log('  crash test across nodes…');
		const kills = await runNodeKills(cluster, {
			prng: prng.fork(),
			rounds,
			writers: writerCount,
			rooms: rooms.slice(0, 2),
			write,
			onRound: (r) => {
				if (r.round % 10 === 9) console.log(`  round ${r.round + 1}/${rounds}: killed node ${r.killed}, ${r.displaced} writers reconnected in ${ms(r.reconnectMs)}`);
			}
		});
		console.log('  Redis restart…');
		const redis = await runRedisRestart(cluster, { prng: prng.fork(), room: rooms[2] as RoomAccess, downMs: 2000, write });
		console.log('  crash between commit and publish…');
		const publish = await runCrashBeforePublish(cluster, { room: rooms[3] as RoomAccess, times: publishCrashes });
		lost.push(...kills.lost, ...redis.lost, ...publish.lost);
		const loadAtEnd = load();

		if (relay) printRelay(relay);
		const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
		const catchUps = publish.runs.map((r) => r.catchUpMs).toSorted((a, b) => a - b);
		console.log('');
		printTable([
			['hard case', 'figure', 'value', 'target'],
			['node SIGKILLed (random of 3)', 'rounds', String(kills.rounds.length), String(rounds)],
			['', 'writes sent / acknowledged', `${kills.written} / ${kills.acknowledged}`, '> 0 acknowledged'],
			['', 'writers displaced (reconnected elsewhere)', String(kills.rounds.reduce((n, r) => n + r.displaced, 0)), '> 0'],
			['', 'time to reconnect and sync elsewhere (mean / max)', `${ms(mean(kills.rounds.filter((r) => r.displaced > 0).map((r) => r.reconnectMs)))} / ${ms(Math.max(...kills.rounds.map((r) => r.reconnectMs)))}`, ''],
			['', 'failed connection attempts (node died meanwhile, or no answer in 10 s)', String(kills.failedConnects), ''],
			['', 'mean node restart', ms(mean(kills.rounds.map((r) => r.restartMs))), ''],
			['', 'unacknowledged writes that survived', String(kills.survivedUnacknowledged), '(any)'],
			['', 'acknowledged writes lost (3 nodes + PostgreSQL)', String(kills.lost.length), '0'],
			['Redis SIGKILLed, restarted empty', 'down for', ms(redis.downMs), ''],
			['', 'writes acknowledged while Redis was down', String(redis.acknowledgedWhileDown), '> 0'],
			['', `fan-out resumed (every node pair relays within ${LIVE_RELAY_MS} ms)`, `${ms(redis.resumeMs)} after Redis was back`, ''],
			['', 'writes made while down on every node', `${ms(redis.caughtUpMs)} after Redis was back`, ''],
			['', 'acknowledged writes lost', String(redis.lost.length), '0'],
			['node killed between commit and publish', 'runs (writer acknowledged before the death)', `${publish.runs.length} (${publish.runs.filter((r) => r.acknowledged).length})`, ''],
			['', 'catch-up of the other nodes, no further writes (median / max)', `${ms(percentile(catchUps, 50))} / ${ms(catchUps.at(-1) ?? Number.NaN)}`, '≤ room poll (2 s) + load'],
			['', 'acknowledged writes lost', String(publish.lost.length), '0'],
			['machine', 'load average (1 / 5 / 15 min) at start → end', `${loadAtStart} → ${loadAtEnd}`, ''],
			['', 'seed', formatSeed(seed), '']
		]);
		if (kills.acknowledged === 0) throw new Error('no write was acknowledged: the crash test proved nothing');
	} finally {
		await cluster.stop();
	}
}

/** 1 node; 3 nodes, no update crossing nodes (control); 3 nodes, every update crossing. */
interface RelayRuns {
	one: RelayResult;
	local: RelayResult;
	three: RelayResult;
}

/** `repeat` runs of each configuration, interleaved; each configuration's runs pooled. */
async function relayRuns(on: ClusterEngines): Promise<RelayRuns> {
	const one: RelayResult[] = [];
	const local: RelayResult[] = [];
	const three: RelayResult[] = [];
	for (let i = 0; i < repeat; i++) {
		one.push(await relayOn(on, 1, true));
		local.push(await relayOn(on, 3, false));
		three.push(await relayOn(on, 3, true));
	}
	return { one: pooled(one), local: pooled(local), three: pooled(three) };
}

/** Several runs of one configuration as one: counts, CPU and windows summed, latencies together. */
function pooled(runs: RelayResult[]): RelayResult {
	const sum = (pick: (r: RelayResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
	return {
		nodes: runs[0]?.nodes ?? 0,
		crossNodes: runs[0]?.crossNodes ?? true,
		sent: sum((r) => r.sent),
		delivered: sum((r) => r.delivered),
		latenciesMs: runs.flatMap((r) => r.latenciesMs),
		cpuMs: sum((r) => r.cpuMs),
		windowMs: sum((r) => r.windowMs),
		idleCpuMsPerSecond: sum((r) => r.idleCpuMsPerSecond) / Math.max(1, runs.length)
	};
}

/** The relay load on a fresh cluster of `nodes` on the engines; rooms of its own. */
async function relayOn(on: ClusterEngines, nodes: number, crossNodes: boolean): Promise<RelayResult> {
	console.log(`  relay on ${nodes} node${nodes === 1 ? '' : 's'}${nodes > 1 && !crossNodes ? ', no update crossing nodes' : ''}…`);
	// With --profile, each relay node writes a .cpuprofile when it stops (SIGTERM, so it can).
	const env: Record<string, string> = profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(profileDir, `${nodes}-nodes${crossNodes ? '' : '-control'}`)}` } : {};
	const cluster = await startProcessCluster(on, nodes, { env });
	try {
		return await runRelay(cluster, await createRooms(cluster, roomCount), { ...relayOptions, crossNodes });
	} finally {
		await cluster.stop(profileDir ? 'SIGTERM' : 'SIGKILL');
	}
}

function printRelay({ one, local, three }: RelayRuns): void {
	const row = (r: RelayResult) => {
		const sorted = r.latenciesMs.toSorted((a, b) => a - b);
		const perThousand = (r.cpuMs / Math.max(1, r.sent)) * 1000;
		const busyPerThousand = ((r.cpuMs - (r.idleCpuMsPerSecond * r.windowMs) / 1000) / Math.max(1, r.sent)) * 1000;
		return {
			perThousand,
			busyPerThousand,
			p99: percentile(sorted, 99),
			cells: [
				`${r.nodes} node${r.nodes === 1 ? '' : 's'}${r.nodes > 1 && !r.crossNodes ? ', no update crossing nodes (control)' : ''}`,
				`${((r.sent / r.windowMs) * 1000).toFixed(0)}`,
				`${r.delivered} / ${r.sent}`,
				ms(percentile(sorted, 50)),
				ms(percentile(sorted, 95)),
				ms(percentile(sorted, 99)),
				ms(perThousand),
				`${((perThousand / 1000) * 100).toFixed(1)} % of a core`,
				`${ms(r.idleCpuMsPerSecond)} per s`,
				ms(busyPerThousand)
			]
		};
	};
	const a = row(one);
	const c = row(local);
	const b = row(three);
	const times = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
	console.log('');
	printTable([
		['relay', 'updates/s', 'delivered / sent', 'p50', 'p95', 'p99', 'node CPU per 1,000 updates', 'at 1,000 updates/s', 'idle node CPU', 'CPU per 1,000 less idle'],
		a.cells,
		c.cells,
		b.cells,
		['3 nodes ÷ 1 node', '', '', '', '', `${times(b.p99, a.p99)} (target ≤ 2×)`, `${times(b.perThousand, a.perThousand)} (target ≤ 1.5×)`, '', '', times(b.busyPerThousand, a.busyPerThousand)],
		['of which 3 processes (control ÷ 1 node)', '', '', '', '', times(c.p99, a.p99), times(c.perThousand, a.perThousand), '', '', times(c.busyPerThousand, a.busyPerThousand)],
		['of which fan-out (3 nodes ÷ control)', '', '', '', '', times(b.p99, c.p99), times(b.perThousand, c.perThousand), '', '', times(b.busyPerThousand, c.busyPerThousand)]
	]);
}
