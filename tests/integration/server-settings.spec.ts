/**
 * `main.ts` reads its settings from env and refuses a malformed one with a message naming it
 * (exit 1) instead of starting with a value nobody meant. SYNC_GROUP_COMMIT_MS: 1–1000 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnOurServer } from '../support/server-process.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function dataDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'beian-settings-'));
	dirs.push(dir);
	return dir;
}

function start(env: Record<string, string>) {
	const dir = dataDir();
	return spawnSync(process.execPath, ['sync-server/src/main.ts'], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, STATIC_DIR: join(dir, 'no-app'), LOG_LEVEL: 'warn', ...env },
		encoding: 'utf8',
		timeout: 15_000
	});
}

describe('server settings from env', () => {
	it.each(['abc', '0', '-5', '1.5', '1001', '2147483648'])('SYNC_GROUP_COMMIT_MS=%s is refused with a message naming it', (value) => {
		const run = start({ SYNC_GROUP_COMMIT_MS: value });
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/^SYNC_GROUP_COMMIT_MS must be /);
	});

	it('SYNC_GROUP_COMMIT_MS=1000 (the largest allowed) starts the server', async () => {
		const server = await spawnOurServer({ dataDir: dataDir(), env: { LOG_LEVEL: 'warn', SYNC_GROUP_COMMIT_MS: '1000' } });
		try {
			expect((await fetch(`${server.httpOrigin}/api/me`)).status).toBe(401);
		} finally {
			await server.stop();
		}
	});
});
