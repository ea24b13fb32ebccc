/**
 * Uploads against a real server on port 0 with the real accounts module and the real
 * tus-js-client in Node: resumable, content-addressed, checked by hash and by magic bytes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Upload, type PreviousUpload, type UrlStorage } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpWithSubject, type TestServer } from '../support/server.ts';
import { jpeg, pdf } from '../support/file-samples.ts';
import { pngBytes, sha256, startCountingProxy, startUploadServer, tusUpload } from '../support/uploads.ts';

const MAX = 256 * 1024;
let env: TestServer;
let url: string;
let owner: { cookie: string; subjectId: string };

beforeAll(async () => {
	env = await startUploadServer({ maxUploadBytes: MAX });
	url = env.server.url;
	owner = await signUpWithSubject(env.server);
});
afterAll(() => env.dispose());

const meta = (bytes: Uint8Array, overrides: Record<string, string> = {}) => ({
	sha256: sha256(bytes),
	subjectId: owner.subjectId,
	kind: 'id-front',
	filename: 'front.png',
	...overrides
});
const byHash = (hash: string, cookie = owner.cookie) => fetch(`${url}/files/by-hash/${hash}?subject=${owner.subjectId}`, { method: 'HEAD', headers: { cookie } });
const stagedFiles = () => readdirSync(join(env.dataDir, 'uploads')).filter((name) => !name.endsWith('.json'));

/** tus URL storage in memory: what the app keeps in its transfers table, across "reloads". */
function memoryUrlStorage(): UrlStorage {
	const entries = new Map<string, PreviousUpload & { fingerprint: string }>();
	return {
		findAllUploads: async () => [...entries.values()],
		findUploadsByFingerprint: async (fingerprint) => [...entries.values()].filter((e) => e.fingerprint === fingerprint),
		removeUpload: async (key) => void entries.delete(key),
		addUpload: async (fingerprint, upload) => {
			const key = `k${entries.size}`;
			entries.set(key, { ...upload, fingerprint, urlStorageKey: key });
			return key;
		}
	};
}

describe('/files uploads', () => {
	it('stores an upload under its SHA-256, and HEAD by hash for its subject then finds it (200 with offset = length)', async () => {
		const bytes = pngBytes(50_000, 1);
		const outcome = await tusUpload(bytes, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: meta(bytes) });
		expect(outcome).toEqual({ ok: true, status: null, error: null });
		const head = await byHash(sha256(bytes));
		expect(head.status).toBe(200);
		expect(head.headers.get('upload-offset')).toBe('50000');
		expect(head.headers.get('upload-length')).toBe('50000');
		expect((await byHash(sha256(pngBytes(1000, 99)))).status).toBe(404);
	});

	it('resumes an interrupted upload without re-sending the chunks the server already has', async () => {
		const proxy = await startCountingProxy(url);
		try {
			const bytes = pngBytes(200_000, 2);
			const chunkSize = 32 * 1024;
			const urlStorage = memoryUrlStorage();
			const common = {
				endpoint: `${proxy.url}/files`,
				headers: { cookie: owner.cookie },
				metadata: meta(bytes),
				chunkSize,
				urlStorage,
				fingerprint: async () => sha256(bytes),
				retryDelays: null
			};
			// First attempt: stop after 3 accepted chunks, as a closed tab or a lost network would.
			await new Promise<void>((stopped) => {
				const first = new Upload(bytes, {
					...common,
					onChunkComplete: (_size, accepted) => {
						if (accepted >= 3 * chunkSize) void first.abort().then(() => stopped());
					},
					onError: () => stopped()
				});
				first.start();
			});
			expect(proxy.patchBytes).toBe(3 * chunkSize);
			// Second attempt, as after a reload: a new Upload finds the stored URL and resumes.
			await new Promise<void>((done, fail) => {
				const second = new Upload(bytes, { ...common, onSuccess: () => done(), onError: fail });
				void second.findPreviousUploads().then((previous) => {
					expect(previous).toHaveLength(1);
					second.resumeFromPreviousUpload(previous[0]!);
					second.start();
				});
			});
			expect(proxy.patchBytes).toBe(bytes.byteLength);
			expect(proxy.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
			expect(proxy.requests.filter((r) => r.startsWith('HEAD'))).toHaveLength(1);
			expect((await byHash(sha256(bytes))).status).toBe(200);
		} finally {
			await proxy.close();
		}
	});

	it('refuses bytes that do not match the declared SHA-256 (460 hash-mismatch) and keeps nothing', async () => {
		const bytes = pngBytes(40_000, 3);
		const claimed = sha256(pngBytes(40_000, 4));
		const outcome = await tusUpload(bytes, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: meta(bytes, { sha256: claimed }) });
		expect(outcome).toMatchObject({ ok: false, status: 460, error: 'hash-mismatch' });
		expect((await byHash(claimed)).status).toBe(404);
		expect((await byHash(sha256(bytes))).status).toBe(404);
		expect(stagedFiles()).toEqual([]);
	});

	it('refuses a text file named .jpg and declared image/jpeg (415 unsupported-type) and keeps nothing', async () => {
		const bytes = Buffer.from('This is not a photo of an ID card.\n'.repeat(200));
		const outcome = await tusUpload(bytes, {
			endpoint: `${url}/files`,
			cookie: owner.cookie,
			metadata: { ...meta(bytes), filename: 'front.jpg', filetype: 'image/jpeg' }
		});
		expect(outcome).toMatchObject({ ok: false, status: 415, error: 'unsupported-type' });
		expect((await byHash(sha256(bytes))).status).toBe(404);
		expect(stagedFiles()).toEqual([]);
	});

	it('refuses a file whose first bytes only resemble a signature, even when sent one byte at a time', async () => {
		const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]), Buffer.alloc(100)]);
		const outcome = await tusUpload(bytes, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: meta(bytes), chunkSize: 1 });
		expect(outcome).toMatchObject({ ok: false, status: 415, error: 'unsupported-type' });
		expect(stagedFiles()).toEqual([]);
	});

	it('accepts a PDF and a JPEG by their magic bytes', async () => {
		for (const bytes of [pdf({ seed: 40 }), jpeg({ seed: 41 })]) {
			const outcome = await tusUpload(bytes, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: meta(bytes, { kind: 'subject-certificate' }) });
			expect(outcome.ok).toBe(true);
		}
	});

	it('refuses an oversized upload from its Upload-Length, before any byte is sent (413)', async () => {
		const proxy = await startCountingProxy(url);
		try {
			const bytes = pngBytes(MAX + 1, 5);
			const outcome = await tusUpload(bytes, { endpoint: `${proxy.url}/files`, cookie: owner.cookie, metadata: meta(bytes) });
			expect(outcome).toMatchObject({ ok: false, status: 413, error: 'payload-too-large' });
			expect(proxy.requests).toEqual(['POST /files']);
			expect(proxy.patchBytes).toBe(0);
		} finally {
			await proxy.close();
		}
	});

	it('answers a second upload of a stored hash as already complete (POST → by-hash location)', async () => {
		const bytes = pngBytes(30_000, 6);
		expect((await tusUpload(bytes, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: meta(bytes) })).ok).toBe(true);
		const created = await fetch(`${url}/files`, {
			method: 'POST',
			headers: {
				cookie: owner.cookie,
				'tus-resumable': '1.0.0',
				'upload-length': String(bytes.byteLength),
				'upload-metadata': `sha256 ${Buffer.from(sha256(bytes)).toString('base64')},subjectId ${Buffer.from(owner.subjectId).toString('base64')},kind ${Buffer.from('id-front').toString('base64')}`
			}
		});
		expect(created.status).toBe(201);
		expect(created.headers.get('location')).toBe(`/files/by-hash/${sha256(bytes)}?subject=${owner.subjectId}`);
		expect(created.headers.get('upload-offset')).toBe(String(bytes.byteLength));
		expect((await tusUpload(bytes, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: meta(bytes) })).ok).toBe(true);
	});
});
