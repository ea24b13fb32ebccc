/**
 * The crash test across nodes, small and fast (issue 13; the full 50 rounds are
 * `npm run bench:cluster`): three real server processes on one PostgreSQL database and a Redis
 * of their own, writers that reconnect to another node and re-send only what was never
 * acknowledged (tests/support/cluster-writers.ts). Each case fails on any acknowledged edit
 * missing on a node or in PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRooms, describeLost, runCrashBeforePublish, runNodeKills, runRedisRestart } from '../support/cluster-crash.ts';
import { startClusterEngines, startProcessCluster, type ClusterEngines, type ProcessCluster } from '../support/cluster-processes.ts';
import type { RoomAccess } from '../support/cluster-writers.ts';
import { createPrng, formatSeed, randomSeed } from '../support/prng.ts';

const seed = randomSeed();
const prng = createPrng(seed);
const write = { batch: [1, 3] as [number, number], pauseMs: [10, 30] as [number, number] };
let engines: ClusterEngines;
let cluster: ProcessCluster;
let rooms: RoomAccess[];

beforeAll(async () => {
	engines = await startClusterEngines({ postgres: inject('postgres'), label: 'cluster_crash' });
	cluster = await startProcessCluster(engines, 3);
	rooms = await createRooms(cluster, 3);
}, 60_000);
afterAll(async () => {
	await cluster?.stop();
	await engines?.stop();
});

describe(`cluster crash test (seed ${formatSeed(seed)})`, () => {
	it('a random node SIGKILLed while writers write through all three: they reconnect to the others, nothing acknowledged is lost', async () => {
		const result = await runNodeKills(cluster, { prng: prng.fork(), rounds: 3, writers: 6, rooms: rooms.slice(0, 2), write });
		expect(result.acknowledged).toBeGreaterThan(0);
		expect(result.rounds.reduce((n, r) => n + r.displaced, 0)).toBeGreaterThan(0);
		expect(result.lost, describeLost(result.lost, seed)).toEqual([]);
	}, 60_000);

	it('Redis SIGKILLed and restarted empty mid-run: edits stay acknowledged, reach every node, fan-out resumes, nothing is lost', async () => {
		const result = await runRedisRestart(cluster, { prng: prng.fork(), room: rooms[2] as RoomAccess, downMs: 700, write });
		expect(result.acknowledgedWhileDown).toBeGreaterThan(0);
		expect(result.resumeMs).toBeLessThan(10_000);
		expect(result.lost, describeLost(result.lost, seed)).toEqual([]);
	}, 60_000);

	it('a node killed between its commit and its publish: the others catch up from PostgreSQL with no further write', async () => {
		const result = await runCrashBeforePublish(cluster, { room: rooms[0] as RoomAccess, times: 1 });
		expect(result.runs).toHaveLength(1);
		// The room poll is 2 s; allow for a loaded machine.
		expect(result.runs[0]?.catchUpMs).toBeLessThan(8000);
		expect(result.lost, describeLost(result.lost, seed)).toEqual([]);
	}, 60_000);
});
