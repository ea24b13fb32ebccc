/**
 * Serves the built PWA from a folder: hashed assets under `_app/immutable/` are cached for a
 * year, everything else is revalidated; a path names a file, a prerendered page (`/account` →
 * `account.html`) or a folder's `index.html`, and navigations to unknown paths get the SPA
 * fallback.
 *
 * Compression: the build writes `.br` and `.gz` next to each text file; the variant the
 * request's `Accept-Encoding` prefers is sent (when it is not older than the file), with
 * `Vary: Accept-Encoding` and its own `Content-Length`. Ranges: a `Range` request is answered
 * from the uncompressed file (206 with identity bytes, or 416), never from a compressed
 * variant, whose byte offsets no client can use; `If-Range` cannot match (no validators are
 * sent), so it gets the whole representation.
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { acceptedCodings, parseRange, VARIANT_SUFFIX, type ByteRange, type Coding } from './content-coding.ts';
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

interface Found {
	path: string;
	info: Stats;
}

/** Serves GET/HEAD for the app; answers 404/405 JSON errors otherwise. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, options: StaticOptions): Promise<void> {
	if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'method-not-allowed', 'Method not allowed');
	const file = await resolveFile(options.root, pathname);
	if (file) return sendFile(req, res, file, pathname);
	if (extname(pathname) === '') {
		const fallback = await fileAt(join(options.root, options.fallback));
		if (fallback) return sendFile(req, res, fallback, '/' + options.fallback);
	}
	sendError(res, 404, 'not-found', 'Not found');
}

async function resolveFile(root: string, pathname: string): Promise<Found | null> {
	let decoded: string;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return null;
	}
	if (decoded.includes('\0')) return null;
	const candidate = normalize(join(root, decoded));
	if (candidate !== root && !candidate.startsWith(root + sep)) return null;
	const paths = [candidate, ...(extname(candidate) === '' && candidate !== root ? [candidate + '.html'] : []), join(candidate, 'index.html')];
	for (const path of paths) {
		const found = await fileAt(path);
		if (found) return found;
	}
	return null;
}

async function fileAt(path: string): Promise<Found | null> {
	const info = await stat(path).catch(() => null);
	return info?.isFile() ? { path, info } : null;
}

/** The precompressed variants of a file that are at least as new as the file itself. */
async function variantsOf(file: Found): Promise<Map<Coding, Found>> {
	const variants = new Map<Coding, Found>();
	for (const coding of ['br', 'gzip'] as const) {
		const variant = await fileAt(file.path + VARIANT_SUFFIX[coding]);
		if (variant && variant.info.mtimeMs >= file.info.mtimeMs) variants.set(coding, variant);
	}
	return variants;
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: Found, pathname: string): Promise<void> {
	const variants = await variantsOf(file);
	const headers: Record<string, string> = {
		'content-type': TYPES[extname(file.path)] ?? 'application/octet-stream',
		'cache-control': pathname.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache',
		'accept-ranges': 'bytes',
		...(variants.size > 0 ? { vary: 'Accept-Encoding' } : {}),
		...(pathname.endsWith('service-worker.js') ? { 'service-worker-allowed': '/' } : {})
	};
	const rangeHeader = req.headers['if-range'] === undefined ? req.headers.range : undefined;
	const range = parseRange(rangeHeader, file.info.size);
	if (range === 'unsatisfiable') {
		res.writeHead(416, { ...headers, 'content-range': `bytes */${file.info.size}` });
		return void res.end();
	}
	if (range) return stream(req, res, file.path, 206, { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${file.info.size}` }, range);
	const coding = acceptedCodings(headerText(req.headers['accept-encoding'])).find((c) => variants.has(c));
	const chosen = coding ? (variants.get(coding) as Found) : file;
	stream(req, res, chosen.path, 200, coding ? { ...headers, 'content-encoding': coding } : headers, { start: 0, end: chosen.info.size - 1 });
}

function stream(req: IncomingMessage, res: ServerResponse, path: string, status: number, headers: Record<string, string>, range: ByteRange): void {
	const length = Math.max(0, range.end - range.start + 1);
	res.writeHead(status, { ...headers, 'content-length': String(length) });
	if (req.method === 'HEAD' || length === 0) return void res.end();
	createReadStream(path, { start: range.start, end: range.end })
		.on('error', () => res.destroy())
		.pipe(res);
}

function headerText(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(',') : value;
}
