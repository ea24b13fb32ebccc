/**
 * A real Beian server process per test (the production entry point, on a free port and a
 * temporary data folder) that the test can stop and start again, e.g. to cut the WebSocket
 * for real — `context.setOffline` does not close open WebSockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..', '..');

export class ServerProcess {
	readonly dataDir = mkdtempSync(join(tmpdir(), 'beian-e2e-'));
	#child: ChildProcess | null = null;
	#port: number;

	#env: Record<string, string>;

	constructor(port: number, env: Record<string, string> = {}) {
		this.#port = port;
		this.#env = env;
	}

	get url(): string {
		return `http://localhost:${this.#port}`;
	}

	async start(): Promise<void> {
		const child = spawn(process.execPath, [join(ROOT, 'sync-server/src/main.ts')], {
			cwd: ROOT,
			env: { ...process.env, PORT: String(this.#port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', REGISTER_LIMIT_PER_IP: '1000/60', SIGNIN_LIMIT_PER_IP: '1000/60', ...this.#env },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		this.#child = child;
		await new Promise<void>((ready, fail) => {
			let out = '';
			child.stdout?.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('is running at')) ready();
			});
			child.once('exit', (code) => fail(new Error(`server exited early with ${code}: ${out}`)));
		});
	}

	/** SIGTERM and wait: the server closes sockets and checkpoints the database. */
	async stop(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((done) => child.once('exit', done));
		child.kill('SIGTERM');
		await exited;
		this.#child = null;
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
		});
	});
}

export const test = base.extend<{ serverEnv: Record<string, string>; server: ServerProcess }>({
	serverEnv: [{}, { option: true }],
	server: async ({ serverEnv }, use) => {
		const server = new ServerProcess(await freePort(), serverEnv);
		await server.start();
		await use(server);
		await server.dispose();
	}
});

export { expect } from '@playwright/test';
