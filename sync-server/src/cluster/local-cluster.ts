/**
 * A whole cluster on one machine, for trying it and for tests (`npm run cluster`, issue 13):
 * PostgreSQL, Redis and radosgw as throwaway processes in one temporary folder (engines/), then
 * `nodes` server processes (`main.ts` with DATABASE_URL, REDIS_URL and S3_*) on `basePort`,
 * `basePort + 1`, … that share one origin policy (each accepts the others' origins, as behind
 * one load balancer) and one data folder (uploads in progress are staged there, so an upload
 * may resume on any node; blobs go to S3).
 *
 * Nodes start one after another (the first seeds the demo data and the first reviewer). Their
 * output is passed on a line at a time, prefixed with the node. If any process stops by itself
 * (an engine or a node crashed), everything else is stopped and `stopped` resolves with what
 * happened; `stop` stops the nodes (SIGTERM, then SIGKILL after a grace), then the engines,
 * then removes the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureEnginePackages } from './engines/packages.ts';
import { createDatabase, databaseUrl, startPostgres, type LocalPostgres } from './engines/postgres.ts';
import { startRadosgw, type LocalRadosgw } from './engines/radosgw.ts';
import { redisUrl, startRedis, type LocalRedis } from './engines/redis.ts';

export interface LocalClusterOptions {
	/** The server entry point each node runs (`sync-server/src/main.ts`). */
	nodeEntry: string;
	basePort: number;
	host: string;
	nodes: number;
	/** The environment the nodes inherit (their own settings are added to it). */
	env: Readonly<Record<string, string | undefined>>;
	/** Where progress and the nodes' output go, a line at a time. */
	say: (line: string) => void;
	/** Aborting it while starting stops what already started and rejects. */
	signal?: AbortSignal;
}

export interface LocalCluster {
	/** Each node's URL, in port order. */
	readonly urls: readonly string[];
	/** Every process it started: the engines' and the nodes'. */
	readonly pids: readonly number[];
	readonly engines: { database: string; redis: string; s3: string };
	/** Resolves when a process stopped by itself and the rest was stopped, with what stopped. */
	readonly stopped: Promise<string>;
	/** Stops the nodes, then the engines; removes the folder. Idempotent. */
	stop(): Promise<void>;
}

const NODE_START_MS = 60_000;
const NODE_STOP_GRACE_MS = 10_000;

export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
	const { say, signal } = options;
	ensureEnginePackages(say);
	const dir = mkdtempSync(join(tmpdir(), 'beian-cluster-'));
	// PostgreSQL runs as `nobody` under root: it must pass through (not list) the folder to reach its own.
	chmodSync(dir, 0o711);
	const dataDir = join(dir, 'data');
	mkdirSync(dataDir, { mode: 0o700 });
	const nodes: ChildProcess[] = [];
	const engines: { postgres?: LocalPostgres; redis?: LocalRedis; s3?: LocalRadosgw } = {};
	let stopping: Promise<void> | null = null;
	const stop = () =>
		(stopping ??= (async () => {
			await Promise.all(nodes.map((node) => stopProcess(node, NODE_STOP_GRACE_MS)));
			await Promise.all([engines.s3?.stop(), engines.redis?.stop(), engines.postgres?.stop()]);
			rmSync(dir, { recursive: true, force: true });
		})());
	let reportStopped: (what: string) => void = () => {};
	const stopped = new Promise<string>((resolve) => (reportStopped = resolve));
	const crashed = (what: string) => {
		if (stopping) return;
		say(`${what}: stopping the cluster`);
		void stop().then(() => reportStopped(what));
	};
	try {
		say(`Starting PostgreSQL, Redis and radosgw in ${dir}…`);
		const [postgres, redis, s3] = await Promise.allSettled([startPostgres({ parentDir: dir }), startRedis({ parentDir: dir }), startRadosgw({ parentDir: dir })]);
		if (postgres.status === 'fulfilled') engines.postgres = postgres.value;
		if (redis.status === 'fulfilled') engines.redis = redis.value;
		if (s3.status === 'fulfilled') engines.s3 = s3.value;
		for (const result of [postgres, redis, s3]) if (result.status === 'rejected') throw result.reason;
		const { postgres: pg, redis: rd, s3: gw } = engines as Required<typeof engines>;
		for (const engine of [pg, rd, gw]) engine.onExit(crashed);
		const database = databaseUrl(pg, await createDatabase(pg, 'beian'));
		const urls = Array.from({ length: options.nodes }, (_, i) => `http://${options.host === '127.0.0.1' ? 'localhost' : options.host}:${options.basePort + i}`);
		const origins = urls.flatMap((url) => [url, url.replace('//localhost:', '//127.0.0.1:')]);
		const shared = {
			...options.env,
			HOST: options.host,
			DATA_DIR: dataDir,
			DATABASE_URL: database,
			REDIS_URL: redisUrl(rd),
			S3_ENDPOINT: gw.endpoint,
			S3_BUCKET: gw.bucket,
			S3_REGION: gw.region,
			S3_ACCESS_KEY_ID: gw.accessKeyId,
			S3_SECRET_ACCESS_KEY: gw.secretAccessKey,
			S3_FORCE_PATH_STYLE: 'true',
			ALLOWED_ORIGINS: [...new Set([...origins, ...(options.env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)])].join(',')
		};
		for (let i = 0; i < options.nodes; i++) {
			if (signal?.aborted) throw new Error('stopped while starting');
			const node = spawn(process.execPath, [options.nodeEntry], { env: { ...shared, PORT: String(options.basePort + i) }, stdio: ['ignore', 'pipe', 'pipe'] });
			nodes.push(node);
			await waitForNode(node, `node ${i + 1}`, say, signal);
			node.once('exit', (code, exitSignal) => crashed(`node ${i + 1} exited (${exitSignal ?? code})`));
		}
		return {
			urls,
			pids: [pg.pid, rd.pid, ...gw.pids, ...nodes.map((node) => node.pid ?? 0)],
			engines: { database: `PostgreSQL (socket in ${pg.socketDir})`, redis: `Redis (socket ${rd.socket})`, s3: `radosgw ${gw.endpoint}, bucket ${gw.bucket}` },
			stopped,
			stop
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Passes the node's output on, prefixed; resolves once it printed that it is running, rejects if it exits first. */
function waitForNode(node: ChildProcess, name: string, say: (line: string) => void, signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${name} did not start within ${NODE_START_MS / 1000} s`)), NODE_START_MS);
		const settle = (error: Error | null) => {
			clearTimeout(timer);
			node.off('exit', onExit);
			signal?.removeEventListener('abort', onAbort);
			if (error) reject(error);
			else resolve();
		};
		const onExit = (code: number | null, exitSignal: NodeJS.Signals | null) => settle(new Error(`${name} exited while starting (${exitSignal ?? code})`));
		const onAbort = () => settle(new Error('stopped while starting'));
		node.once('exit', onExit);
		signal?.addEventListener('abort', onAbort, { once: true });
		for (const stream of [node.stdout, node.stderr]) {
			if (!stream) continue;
			createInterface({ input: stream }).on('line', (line) => {
				if (line.trim() !== '') say(`[${name}] ${line}`);
				if (line.includes('is running at')) settle(null);
			});
		}
	});
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}
