/**
 * The app's transfer queues (`src/lib/sync/transfers`) run for real in Node against a real
 * server: real tus-js-client, real fetch, the storage interfaces in memory (the Dexie-backed
 * ones are exercised by the e2e journeys). Covers dedupe by hash, resume after a "reload",
 * permanent refusals, and downloads verified by hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadQueue } from '../../src/lib/sync/transfers/download-queue.ts';
import { ACCOUNT_HOLDER, UploadQueue, type UploadQueueOptions } from '../../src/lib/sync/transfers/upload-queue.ts';
import { MemoryLocalBlobs, MemoryTransferRepo } from '../support/transfer-memory.ts';
import { signUp, signUpWithSubject, type TestClient, type TestServer } from '../support/server.ts';
import { attach, openWorkspace, pngBytes, sha256, startCountingProxy, startUploadServer, type CountingProxy } from '../support/uploads.ts';

let env: TestServer;
let proxy: CountingProxy;
let owner: { cookie: string; subjectId: string };
const clients: TestClient[] = [];

beforeAll(async () => {
	env = await startUploadServer();
	proxy = await startCountingProxy(env.server.url);
	owner = await signUpWithSubject(env.server);
});
afterAll(async () => {
	for (const client of clients) client.destroy();
	await proxy.close();
	await env.dispose();
});

function device(overrides: Partial<UploadQueueOptions> = {}) {
	const repo = new MemoryTransferRepo();
	const blobs = new MemoryLocalBlobs();
	const options = { repo, blobs, serverUrl: proxy.url, headers: { cookie: owner.cookie }, toSource: (bytes: Uint8Array) => Buffer.from(bytes), backoff: { baseMs: 20, maxMs: 100 }, ...overrides };
	return { repo, blobs, options, uploads: new UploadQueue(options) };
}

async function until(check: () => boolean, what: string): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const requestsSince = (mark: number) => proxy.requests.slice(mark);

describe('transfer queues against the real server', () => {
	it('uploads queued bytes once; a second device with the same photo skips the upload by HEAD', async () => {
		const bytes = pngBytes(40_000, 1);
		const first = device();
		await first.uploads.queue.start();
		const { sha256: hash, record } = await first.uploads.enqueue({ bytes, mime: 'image/png', subjectId: owner.subjectId, kind: 'id-front', filename: 'a.png' });
		expect(hash).toBe(sha256(bytes));
		expect(await first.blobs.has(hash)).toBe(true);
		await until(() => first.uploads.queue.records[0]?.state === 'done', 'the first upload');
		expect(first.repo.rows.get(record.id)).toMatchObject({ state: 'done', bytesSent: 40_000, tusUrl: null });

		const mark = proxy.requests.length;
		const second = device();
		await second.uploads.queue.start();
		await second.uploads.enqueue({ bytes, mime: 'image/png', subjectId: owner.subjectId, kind: 'id-front' });
		await until(() => second.uploads.queue.records[0]?.state === 'done', 'the deduplicated upload');
		expect(requestsSince(mark)).toEqual([`HEAD /files/by-hash/${hash}?subject=${owner.subjectId}`]);
		first.uploads.queue.stop();
		second.uploads.queue.stop();
	});

	it('an account request\'s document uploads held by the account (no subject), in chunks, and is then skipped by HEAD', async () => {
		const applicant = await signUp(env.server);
		const bytes = pngBytes(70_000, 9);
		const first = device({ headers: { cookie: applicant.cookie }, chunkSize: 32 * 1024 });
		await first.uploads.queue.start();
		const mark = proxy.requests.length;
		const { sha256: hash } = await first.uploads.enqueue({ bytes, mime: 'image/png', subjectId: ACCOUNT_HOLDER, kind: 'holding-id-photo' });
		await until(() => first.uploads.queue.records[0]?.state === 'done', 'the account-held upload');
		const sent = requestsSince(mark);
		expect(sent[0]).toBe(`HEAD /files/by-hash/${hash}?holder=account`);
		expect(sent.filter((r) => r.startsWith('PATCH '))).toHaveLength(3);
		const again = device({ headers: { cookie: applicant.cookie } });
		await again.uploads.queue.start();
		const before = proxy.requests.length;
		await again.uploads.enqueue({ bytes, mime: 'image/png', subjectId: ACCOUNT_HOLDER, kind: 'holding-id-photo' });
		await until(() => again.uploads.queue.records[0]?.state === 'done', 'the skipped upload');
		expect(requestsSince(before)).toEqual([`HEAD /files/by-hash/${hash}?holder=account`]);
		first.uploads.queue.stop();
		again.uploads.queue.stop();
	});

	it('resumes after a reload from the tus URL kept in the transfer row, without re-sending accepted chunks', async () => {
		const bytes = pngBytes(300_000, 2);
		const chunkSize = 32 * 1024;
		const slow = await startCountingProxy(env.server.url, { delayMs: 30 });
		const tab = device({ chunkSize, serverUrl: slow.url });
		await tab.uploads.queue.start();
		// The tab closes once three chunks were accepted and written down.
		let closed = false;
		tab.uploads.queue.subscribe((records) => {
			const stored = records[0] && tab.repo.rows.get(records[0].id);
			if (!closed && stored && stored.bytesSent >= 3 * chunkSize) {
				closed = true;
				tab.uploads.queue.stop();
			}
		});
		const { record } = await tab.uploads.enqueue({ bytes, mime: 'image/png', subjectId: owner.subjectId, kind: 'id-back' });
		await until(() => closed, 'three accepted chunks');
		await tab.uploads.queue.settled();
		const stored = tab.repo.rows.get(record.id)!;
		expect(stored.state).toBe('queued');
		expect(stored.tusUrl).toMatch(/\/files\/[0-9a-f]{32}$/);

		// A reload: new queue objects over the same storage.
		const reloaded = new UploadQueue(tab.options);
		await reloaded.queue.start();
		await until(() => reloaded.queue.records[0]?.state === 'done', 'the resumed upload');
		const sent = slow.patchBytes;
		await slow.close();
		expect(sent).toBeGreaterThanOrEqual(bytes.byteLength);
		expect(sent).toBeLessThan(bytes.byteLength + chunkSize);
		expect((await fetch(`${env.server.url}/files/by-hash/${sha256(bytes)}?subject=${owner.subjectId}`, { method: 'HEAD', headers: { cookie: owner.cookie } })).status).toBe(200);
		reloaded.queue.stop();
	});

	it('fails a refused upload for good with the server code (no retry loop)', async () => {
		const text = new TextEncoder().encode('not an image at all'.repeat(50));
		const tab = device();
		await tab.uploads.queue.start();
		await tab.uploads.enqueue({ bytes: text, mime: 'image/jpeg', subjectId: owner.subjectId, kind: 'id-front', filename: 'x.jpg' });
		await until(() => tab.uploads.queue.records[0]?.state === 'failed', 'the refusal');
		expect(tab.uploads.queue.records[0]).toMatchObject({ lastError: 'unsupported-type', attempts: 0 });
		tab.uploads.queue.stop();
	});

	it('waits for sign-in when the session is gone (blocked, not failed)', async () => {
		const tab = device({ headers: { cookie: 'beian_session=expired' } });
		await tab.uploads.queue.start();
		await tab.uploads.enqueue({ bytes: pngBytes(1000, 3), mime: 'image/png', subjectId: owner.subjectId, kind: 'id-front' });
		await until(() => tab.uploads.queue.records[0]?.state === 'blocked', 'the blocked upload');
		expect(tab.uploads.queue.records[0]!.lastError).toBe('unauthenticated');
		tab.uploads.queue.stop();
	});

	it('downloads referenced bytes this device lacks, verified by hash, retrying until the reference is indexed', async () => {
		const bytes = pngBytes(25_000, 4);
		const uploader = device();
		await uploader.uploads.queue.start();
		await uploader.uploads.enqueue({ bytes, mime: 'image/png', subjectId: owner.subjectId, kind: 'id-front' });
		await until(() => uploader.uploads.queue.records[0]?.state === 'done', 'the upload');

		const repo = new MemoryTransferRepo();
		const blobs = new MemoryLocalBlobs();
		const downloads = new DownloadQueue({ repo, blobs, serverUrl: proxy.url, headers: { cookie: owner.cookie }, backoff: { baseMs: 20, maxMs: 100 } });
		await downloads.queue.start();
		expect(await downloads.request([{ sha256: sha256(bytes), subjectId: owner.subjectId, size: bytes.byteLength }, { sha256: 'not-a-hash', subjectId: owner.subjectId }])).toBe(1);
		// Not referenced by any doc yet: refused, retried with backoff.
		await until(() => (downloads.queue.records[0]?.attempts ?? 0) >= 1, 'a refused attempt');
		expect(downloads.queue.records[0]!.lastError).toBe('forbidden');

		const workspace = openWorkspace(env.server, owner.cookie, owner.subjectId);
		clients.push(workspace);
		attach(workspace.doc, bytes);
		await until(() => downloads.queue.records[0]?.state === 'done', 'the download');
		const stored = await blobs.get(sha256(bytes));
		expect(stored?.mime).toBe('image/png');
		expect(Buffer.from(stored!.bytes).equals(bytes)).toBe(true);
		expect(await downloads.request([{ sha256: sha256(bytes), subjectId: owner.subjectId }])).toBe(0);
		downloads.queue.stop();
		uploader.uploads.queue.stop();
	});
});
