/**
 * `npm run cluster`: a local cluster for trying several nodes and for tests (issue 13) —
 * PostgreSQL, Redis and radosgw in a temporary folder, then 3 nodes on PORT, PORT+1, PORT+2
 * (default 8787). Reads the environment and signals and calls cluster/local-cluster.ts; nothing
 * else belongs here. Ctrl-C (or SIGTERM) stops everything it started; when one part stops by
 * itself the rest is stopped and the command exits 1.
 */
import { resolve } from 'node:path';
import { startLocalCluster } from './cluster/local-cluster.ts';

const env = process.env;
const basePort = Number(env.PORT ?? 8787);
if (!Number.isSafeInteger(basePort) || basePort < 1 || basePort > 65_533) {
	process.stderr.write(`PORT must be a port number (it and the next two are used), got ${JSON.stringify(env.PORT)}\n`);
	process.exit(1);
}
const say = (line: string) => void process.stdout.write(`${line}\n`);
const starting = new AbortController();
let stop: (() => Promise<void>) | null = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		say(`\n${signal}: stopping the cluster…`);
		starting.abort();
		void stop?.().then(() => process.exit(0));
	});
}

try {
	const cluster = await startLocalCluster({ nodeEntry: resolve(import.meta.dirname, 'main.ts'), basePort, host: env.HOST ?? '127.0.0.1', nodes: 3, env, say, signal: starting.signal });
	stop = cluster.stop;
	say(`\n  备案助手 Beian cluster: ${cluster.urls.length} nodes\n${cluster.urls.map((url) => `  node: ${url}`).join('\n')}\n  database: ${cluster.engines.database}\n  redis: ${cluster.engines.redis}\n  s3: ${cluster.engines.s3}\n  Ctrl-C stops everything.\n`);
	if (starting.signal.aborted) await cluster.stop().then(() => process.exit(0));
	const what = await cluster.stopped;
	process.stderr.write(`cluster stopped: ${what}\n`);
	process.exit(1);
} catch (error) {
	process.stderr.write(`${starting.signal.aborted ? 'stopped' : 'cluster failed to start'}: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(starting.signal.aborted ? 0 : 1);
}
