/**
 * A cluster of real server processes (`node sync-server/src/main.ts`, env only, as in
 * production) on one PostgreSQL database and one Redis, for the cluster benchmark and the crash
 * test across nodes: a node can be SIGKILLed and started again in its slot, and Redis restarted,
 * while clients write. Each node has a data folder of its own (uploads, mail); only PostgreSQL
 * and Redis are shared. Each node accepts only its own origin, so a client sends the origin of
 * the node it connects to (`originOf`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createPgPool } from '../../sync-server/src/storage/pg/pg-database.ts';
import { createDatabase, databaseUrl, startPostgres, type TestPostgres, type TestPostgresInfo } from './postgres.ts';
import { redisUrl, startRedis, type TestRedis } from './redis.ts';
import { spawnOurServer, type ServerProcess } from './server-process.ts';

/** Limits for nodes that take hundreds of writes a second from one address. */
const NODE_ENV = {
	LOG_LEVEL: 'warn',
	LEGACY_DEMO: 'off',
	REGISTER_LIMIT_PER_IP: '100000/60',
	SIGNIN_LIMIT_PER_IP: '100000/60',
	SYNC_MESSAGES_PER_SECOND: '20000',
	SYNC_MESSAGE_BURST: '40000',
	SYNC_MAX_CONNECTIONS_PER_IP: '100000',
	SYNC_MAX_CONNECTIONS_PER_ACCOUNT: '100000'
};

export interface ClusterEngines {
	databaseUrl: string;
	redis: TestRedis;
	/** Stops what `startClusterEngines` started (a PostgreSQL passed in stays up). */
	stop(): Promise<void>;
}

/**
 * A fresh database (on `postgres` when given, e.g. the test run's, else on a PostgreSQL started
 * here) and a Redis of its own (so it can be restarted without disturbing anyone else).
 */
export async function startClusterEngines(options: { postgres?: TestPostgresInfo; label: string }): Promise<ClusterEngines> {
	let own: TestPostgres | null = null;
	const info = options.postgres ?? (own = await startPostgres());
	const redis = await startRedis().catch(async (error: unknown) => {
		await own?.stop();
		throw error;
	});
	const database = await createDatabase(info, options.label);
	return {
		databaseUrl: databaseUrl(info, database),
		redis,
		async stop() {
			await redis.stop();
			await own?.stop();
		}
	};
}

export interface ProcessCluster {
	readonly engines: ClusterEngines;
	/** The node in each slot, null while it is down. */
	readonly nodes: readonly (ServerProcess | null)[];
	/** The nodes that are up, with their slots. */
	live(): { slot: number; node: ServerProcess }[];
	/** Starts the node of `slot` (more env: e.g. the test-only crash hook). */
	start(slot: number, env?: Record<string, string>): Promise<ServerProcess>;
	/** SIGKILLs the node of `slot` and waits until it is gone. */
	kill(slot: number): Promise<void>;
	/** Sum of the live nodes' CPU time, ms (from /proc). */
	cpuMs(): number;
	/** Stops every node (SIGKILL unless told otherwise) and removes their data folders; the engines stay. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `count` nodes: the first alone (it migrates the fresh database), then the others
 * together. `env`: more settings for every node (e.g. NODE_OPTIONS=--cpu-prof for a profile).
 */
export async function startProcessCluster(engines: ClusterEngines, count: number, options: { env?: Record<string, string> } = {}): Promise<ProcessCluster> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-cluster-'));
	const nodes: (ServerProcess | null)[] = Array.from({ length: count }, () => null);
	const start = async (slot: number, env: Record<string, string> = {}) => {
		if (nodes[slot]) throw new Error(`node ${slot} is running`);
		const node = await spawnOurServer({
			dataDir: join(dataDir, `node-${slot}`),
			env: { ...NODE_ENV, DATABASE_URL: engines.databaseUrl, REDIS_URL: redisUrl(engines.redis), ...options.env, ...env }
		});
		nodes[slot] = node;
		void node.exited.then(() => {
			if (nodes[slot] === node) nodes[slot] = null;
		});
		return node;
	};
	const cluster: ProcessCluster = {
		engines,
		nodes,
		live: () => nodes.flatMap((node, slot) => (node ? [{ slot, node }] : [])),
		start,
		async kill(slot) {
			const node = nodes[slot];
			nodes[slot] = null;
			await node?.stop('SIGKILL');
		},
		cpuMs: () => nodes.reduce((sum, node) => sum + (node ? node.cpuMs() : 0), 0),
		async stop(signal = 'SIGKILL') {
			await Promise.all(nodes.map(async (node, slot) => {
				nodes[slot] = null;
				await node?.stop(signal);
			}));
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
	try {
		await start(0);
		await Promise.all(nodes.slice(1).map((_, i) => start(i + 1)));
	} catch (error) {
		await cluster.stop();
		throw error;
	}
	return cluster;
}

/** The origin a client of `node` sends (the node's default allowlist). */
export function originOf(node: ServerProcess): string {
	return node.httpOrigin;
}

/** The room as PostgreSQL holds it: every row of its log applied to a fresh doc (the caller destroys it). */
export async function roomFromPostgres(url: string, room: string): Promise<Y.Doc> {
	const pool = createPgPool(url, { max: 1 });
	try {
		const { rows } = await pool.query('SELECT data FROM doc_updates WHERE room = $1 ORDER BY seq', [room]);
		const doc = new Y.Doc();
		for (const row of rows as { data: Buffer }[]) Y.applyUpdate(doc, new Uint8Array(row.data));
		return doc;
	} finally {
		await pool.end();
	}
}
