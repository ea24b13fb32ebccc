/**
 * Builds the capture harness page with Vite (the same bundler and worker handling as the app:
 * `new Worker(new URL(…), { type: 'module' })` becomes a hashed module under `_app/immutable`)
 * and serves it with the real server, whose CSP applies (`worker-src 'self' blob:`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { spawnOurServer, type ServerProcess } from '../server-process.ts';

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, '..', '..', '..');
export const HARNESS_OUT = join(ROOT, 'tests', '.output', 'capture-harness');

/** Builds a harness page (`root` holds its index.html; the vault harness reuses this). */
export async function buildCaptureHarness(outDir = HARNESS_OUT, root = HERE): Promise<string> {
	await build({
		root,
		configFile: false,
		logLevel: 'warn',
		base: '/',
		build: { outDir, emptyOutDir: true, assetsDir: '_app/immutable', target: 'es2022', modulePreload: false },
		worker: { format: 'es' }
	});
	return outDir;
}

export interface CaptureHarness {
	readonly url: string;
	readonly server: ServerProcess;
	stop(): Promise<void>;
}

/** Builds the harness (or the one in `page`) and starts the real server on it (a free port, a temporary data folder). */
export async function startCaptureHarness(page?: { root: string; outDir: string }): Promise<CaptureHarness> {
	const staticDir = await buildCaptureHarness(page?.outDir, page?.root);
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-capture-'));
	const server = await spawnOurServer({ dataDir, env: { LOG_LEVEL: 'warn', STATIC_DIR: staticDir } });
	return {
		url: `${server.httpOrigin}/`,
		server,
		async stop() {
			await server.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
