/**
 * Helpers for the upload tests: a real Beian server on port 0 (SQLite records and docs, the
 * filesystem blob store, the real accounts module — accounts and subjects are made through its
 * real API with `tests/support/server.ts`), a real tus-js-client upload in Node, and a loopback
 * proxy owned by the test that counts the upload bytes the server was sent.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Upload, type UploadOptions } from 'tus-js-client';
import * as Y from 'yjs';
import type { BlobStore } from '../../sync-server/src/storage/blob-store.ts';
import { FsBlobStore } from '../../sync-server/src/storage/fs-blob-store.ts';
import { png } from './file-samples.ts';
import { connectClient, startTestServer, type TestClient, type TestServer } from './server.ts';

export interface UploadServerOptions {
	maxUploadBytes?: number;
	maxPendingUploadsPerAccount?: number;
	maxSubjectBytes?: number;
	maxAccountBytes?: number;
	wrapBlobStore?: (store: BlobStore) => BlobStore;
}

/** A test server with `/files` on, its data (blobs, staged uploads) in `dataDir`. */
export async function startUploadServer(options: UploadServerOptions = {}): Promise<TestServer> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-uploads-'));
	const blobStore = new FsBlobStore(join(dataDir, 'blobs'));
	return startTestServer({
		dataDir,
		blobStore: options.wrapBlobStore?.(blobStore) ?? blobStore,
		uploadDir: join(dataDir, 'uploads'),
		maxUploadBytes: options.maxUploadBytes,
		maxPendingUploadsPerAccount: options.maxPendingUploadsPerAccount,
		maxSubjectBytes: options.maxSubjectBytes,
		maxAccountBytes: options.maxAccountBytes
	});
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A valid PNG of exactly `size` bytes (at least 100); `seed` makes distinct contents. */
export function pngBytes(size: number, seed = 1): Buffer {
	return png({ size, seed });
}

export interface UploadOutcome {
	ok: boolean;
	status: number | null;
	error: string | null;
}

/** One real tus-js-client upload; resolves when it succeeds or fails for good. */
export function tusUpload(bytes: Buffer, options: UploadOptions & { cookie: string }): Promise<UploadOutcome> {
	return new Promise((resolve) => {
		const { cookie, ...rest } = options;
		const upload = new Upload(bytes, {
			retryDelays: null,
			...rest,
			headers: { cookie, ...rest.headers },
			onSuccess: () => resolve({ ok: true, status: null, error: null }),
			onError: (error) => {
				const response = 'originalResponse' in error ? error.originalResponse : null;
				const body = response?.getBody() ?? '';
				let code: string | null;
				try {
					code = (JSON.parse(body) as { error?: string }).error ?? null;
				} catch {
					code = null;
				}
				resolve({ ok: false, status: response?.getStatus() ?? null, error: code ?? error.message });
			}
		});
		upload.start();
	});
}

export interface CountingProxy {
	readonly url: string;
	/** Request-body bytes the proxy passed on to the server for PATCH requests. */
	readonly patchBytes: number;
	readonly requests: string[];
	close(): Promise<void>;
}

export interface CountingProxyOptions {
	/** Holds each request back this long before forwarding it (a slow uplink). */
	delayMs?: number;
	/** Cuts the connection once, as soon as more PATCH bytes than this have arrived (a dropped signal). */
	dropOnceAfter?: number;
}

/** A loopback HTTP proxy in front of the server that counts upload bytes. */
export async function startCountingProxy(target: string, options: CountingProxyOptions = {}): Promise<CountingProxy> {
	const { hostname, port } = new URL(target);
	let patchBytes = 0;
	let dropped = false;
	const requests: string[] = [];
	const proxy = createServer((req: IncomingMessage, res) => {
		requests.push(`${req.method} ${req.url}`);
		const upstream = request({ hostname, port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => res.destroy());
		setTimeout(() => {
			req.on('data', (chunk: Buffer) => {
				if (req.method !== 'PATCH') return;
				patchBytes += chunk.length;
				if (!dropped && options.dropOnceAfter !== undefined && patchBytes > options.dropOnceAfter) {
					dropped = true;
					req.unpipe(upstream);
					upstream.destroy();
					req.socket.destroy();
				}
			});
			req.pipe(upstream);
		}, options.delayMs ?? 0);
	});
	await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
	return {
		url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
		get patchBytes() {
			return patchBytes;
		},
		requests,
		close: () =>
			new Promise<void>((done) => {
				proxy.close(() => done());
				proxy.closeAllConnections();
			})
	};
}

/** A real y-websocket client of a subject's workspace room (`ws-<subjectId>`), signed in with `cookie`. */
export function openWorkspace(server: { url: string }, cookie: string, subjectId: string): TestClient {
	return connectClient(server, `ws-${subjectId}`, { cookie });
}

/** Adds a DocumentRef to a workspace doc's attachments map, as the app does after a capture. */
export function attach(doc: Y.Doc, bytes: Uint8Array, mime = 'image/png'): void {
	const ref = new Y.Map<unknown>();
	for (const [key, value] of Object.entries({ sha256: sha256(bytes), mime, size: bytes.byteLength, kind: 'id-front' })) ref.set(key, value);
	doc.getMap('attachments').set(sha256(bytes), ref);
}

/** `POST /files` alone (tus creation, no bytes): declares an upload of `length` bytes; the answer's status and error code. */
export async function declareUpload(
	url: string,
	options: { cookie: string; subjectId: string; length: number; sha256: string }
): Promise<{ status: number; error: string | null; location: string | null }> {
	const b64 = (text: string) => Buffer.from(text).toString('base64');
	const response = await fetch(`${url}/files`, {
		method: 'POST',
		headers: {
			cookie: options.cookie,
			'tus-resumable': '1.0.0',
			'upload-length': String(options.length),
			'upload-metadata': `sha256 ${b64(options.sha256)},subjectId ${b64(options.subjectId)},kind ${b64('id-front')}`
		}
	});
	const body = await response.text();
	let error: string | null;
	try {
		error = (JSON.parse(body) as { error?: string }).error ?? null;
	} catch {
		error = null;
	}
	return { status: response.status, error, location: response.headers.get('location') };
}
