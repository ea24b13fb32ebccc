/**
 * Server cold start: time from spawning `node sync-server/src/main.ts` (fresh data folder) to
 * its first successful `GET /api/health`. Median of several runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnOurServer } from '../support/server-process.ts';

async function once(): Promise<number> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-bench-'));
	const started = performance.now();
	const server = await spawnOurServer({ dataDir, env: { LOG_LEVEL: 'warn' } });
	try {
		const res = await fetch(`${server.httpOrigin}/api/health`);
		if (!res.ok) throw new Error(`health answered ${res.status}`);
		return performance.now() - started;
	} finally {
		await server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

export async function measureColdStart(runs = 5): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) times.push(await once());
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)] as number;
}
