/**
 * A real Beian server process per test (the production entry point, on a free port and a
 * temporary data folder, serving the built app) that the test can stop and start again, e.g.
 * to cut the WebSocket for real — `context.setOffline` does not close open WebSockets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { freePort, spawnOurServer, type ServerProcess } from '../support/server-process.ts';

const BUILD = resolve(import.meta.dirname, '..', '..', 'build');

export class E2eServer {
	readonly dataDir = mkdtempSync(join(tmpdir(), 'beian-e2e-'));
	#process: ServerProcess | null = null;
	#port: number;
	#env: Record<string, string>;

	constructor(port: number, env: Record<string, string> = {}) {
		this.#port = port;
		this.#env = env;
	}

	get url(): string {
		return `http://localhost:${this.#port}`;
	}

	/** Starts (again) on the same port and data folder. */
	async start(): Promise<void> {
		this.#process = await spawnOurServer({
			dataDir: this.dataDir,
			env: { PORT: String(this.#port), STATIC_DIR: BUILD, LOG_LEVEL: 'warn', REGISTER_LIMIT_PER_IP: '1000/60', SIGNIN_LIMIT_PER_IP: '1000/60', ...this.#env }
		});
	}

	/** SIGTERM and wait: the server closes sockets and checkpoints the database. */
	async stop(): Promise<void> {
		await this.#process?.stop('SIGTERM');
		this.#process = null;
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}

export const test = base.extend<{ serverEnv: Record<string, string>; server: E2eServer }>({
	serverEnv: [{}, { option: true }],
	server: async ({ serverEnv }, use) => {
		const server = new E2eServer(await freePort(), serverEnv);
		await server.start();
		await use(server);
		await server.dispose();
	}
});

export { expect } from '@playwright/test';
