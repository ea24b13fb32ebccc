/**
 * Starts a real Beian server on port 0 over a SQLite database in a temporary data folder,
 * and real y-websocket clients against it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { trackPersisted } from '../../src/lib/sync/persisted.ts';
import { silentLogger } from '../../sync-server/src/log.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../sync-server/src/server.ts';
import { openDatabase, SqliteDocStore } from '../../sync-server/src/storage/sqlite-doc-store.ts';

export interface TestServer {
	server: RunningServer;
	dataDir: string;
	/** Starts again on the same data folder (and the same port when possible). */
	restart(): Promise<TestServer>;
	/** Stops the server and deletes the data folder. */
	dispose(): Promise<void>;
}

export async function startTestServer(
	options: Partial<Omit<ServerOptions, 'docStore'>> & { dataDir?: string } = {}
): Promise<TestServer> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'beian-test-'));
	const server = await startServer({
		port: 0,
		host: '127.0.0.1',
		staticDir: null,
		logger: silentLogger,
		...options,
		docStore: new SqliteDocStore(openDatabase(join(dataDir, 'beian.sqlite')))
	});
	return {
		server,
		dataDir,
		async restart() {
			await server.close();
			return startTestServer({ ...options, port: server.port, dataDir });
		},
		async dispose() {
			await server.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Whether the server has acknowledged every local update as durable. */
	readonly saved: boolean;
	destroy(): void;
}

/** A real y-websocket client (BroadcastChannel off, so only the server can carry edits). */
export function connectClient(server: RunningServer, room: string, doc = new Y.Doc()): TestClient {
	const provider = new WebsocketProvider(server.url.replace('http', 'ws') + '/sync', room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	let saved = false;
	const stop = trackPersisted(provider, (value) => (saved = value));
	return {
		doc,
		provider,
		get saved() {
			return saved;
		},
		destroy() {
			stop();
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves once `check()` is true, polling; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}
