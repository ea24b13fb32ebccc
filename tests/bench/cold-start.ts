/**
 * Server cold start: time from spawning `node sync-server/src/main.ts` (fresh data folder) to
 * the first successful `GET /api/health`. Median of several runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function once(root: string, port: number): Promise<number> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-bench-'));
	const started = performance.now();
	const child = spawn(process.execPath, [join(root, 'sync-server/src/main.ts')], {
		env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		stdio: 'ignore'
	});
	try {
		for (;;) {
			try {
				const res = await fetch(`http://127.0.0.1:${port}/api/health`);
				if (res.ok) return performance.now() - started;
			} catch {
				// not listening yet
			}
			if (performance.now() - started > 15_000) throw new Error('server did not start in 15 s');
			await new Promise((r) => setTimeout(r, 5));
		}
	} finally {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
		rmSync(dataDir, { recursive: true, force: true });
	}
}

export async function measureColdStart(root: string, runs = 5): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) times.push(await once(root, 18_700 + i));
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)] as number;
}
