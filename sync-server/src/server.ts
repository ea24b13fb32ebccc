/**
 * The Beian server factory: one HTTP server that serves the built app, `/api` and the
 * `/sync` WebSocket. Takes every dependency as a parameter so tests start it on port 0.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { handleApi } from './http/api.ts';
import { sendError } from './http/respond.ts';
import { serveStatic } from './http/static-files.ts';
import type { Logger } from './log.ts';
import type { DocStore } from './storage/doc-store.ts';
import { SyncEndpoint } from './sync/endpoint.ts';
import { Rooms } from './sync/rooms.ts';

export interface ServerOptions {
	port: number;
	host: string;
	/** Folder with the built app (`build/`); null serves only the API and sync. */
	staticDir: string | null;
	docStore: DocStore;
	logger: Logger;
	version?: string;
	/** Largest accepted WebSocket frame, bytes. */
	maxPayload?: number;
	/** Evict a room this long after its last peer left. */
	roomIdleMs?: number;
	/** Compact a room's update log beyond this many rows. */
	compactAfter?: number;
}

export interface RunningServer {
	readonly url: string;
	readonly port: number;
	/** Closes sockets, flushes rooms, closes the stores. Idempotent. */
	close(): Promise<void>;
}

const DEFAULTS = { maxPayload: 1024 * 1024, roomIdleMs: 30_000, compactAfter: 500 };

export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const settings = { ...DEFAULTS, ...options };
	const { logger } = settings;
	const rooms = new Rooms({ store: settings.docStore, logger, idleMs: settings.roomIdleMs, compactAfter: settings.compactAfter });
	const sync = new SyncEndpoint({ rooms, logger, maxPayload: settings.maxPayload });
	const api = { version: settings.version ?? 'dev', startedAt: Date.now(), roomsInMemory: () => rooms.size };
	const staticDir = settings.staticDir === null ? null : resolve(settings.staticDir);

	const server = createServer((req, res) => {
		const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		const handled = pathname.startsWith('/api/')
			? handleApi(req, res, pathname, api)
			: staticDir
				? serveStatic(req, res, pathname, { root: staticDir, fallback: '200.html' })
				: Promise.resolve(sendError(res, 404, 'not-found', 'Not found'));
		handled.catch((error: unknown) => {
			logger.log('error', 'request failed', { path: pathname, error: String(error) });
			if (!res.headersSent) sendError(res, 500, 'internal', 'Internal server error');
			else res.destroy();
		});
	});
	server.on('upgrade', (req, socket, head) => {
		const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (sync.matches(pathname)) return sync.upgrade(req, socket, head, pathname);
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
	});

	await listen(server, settings.port, settings.host);
	const port = (server.address() as AddressInfo).port;
	const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
	logger.log('info', 'listening', { url });

	let closing: Promise<void> | null = null;
	const close = () =>
		(closing ??= (async () => {
			sync.closeAll();
			await new Promise<void>((done) => {
				server.close(() => done());
				server.closeAllConnections();
			});
			await rooms.closeAll();
			await settings.docStore.close();
			logger.log('info', 'stopped');
		})());
	return { url, port, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
	return new Promise((done, fail) => {
		server.once('error', fail);
		server.listen(port, host, () => {
			server.off('error', fail);
			done();
		});
	});
}
