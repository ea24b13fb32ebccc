/**
 * Uploads across the things that happen to them: a server restart in the middle of an upload,
 * a collaborator removed in the middle of one, a dropped connection mid-chunk. Real server,
 * real accounts, real tus-js-client.
 */
import { request } from 'node:http';
import { Upload } from 'tus-js-client';
import { afterEach, describe, expect, it } from 'vitest';
import { addMember, api, signUpWithSubject, type TestServer } from '../support/server.ts';
import { pngBytes, sha256, startCountingProxy, startUploadServer } from '../support/uploads.ts';

let env: TestServer | null = null;
afterEach(async () => {
	await env?.dispose();
	env = null;
});

const metadataHeader = (pairs: Record<string, string>) =>
	Object.entries(pairs)
		.map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
		.join(',');

/** fetch, retried once when it met a pooled connection the restarted server had closed. */
async function fetchAfterRestart(input: string, init: RequestInit): Promise<Response> {
	try {
		return await fetch(input, init);
	} catch {
		return fetch(input, init);
	}
}

async function createUpload(url: string, cookie: string, bytes: Buffer, subjectId: string): Promise<string> {
	const created = await fetch(`${url}/files`, {
		method: 'POST',
		headers: { cookie, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.byteLength), 'upload-metadata': metadataHeader({ sha256: sha256(bytes), subjectId, kind: 'id-front' }) }
	});
	expect(created.status).toBe(201);
	return created.headers.get('location')!;
}

function patch(url: string, cookie: string, offset: number, body: Uint8Array): Promise<Response> {
	return fetch(url, {
		method: 'PATCH',
		headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
		body: new Uint8Array(body)
	});
}

describe('/files upload lifecycle', () => {
	it('keeps a half-finished upload and the stored blobs across a server restart', async () => {
		env = await startUploadServer();
		const owner = await signUpWithSubject(env.server);
		const bytes = pngBytes(100_000, 1);
		const location = await createUpload(env.server.url, owner.cookie, bytes, owner.subjectId);
		expect((await patch(env.server.url + location, owner.cookie, 0, bytes.subarray(0, 60_000))).headers.get('upload-offset')).toBe('60000');

		env = await env.restart();
		const head = await fetchAfterRestart(env.server.url + location, { method: 'HEAD', headers: { cookie: owner.cookie, 'tus-resumable': '1.0.0' } });
		expect(head.headers.get('upload-offset')).toBe('60000');
		expect((await patch(env.server.url + location, owner.cookie, 60_000, bytes.subarray(60_000))).status).toBe(204);

		env = await env.restart();
		const byHash = `${env.server.url}/files/by-hash/${sha256(bytes)}?subject=${owner.subjectId}`;
		expect((await fetchAfterRestart(byHash, { method: 'HEAD', headers: { cookie: owner.cookie } })).status).toBe(200);
	});

	it('stops a removed collaborator from continuing an upload and from downloading', async () => {
		env = await startUploadServer();
		const owner = await signUpWithSubject(env.server);
		const editor = await addMember(env.server, owner, 'editor');
		const bytes = pngBytes(50_000, 2);
		const location = env.server.url + (await createUpload(env.server.url, editor.cookie, bytes, owner.subjectId));
		expect((await patch(location, editor.cookie, 0, bytes.subarray(0, 10_000))).status).toBe(204);

		const removed = await api(env.server, 'DELETE', `/api/subjects/${owner.subjectId}/members/${editor.account.id}`, { cookie: owner.cookie });
		expect(removed.status).toBeLessThan(300);
		const refused = await patch(location, editor.cookie, 10_000, bytes.subarray(10_000));
		expect(refused.status).toBe(403);
		expect(await refused.json()).toMatchObject({ error: 'forbidden' });
		expect((await fetch(`${env.server.url}/files/blob/${sha256(bytes)}`, { headers: { cookie: editor.cookie } })).status).toBe(403);
	});

	it('cuts an upload in progress the moment its uploader is removed from the subject', async () => {
		env = await startUploadServer();
		const owner = await signUpWithSubject(env.server);
		const editor = await addMember(env.server, owner, 'editor');
		const bytes = pngBytes(50_000, 5);
		const location = new URL(env.server.url + (await createUpload(env.server.url, editor.cookie, bytes, owner.subjectId)));
		// A slow phone: the PATCH body trickles in and is still open when the owner acts.
		const slow = request({
			hostname: location.hostname,
			port: location.port,
			path: location.pathname,
			method: 'PATCH',
			headers: { cookie: editor.cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(bytes.byteLength) }
		});
		const ended = new Promise<string>((resolve) => {
			slow.on('error', (error) => resolve(`error ${error.message}`));
			slow.on('response', (res) => resolve(`status ${res.statusCode}`));
		});
		slow.write(bytes.subarray(0, 10_000));
		await new Promise((resolve) => setTimeout(resolve, 100));
		const removed = await api(env.server, 'DELETE', `/api/subjects/${owner.subjectId}/members/${editor.account.id}`, { cookie: owner.cookie });
		expect(removed.status).toBeLessThan(300);
		expect(await ended).not.toBe('status 204');
		slow.destroy();
		const head = await fetch(location, { method: 'HEAD', headers: { cookie: editor.cookie, 'tus-resumable': '1.0.0' } });
		expect(Number(head.headers.get('upload-offset'))).toBeLessThan(bytes.byteLength);
	});

	it('resumes after a connection dropped mid-chunk, sending at most that chunk again', async () => {
		env = await startUploadServer();
		const owner = await signUpWithSubject(env.server);
		const chunkSize = 40_000;
		// The signal drops halfway through the second chunk.
		const proxy = await startCountingProxy(env.server.url, { dropOnceAfter: chunkSize + chunkSize / 2 });
		try {
			const bytes = pngBytes(160_000, 3);
			await new Promise<void>((done, fail) => {
				const upload = new Upload(bytes, {
					endpoint: `${proxy.url}/files`,
					headers: { cookie: owner.cookie },
					metadata: { sha256: sha256(bytes), subjectId: owner.subjectId, kind: 'id-front' },
					chunkSize,
					retryDelays: [0, 50, 100],
					onSuccess: () => done(),
					onError: fail
				});
				upload.start();
			});
			expect(proxy.requests.filter((r) => r.startsWith('HEAD /files/'))).toHaveLength(1);
			expect(proxy.patchBytes).toBeGreaterThanOrEqual(bytes.byteLength);
			// Starting over would send 40,000 + 40,000 + 160,000; resuming re-sends at most the cut chunk.
			expect(proxy.patchBytes).toBeLessThanOrEqual(bytes.byteLength + chunkSize);
			expect((await fetch(`${env.server.url}/files/by-hash/${sha256(bytes)}?subject=${owner.subjectId}`, { method: 'HEAD', headers: { cookie: owner.cookie } })).status).toBe(200);
		} finally {
			await proxy.close();
		}
	});

	it('never reports complete for bytes that were not stored: a failed finish is retried on resume', async () => {
		let failuresLeft = 1;
		env = await startUploadServer({
			// The disk fills up once, right when the first upload finishes.
			wrapBlobStore: (store) => ({
				has: (hash) => store.has(hash),
				stat: (hash) => store.stat(hash),
				read: (hash) => store.read(hash),
				delete: (hash) => store.delete(hash),
				putFile: async (input) => {
					if (failuresLeft-- > 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
					return store.putFile(input);
				}
			})
		});
		const owner = await signUpWithSubject(env.server);
		const bytes = pngBytes(30_000, 4);
		const statuses: number[] = [];
		await new Promise<void>((done, fail) => {
			new Upload(bytes, {
				endpoint: `${env!.server.url}/files`,
				headers: { cookie: owner.cookie },
				metadata: { sha256: sha256(bytes), subjectId: owner.subjectId, kind: 'id-front' },
				retryDelays: [10],
				onAfterResponse: (_req, res) => void statuses.push(res.getStatus()),
				onSuccess: () => done(),
				onError: fail
			}).start();
		});
		// POST 201, PATCH 500 (finish failed), HEAD 200 (finished on resume, offset = length).
		expect(statuses).toEqual([201, 500, 200]);
		expect((await fetch(`${env.server.url}/files/by-hash/${sha256(bytes)}?subject=${owner.subjectId}`, { method: 'HEAD', headers: { cookie: owner.cookie } })).status).toBe(200);
	});
});
