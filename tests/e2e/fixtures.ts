/**
 * A real Beian server process per test (the production entry point, on a free port and a
 * temporary data folder, serving the built app) that the test can stop and start again, e.g.
 * to cut the WebSocket for real — `context.setOffline` does not close open WebSockets.
 *
 * Every test also runs under a CSP guard: each browser context (the default one and any from
 * `browser.newContext()`) reports `securitypolicyviolation` events and CSP console errors, and
 * the test fails if any was recorded (a test that provokes one on purpose takes it with
 * `csp.take()`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Browser, type BrowserContext } from '@playwright/test';
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

/** CSP violations seen in the watched browser contexts of one test. */
export class CspGuard {
	#violations: string[] = [];
	#watched = new WeakSet<BrowserContext>();

	async watch(context: BrowserContext): Promise<void> {
		if (this.#watched.has(context)) return;
		this.#watched.add(context);
		await context.exposeBinding('__beianCspViolation', (_source, text: string) => void this.#violations.push(text));
		// Init scripts run outside the page's CSP, before any of its own scripts.
		await context.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (event) => {
				const report = (window as unknown as { __beianCspViolation?: (text: string) => void }).__beianCspViolation;
				report?.(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
			});
		});
		context.on('console', (message) => {
			if (message.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(message.text())) this.#violations.push(`console: ${message.text()}`);
		});
	}

	/** The violations recorded so far; clears them. */
	take(): string[] {
		return this.#violations.splice(0);
	}
}

/** Makes `browser.newContext()` watch every context it creates, until the returned undo runs. */
function watchNewContexts(browser: Browser, guard: CspGuard): () => void {
	const original = browser.newContext;
	browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
		const context = await original.apply(browser, args);
		await guard.watch(context);
		return context;
	};
	return () => void (browser.newContext = original);
}

export const test = base.extend<{ serverEnv: Record<string, string>; server: E2eServer; csp: CspGuard }>({
	csp: [
		async ({ browser }, use) => {
			const guard = new CspGuard();
			const undo = watchNewContexts(browser, guard);
			await use(guard);
			undo();
			expect(guard.take(), 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	],
	context: async ({ context, csp }, use) => {
		await csp.watch(context);
		await use(context);
	},
	serverEnv: [{}, { option: true }],
	server: async ({ serverEnv }, use) => {
		const server = new E2eServer(await freePort(), serverEnv);
		await server.start();
		await use(server);
		await server.dispose();
	}
});

export { expect } from '@playwright/test';
