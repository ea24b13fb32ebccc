/**
 * Several real server nodes in this process on one PostgreSQL schema and one Redis (issue 13):
 * each node has its own pool, its own Redis connections and its own port, as separate machines
 * behind a load balancer would; only PostgreSQL and Redis are shared. Redis is the run's server
 * (`inject('redis')`) unless a test passes its own (to restart it). Each cluster gets a key
 * prefix of its own, so clusters of different tests never hear each other.
 */
import { afterEach, inject } from 'vitest';
import { silentLogger } from '../../sync-server/src/log.ts';
import { openRedisCluster, type RedisCluster } from '../../sync-server/src/cluster/redis-cluster.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../sync-server/src/server.ts';
import { openPgStores, type ServerStores } from '../../sync-server/src/storage/open-stores.ts';
import { freshSchema, type PgFixture } from './pg-suite.ts';
import { redisUrl } from './redis.ts';
import * as decoding from 'lib0/decoding';
import { MESSAGE_ERROR } from '../../src/lib/sync/protocol.ts';
import { connectClient, TEST_LIMITS, TEST_PASSWORD_COST, type TestClient, type useTestServers } from './server.ts';

export interface ClusterNode {
	server: RunningServer;
	cluster: RedisCluster;
	stores: ServerStores;
	/** Stops the server, its Redis connections and its pool. Idempotent. */
	stop(): Promise<void>;
}

export interface TestCluster {
	nodes: ClusterNode[];
	db: PgFixture;
	prefix: string;
	/** One more node on the same database and Redis. */
	addNode(): Promise<ClusterNode>;
}

export interface ClusterOptions {
	nodes?: number;
	/** Default: the test run's Redis. */
	redisUrl?: string;
	limits?: ServerOptions['limits'];
	/** RoomCluster.pollMs (default here 300 ms, so a missed publish is caught up within a test's patience). */
	pollMs?: number;
	/** More server options for every node (e.g. one blob store and staging folder shared by all). */
	server?: Partial<ServerOptions>;
}

let clusters = 0;
const running: (() => Promise<void>)[] = [];

afterEach(async () => {
	for (const stop of running.splice(0).reverse()) await stop();
});

export async function startCluster(options: ClusterOptions = {}): Promise<TestCluster> {
	const db = await freshSchema('cluster');
	const prefix = `t${process.pid}-${++clusters}:`;
	const url = options.redisUrl ?? redisUrl(inject('redis'));
	const nodes: ClusterNode[] = [];
	running.push(() => db.dispose());
	const addNode = async () => {
		const node = await startNode({ databaseUrl: db.url, redisUrl: url, prefix, limits: options.limits, pollMs: options.pollMs ?? 300, server: options.server ?? {} });
		running.push(() => node.stop());
		nodes.push(node);
		return node;
	};
	for (let i = 0; i < (options.nodes ?? 2); i++) await addNode();
	return { nodes, db, prefix, addNode };
}

async function startNode(options: { databaseUrl: string; redisUrl: string; prefix: string; limits: ServerOptions['limits']; pollMs: number; server: Partial<ServerOptions> }): Promise<ClusterNode> {
	const stores = await openPgStores(options.databaseUrl, { poolSize: 4 });
	if (!stores.log) throw new Error('PostgreSQL stores without a log');
	const cluster = await openRedisCluster({ url: options.redisUrl, log: stores.log, logger: silentLogger, keyPrefix: options.prefix, pollMs: options.pollMs, gapGraceMs: 50 });
	const server = await startServer({
		...options.server,
		port: 0,
		host: '127.0.0.1',
		staticDir: null,
		logger: silentLogger,
		passwordHashCost: TEST_PASSWORD_COST,
		limits: { ...TEST_LIMITS, ...options.limits },
		docStore: stores.docStore,
		records: stores.records,
		review: stores.review,
		legacy: stores.legacy,
		cluster
	});
	let stopping: Promise<void> | null = null;
	const stop = () =>
		(stopping ??= (async () => {
			await server.close();
			await cluster.close();
			await stores.close();
		})());
	return { server, cluster, stores, stop };
}

/** A y-websocket client on one node, tracked for cleanup, with the MESSAGE_ERROR codes it received. */
export function clusterClient(servers: ReturnType<typeof useTestServers>, node: ClusterNode, room: string, cookie: string): TestClient & { errors: string[] } {
	const c = servers.track(connectClient(node.server, room, { cookie }));
	const errors: string[] = [];
	c.provider.messageHandlers[MESSAGE_ERROR] = (_encoder, decoder) => void errors.push(decoding.readVarString(decoder));
	return Object.assign(c, { errors });
}
