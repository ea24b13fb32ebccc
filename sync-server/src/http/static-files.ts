/**
 * Serves the built PWA from a folder: hashed assets under `_app/immutable/` are cached for a
 * year, everything else is revalidated; navigations to unknown paths get the SPA fallback.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { sendError } from './respond.ts';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2'
};

export interface StaticOptions {
	root: string;
	/** File served for navigations that match no file (SvelteKit's SPA fallback). */
	fallback: string;
}

/** Serves GET/HEAD for the app; answers 404/405 JSON errors otherwise. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, options: StaticOptions): Promise<void> {
	if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'method-not-allowed', 'Method not allowed');
	const file = await resolveFile(options.root, pathname);
	if (file) return sendFile(req, res, file, pathname);
	if (extname(pathname) === '') return sendFile(req, res, join(options.root, options.fallback), '/' + options.fallback);
	sendError(res, 404, 'not-found', 'Not found');
}

async function resolveFile(root: string, pathname: string): Promise<string | null> {
	let decoded: string;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return null;
	}
	const candidate = normalize(join(root, decoded));
	if (candidate !== root && !candidate.startsWith(root + sep)) return null;
	for (const path of [candidate, join(candidate, 'index.html')]) {
		const info = await stat(path).catch(() => null);
		if (info?.isFile()) return path;
	}
	return null;
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, pathname: string): void {
	const immutable = pathname.includes('/_app/immutable/');
	res.writeHead(200, {
		'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
		'x-content-type-options': 'nosniff',
		...(pathname.endsWith('service-worker.js') ? { 'service-worker-allowed': '/' } : {})
	});
	if (req.method === 'HEAD') return void res.end();
	createReadStream(file)
		.on('error', () => res.destroy())
		.pipe(res);
}
