/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Beian's service worker: precaches the app shell and every built and static file under a
 * cache named for this build, deletes older caches on activate, serves the shell for every
 * navigation at any depth — a prerendered route's own page, else `/` (the build uses absolute
 * asset URLs, so one shell works on `/account/subject` as well as on `/`) — so the app opens
 * with no network, and never touches `/api`, `/sync` or `/files` — those must reach the server
 * or fail visibly. The cached bodies are what the browser decoded (brotli or gzip on the wire).
 *
 * A new version installs in the background and waits; it takes over only when the page
 * posts `{ type: 'skip-waiting' }` (the user clicked "reload").
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `beian-shell-${version}`;
const SHELL = '/';
const PRECACHE = [...new Set([SHELL, ...prerendered, ...build, ...files])];
const NEVER_CACHED = ['/api/', '/sync', '/files'];

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') event.waitUntil(sw.skipWaiting());
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix))) return;
	event.respondWith(respond(request, url));
});

async function respond(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	if (request.mode === 'navigate') {
		const page = prerendered.includes(url.pathname) ? await cache.match(url.pathname) : undefined;
		const shell = page ?? (await cache.match(SHELL));
		if (shell) return shell;
	}
	const cached = PRECACHE.includes(url.pathname) ? await cache.match(url.pathname) : undefined;
	if (cached) return cached;
	try {
		return await fetch(request);
	} catch (error) {
		const fallback = await cache.match(request);
		if (fallback) return fallback;
		throw error;
	}
}
