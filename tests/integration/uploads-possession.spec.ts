/**
 * Proof of possession: knowing a file's SHA-256 is not having the file. A subject holds a blob
 * only once an upload into it finished and the server re-hashed the bytes; "already uploaded"
 * (HEAD by hash, POST) and downloads go by the holders. Real server, real accounts, real
 * y-websocket clients editing the docs, real tus-js-client (directly and through the app's
 * upload queue), and a counting proxy for the bytes sent.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadQueue } from '../../src/lib/sync/transfers/upload-queue.ts';
import { addMember, signUpWithSubject, type OwnerWithSubject, type TestClient, type TestServer } from '../support/server.ts';
import { MemoryLocalBlobs, MemoryTransferRepo } from '../support/transfer-memory.ts';
import { attach, openWorkspace, pngBytes, sha256, startCountingProxy, startUploadServer, tusUpload, type CountingProxy } from '../support/uploads.ts';

interface Member {
	cookie: string;
}

let env: TestServer;
let url: string;
let proxy: CountingProxy;
/** The victim's subject: its owner and an editor. */
let victim: OwnerWithSubject;
let victimEditor: Member;
/** Another account's subject, which learns the victim's hashes; and a viewer of it. */
let other: OwnerWithSubject;
let otherViewer: Member;
const clients: TestClient[] = [];

beforeAll(async () => {
	env = await startUploadServer();
	url = env.server.url;
	proxy = await startCountingProxy(url);
	victim = await signUpWithSubject(env.server);
	victimEditor = await addMember(env.server, victim, 'editor');
	other = await signUpWithSubject(env.server);
	otherViewer = await addMember(env.server, other, 'viewer');
});
afterAll(async () => {
	for (const client of clients) client.destroy();
	await proxy.close();
	await env.dispose();
});

const meta = (bytes: Uint8Array, subjectId: string, hash = sha256(bytes)) => ({ sha256: hash, subjectId, kind: 'id-front' });
/** A real tus-js-client upload through the counting proxy. */
const upload = (bytes: Buffer, cookie: string, subjectId: string, hash?: string) =>
	tusUpload(bytes, { endpoint: `${proxy.url}/files`, cookie, metadata: meta(bytes, subjectId, hash) });
const byHash = (hash: string, cookie: string, query: string, method = 'HEAD') =>
	fetch(`${url}/files/by-hash/${hash}${query}`, { method, headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0' } });
const download = (hash: string, cookie: string) => fetch(`${url}/files/blob/${hash}`, { headers: { cookie } });
const workspace = (cookie: string, subjectId: string): Y.Doc => {
	const client = openWorkspace(env.server, cookie, subjectId);
	clients.push(client);
	return client.doc;
};

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/**
 * Puts `bytes` into a subject's attachments map together with a `sentinel` the subject did
 * upload, in one transaction: once the sentinel downloads, the index also lists `bytes`.
 */
async function referenceWithSentinel(doc: Y.Doc, member: Member, bytes: Uint8Array, sentinel: Uint8Array): Promise<void> {
	doc.transact(() => {
		attach(doc, bytes);
		attach(doc, sentinel);
	});
	await eventually(async () => (await download(sha256(sentinel), member.cookie)).status === 200, 'the attachment index');
}

/** An upload queue on one device of `member`, talking to the server through the counting proxy. */
function device(member: Member) {
	const options = {
		repo: new MemoryTransferRepo(),
		blobs: new MemoryLocalBlobs(),
		serverUrl: proxy.url,
		headers: { cookie: member.cookie },
		toSource: (bytes: Uint8Array) => Buffer.from(bytes),
		backoff: { baseMs: 20, maxMs: 100 }
	};
	return new UploadQueue(options);
}

async function until(check: () => boolean, what: string): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('/files proof of possession', () => {
	it("a subject that only references another subject's hash can neither download it nor skip its upload", async () => {
		const photo = pngBytes(30_000, 1);
		const hash = sha256(photo);
		expect((await upload(photo, victim.cookie, victim.subjectId)).ok).toBe(true);
		attach(workspace(victim.cookie, victim.subjectId), photo);
		await eventually(async () => (await download(hash, victim.cookie)).status === 200, "the victim's reference");

		const sentinel = pngBytes(2000, 2);
		expect((await upload(sentinel, other.cookie, other.subjectId)).ok).toBe(true);
		await referenceWithSentinel(workspace(other.cookie, other.subjectId), other, photo, sentinel);
		// Referenced by the other subject's doc, but never uploaded into it: "not uploaded yet", as if nobody had it.
		const refused = await download(hash, other.cookie);
		expect(refused.status).toBe(404);
		expect(await refused.json()).toMatchObject({ error: 'not-found' });
		expect((await download(hash, otherViewer.cookie)).status).toBe(404);
		expect((await download(sha256(pngBytes(30_000, 99)), other.cookie)).status).toBe(403);

		// HEAD/PATCH by hash: "not here" for the other subject, and the same for a subject it is not a member of.
		expect((await byHash(hash, other.cookie, `?subject=${other.subjectId}`)).status).toBe(404);
		expect((await byHash(hash, other.cookie, `?subject=${victim.subjectId}`)).status).toBe(404);
		expect((await byHash(hash, other.cookie, '')).status).toBe(404);
		expect((await byHash(hash, other.cookie, `?subject=${other.subjectId}`, 'PATCH')).status).toBe(404);
		expect((await byHash(hash, victim.cookie, `?subject=${victim.subjectId}`)).status).toBe(200);

		// POST: a new upload that needs every byte, not the "already complete" shortcut.
		const created = await fetch(`${url}/files`, {
			method: 'POST',
			headers: {
				cookie: other.cookie,
				'tus-resumable': '1.0.0',
				'upload-length': String(photo.byteLength),
				'upload-metadata': Object.entries(meta(photo, other.subjectId)).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',')
			}
		});
		expect(created.status).toBe(201);
		expect(created.headers.get('location')).toMatch(/^\/files\/[0-9a-f]{32}$/);
		expect(created.headers.get('upload-offset') ?? '0').toBe('0');
		await fetch(url + created.headers.get('location'), { method: 'DELETE', headers: { cookie: other.cookie, 'tus-resumable': '1.0.0' } });

		// Claiming the hash with other bytes of the same size is refused at the re-hash and proves nothing.
		const mark = proxy.patchBytes;
		const forged = await upload(pngBytes(30_000, 3), other.cookie, other.subjectId, hash);
		expect(forged).toMatchObject({ ok: false, status: 460, error: 'hash-mismatch' });
		expect(proxy.patchBytes - mark).toBe(30_000);
		expect((await download(hash, other.cookie)).status).toBe(404);
		expect((await byHash(hash, other.cookie, `?subject=${other.subjectId}`)).status).toBe(404);
	});

	it("after its own member uploads the same bytes (re-hashed by the server), the second subject's members can download", async () => {
		const photo = pngBytes(24_000, 4);
		const hash = sha256(photo);
		expect((await upload(photo, victim.cookie, victim.subjectId)).ok).toBe(true);
		const doc = workspace(other.cookie, other.subjectId);
		attach(doc, photo);

		// The app's upload queue on the other subject's device: HEAD says "not here", so tus sends every byte.
		const queue = device(other);
		await queue.queue.start();
		const requests = proxy.requests.length;
		const bytes = proxy.patchBytes;
		await queue.enqueue({ bytes: photo, mime: 'image/png', subjectId: other.subjectId, kind: 'id-front' });
		await until(() => queue.queue.records[0]?.state === 'done', 'the upload into the second subject');
		queue.queue.stop();
		expect(proxy.requests[requests]).toBe(`HEAD /files/by-hash/${hash}?subject=${other.subjectId}`);
		expect(proxy.requests.slice(requests).filter((r) => r.startsWith('POST'))).toHaveLength(1);
		expect(proxy.patchBytes - bytes).toBe(photo.byteLength);

		await eventually(async () => (await download(hash, otherViewer.cookie)).status === 200, 'the second subject to be indexed');
		const answer = await download(hash, other.cookie);
		expect(answer.status).toBe(200);
		expect(Buffer.from(await answer.arrayBuffer()).equals(photo)).toBe(true);
		expect((await byHash(hash, otherViewer.cookie, `?subject=${other.subjectId}`)).status).toBe(200);
		// The store keeps one copy of the bytes for both subjects.
		expect(readdirSync(join(env.dataDir, 'blobs', hash.slice(0, 2), hash.slice(2, 4)))).toEqual([hash]);
	});

	it('collaborators of the same subject still dedupe: HEAD by hash says present and no byte is sent again', async () => {
		const photo = pngBytes(36_000, 5);
		const hash = sha256(photo);
		expect((await upload(photo, victim.cookie, victim.subjectId)).ok).toBe(true);
		const head = await byHash(hash, victimEditor.cookie, `?subject=${victim.subjectId}`);
		expect(head.status).toBe(200);
		expect(head.headers.get('upload-offset')).toBe('36000');

		const queue = device(victimEditor);
		await queue.queue.start();
		const requests = proxy.requests.length;
		const bytes = proxy.patchBytes;
		await queue.enqueue({ bytes: photo, mime: 'image/png', subjectId: victim.subjectId, kind: 'id-back' });
		await until(() => queue.queue.records[0]?.state === 'done', 'the deduplicated upload');
		queue.queue.stop();
		expect(proxy.requests.slice(requests)).toEqual([`HEAD /files/by-hash/${hash}?subject=${victim.subjectId}`]);
		expect(proxy.patchBytes - bytes).toBe(0);

		// A plain tus client that skips the HEAD: POST answers "already complete" for the subject.
		const created = await fetch(`${url}/files`, {
			method: 'POST',
			headers: {
				cookie: victimEditor.cookie,
				'tus-resumable': '1.0.0',
				'upload-length': String(photo.byteLength),
				'upload-metadata': Object.entries(meta(photo, victim.subjectId)).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',')
			}
		});
		expect(created.status).toBe(201);
		expect(created.headers.get('location')).toBe(`/files/by-hash/${hash}?subject=${victim.subjectId}`);
		expect(created.headers.get('upload-offset')).toBe('36000');
	});
});
