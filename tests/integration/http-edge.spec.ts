/**
 * The HTTP edge against a real server on port 0 serving a small built-app folder written by the
 * test (HTML with inline boot scripts and a style attribute, a JS asset with `.br`/`.gz` made
 * the way adapter-static's `precompress` makes them): the security headers on every kind of
 * response, HSTS and the `__Host-` cookie behind a trusted proxy, and content negotiation with
 * HEAD and Range.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../sync-server/src/storage/fs-blob-store.ts';
import { api, signUp, useTestServers } from '../support/server.ts';

const servers = useTestServers();

const BOOT = '\n\t\t\t\tstart({ base: "" });\n\t\t\t';
const FALLBACK_BOOT = '\n\t\t\t\tstart({ fallback: true });\n\t\t\t';
const SHELL_STYLE = 'display: contents';
const TEMPLATE_STYLE = 'position: absolute; width: 1px';
const page = (boot: string, title: string) =>
	`<!doctype html><html><head><title>${title}</title><script type="module" src="/_app/immutable/entry/app.js"></script></head>` +
	`<body><div style="${SHELL_STYLE}"><script>${boot}</script></div></body></html>`;
const APP_JS = `const t = \`<div id="announcer" style="${TEMPLATE_STYLE}"></div>\`;\n` + 'export const words = "备案助手 offline first";\n'.repeat(400);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

const staticDir = mkdtempSync(join(tmpdir(), 'beian-edge-'));
writeBuilt('index.html', page(BOOT, 'start'));
writeBuilt('200.html', page(FALLBACK_BOOT, 'fallback'));
writeBuilt('account.html', page(BOOT, 'account'));
writeBuilt('account/subject.html', page(BOOT, 'account-subject'));
writeBuilt('_app/immutable/entry/app.js', APP_JS);
writeBuilt('service-worker.js', 'self.addEventListener("fetch", () => {});\n'.repeat(50));
mkdirSync(join(staticDir, 'icons'));
writeFileSync(join(staticDir, 'icons/icon.png'), PNG);
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

/** Writes a text file with its brotli and gzip variants, as `precompress: true` does. */
function writeBuilt(path: string, text: string): void {
	const file = join(staticDir, path);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, text);
	writeFileSync(file + '.br', brotliCompressSync(text));
	writeFileSync(file + '.gz', gzipSync(text));
}

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

interface Raw {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** One request without any decoding, so the test sees the bytes on the wire. */
function raw(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** Writes raw bytes to the server and collects everything it answers until it closes. */
function rawSocket(port: number, text: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1', () => socket.end(text));
		const chunks: Buffer[] = [];
		socket.on('data', (c: Buffer) => chunks.push(c));
		socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
		socket.on('error', reject);
	});
}

const startEdge = (options: { trustProxy?: boolean } = {}) => {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-edge-data-'));
	return servers.start({ dataDir, staticDir, blobStore: new FsBlobStore(join(dataDir, 'blobs')), uploadDir: join(dataDir, 'uploads'), ...options });
};

function expectSecurityHeaders(res: Raw, host: string): void {
	const policy = String(res.headers['content-security-policy']);
	expect(policy.split('; ')).toEqual([
		"default-src 'self'",
		`script-src 'self' ${[sha(FALLBACK_BOOT), sha(BOOT)].sort().join(' ')}`,
		`style-src 'self' 'unsafe-hashes' ${[sha(SHELL_STYLE), sha(TEMPLATE_STYLE)].sort().join(' ')}`,
		"img-src 'self' blob: data:",
		"worker-src 'self' blob:",
		`connect-src 'self' ws://${host} wss://${host}`,
		"frame-ancestors 'none'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'"
	]);
	expect(res.headers).toMatchObject({
		'referrer-policy': 'no-referrer',
		'x-frame-options': 'DENY',
		'x-content-type-options': 'nosniff',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin'
	});
	expect(res.headers['strict-transport-security']).toBeUndefined();
}

describe('security headers', () => {
	it('are on the app, a nested route, the fallback, /api, /files and 404s, with the build’s inline hashes', async () => {
		const { server } = await startEdge();
		const host = `127.0.0.1:${server.port}`;
		const cases: [string, number][] = [
			['/', 200],
			['/account/subject', 200],
			['/members/deeper/unknown', 200],
			['/_app/immutable/entry/app.js', 200],
			['/api/health', 200],
			['/api/no-such-thing', 404],
			['/missing.js', 404],
			['/files/blob/' + 'a'.repeat(64), 401]
		];
		for (const [path, status] of cases) {
			const res = await raw(server.url + path);
			expect(res.status, path).toBe(status);
			expectSecurityHeaders(res, host);
		}
		const refused = await api(server, 'POST', '/api/sessions', { origin: 'https://evil.example', body: {} });
		expect(refused.status).toBe(403);
		expect(refused.headers.get('x-frame-options')).toBe('DENY');
	});

	it('answers a URL past the header limit and broken HTTP in the error shape, with the headers', async () => {
		const { server } = await startEdge();
		const tooLong = await raw(`${server.url}/api/registry?q=${encodeURIComponent('浙'.repeat(4000))}`);
		expect(tooLong.status).toBe(431);
		expect(JSON.parse(tooLong.body.toString())).toMatchObject({ error: 'payload-too-large' });
		expect(tooLong.headers['x-frame-options']).toBe('DENY');
		expect(String(tooLong.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
		const broken = await rawSocket(server.port, 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n');
		expect(broken).toMatch(/^HTTP\/1\.1 400 /);
		expect(JSON.parse(broken.slice(broken.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: 'invalid-input' });
		expect((await raw(server.url + '/api/health')).status).toBe(200);
	});

	it('leaves a forged Host header out of the policy', async () => {
		const { server } = await startEdge();
		const res = await raw(server.url + '/', { headers: { host: 'evil.example; script-src *' } });
		expect(res.headers['content-security-policy']).toContain("connect-src 'self'; frame-ancestors");
	});

	it('sends HSTS only when a trusted proxy says the browser used HTTPS', async () => {
		const trusting = await startEdge({ trustProxy: true });
		const https = { 'x-forwarded-proto': 'https' };
		expect((await raw(trusting.server.url + '/', { headers: https })).headers['strict-transport-security']).toBe('max-age=31536000');
		expect((await raw(trusting.server.url + '/api/health', { headers: https })).headers['strict-transport-security']).toBe('max-age=31536000');
		expect((await raw(trusting.server.url + '/')).headers['strict-transport-security']).toBeUndefined();
		const plain = await startEdge();
		expect((await raw(plain.server.url + '/', { headers: https })).headers['strict-transport-security']).toBeUndefined();
	});

	it('names the cookie __Host-beian_session over HTTPS and accepts only that name there', async () => {
		const { server } = await startEdge({ trustProxy: true });
		const https = { 'x-forwarded-proto': 'https' };
		const registered = await api(server, 'POST', '/api/accounts', { body: { email: 'host@example.com', password: 'correct horse battery' }, headers: https });
		expect(registered.cookie).toMatch(/^__Host-beian_session=/);
		const token = String(registered.cookie?.split('=')[1]);
		expect((await api(server, 'GET', '/api/me', { cookie: `__Host-beian_session=${token}`, headers: https })).status).toBe(200);
		expect((await api(server, 'GET', '/api/me', { cookie: `beian_session=${token}`, headers: https })).status).toBe(401);
		expect((await api(server, 'GET', '/api/me', { cookie: `beian_session=${token}` })).status).toBe(200);
		const out = await api(server, 'DELETE', '/api/sessions/current', { cookie: `__Host-beian_session=${token}`, headers: https });
		expect(out.headers.get('set-cookie')).toBe('__Host-beian_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure');
		const local = await signUp(server);
		expect(local.cookie).toMatch(/^beian_session=/);
	});
});

describe('precompressed assets', () => {
	const asset = '/_app/immutable/entry/app.js';

	it('sends brotli, then gzip, as Accept-Encoding prefers, with Vary and the encoded Content-Length', async () => {
		const { server } = await startEdge();
		const cases: [string | undefined, string | undefined][] = [
			['gzip, deflate, br, zstd', 'br'],
			['gzip', 'gzip'],
			['br;q=0, gzip', 'gzip'],
			['gzip;q=1, br;q=0.5', 'gzip'],
			['*', 'br'],
			['identity', undefined],
			['br;q=0, gzip;q=0', undefined],
			[undefined, undefined]
		];
		for (const [accept, coding] of cases) {
			const res = await raw(server.url + asset, { headers: accept === undefined ? {} : { 'accept-encoding': accept } });
			expect(res.status, accept).toBe(200);
			expect(res.headers['content-encoding'], accept).toBe(coding);
			expect(res.headers.vary).toBe('Accept-Encoding');
			expect(Number(res.headers['content-length'])).toBe(res.body.length);
			const decoded = coding === 'br' ? brotliDecompressSync(res.body) : coding === 'gzip' ? gunzipSync(res.body) : res.body;
			expect(decoded.toString('utf8')).toBe(APP_JS);
			expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		}
		expect((await raw(server.url + '/account/subject', { headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).toBe('br');
		const png = await raw(server.url + '/icons/icon.png', { headers: { 'accept-encoding': 'br' } });
		expect([png.headers['content-encoding'], png.headers.vary, png.body.equals(PNG)]).toEqual([undefined, undefined, true]);
	});

	it('answers HEAD with the GET headers and no body', async () => {
		const { server } = await startEdge();
		for (const accept of ['br', 'identity']) {
			const get = await raw(server.url + asset, { headers: { 'accept-encoding': accept } });
			const head = await raw(server.url + asset, { method: 'HEAD', headers: { 'accept-encoding': accept } });
			expect(head.status).toBe(200);
			expect(head.body.length).toBe(0);
			for (const name of ['content-length', 'content-encoding', 'content-type', 'vary', 'content-security-policy']) expect(head.headers[name], name).toEqual(get.headers[name]);
		}
	});

	it('serves ranges from the uncompressed file only, and 416 past its end', async () => {
		const { server } = await startEdge();
		const size = Buffer.byteLength(APP_JS);
		const br = { 'accept-encoding': 'br, gzip' };
		const first = await raw(server.url + asset, { headers: { ...br, range: 'bytes=0-99' } });
		expect(first.status).toBe(206);
		expect(first.headers['content-encoding']).toBeUndefined();
		expect(first.headers['content-range']).toBe(`bytes 0-99/${size}`);
		expect(first.body.equals(Buffer.from(APP_JS).subarray(0, 100))).toBe(true);
		const tail = await raw(server.url + asset, { headers: { ...br, range: 'bytes=-10' } });
		expect([tail.status, tail.headers['content-length'], tail.body.toString()]).toEqual([206, '10', APP_JS.slice(-10)]);
		const past = await raw(server.url + asset, { headers: { ...br, range: `bytes=${size}-` } });
		expect([past.status, past.headers['content-range'], past.body.length]).toEqual([416, `bytes */${size}`, 0]);
		const several = await raw(server.url + asset, { headers: { ...br, range: 'bytes=0-1,5-6' } });
		expect([several.status, several.headers['content-encoding']]).toEqual([200, 'br']);
		const conditional = await raw(server.url + asset, { headers: { ...br, range: 'bytes=0-9', 'if-range': '"old"' } });
		expect([conditional.status, conditional.headers['content-encoding']]).toEqual([200, 'br']);
	});

	it('never sends a variant older than its file (a file replaced after the build)', async () => {
		const { server } = await startEdge();
		const worker = join(staticDir, 'service-worker.js');
		expect((await raw(server.url + '/service-worker.js', { headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).toBe('br');
		const later = new Date(Date.now() + 60_000);
		utimesSync(worker, later, later);
		const res = await raw(server.url + '/service-worker.js', { headers: { 'accept-encoding': 'br, gzip' } });
		expect(res.headers['content-encoding']).toBeUndefined();
		expect(res.headers['service-worker-allowed']).toBe('/');
	});
});
