/**
 * Who may use `/files`, against a real server with the real accounts module: sessions,
 * Origin, roles for uploads, and downloads only for members of a subject whose workspace doc
 * references the hash (the server indexes the docs' `attachments` maps, edited here by real
 * y-websocket clients) and that holds it (uploaded the bytes; see uploads-possession.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf as pdfSample } from '../support/file-samples.ts';
import { addMember, signUp, signUpWithSubject, type TestClient, type TestServer } from '../support/server.ts';
import { attach, openWorkspace as openSignedIn, pngBytes, sha256, startUploadServer, tusUpload } from '../support/uploads.ts';

let env: TestServer;
let url: string;
let owner: { cookie: string; subjectId: string };
let other: { cookie: string; subjectId: string };
let editor: string;
let viewer: string;
let stranger: string;
const clients: TestClient[] = [];

beforeAll(async () => {
	env = await startUploadServer();
	url = env.server.url;
	const ownerAccount = await signUpWithSubject(env.server);
	owner = ownerAccount;
	other = await signUpWithSubject(env.server);
	editor = (await addMember(env.server, ownerAccount, 'editor')).cookie;
	viewer = (await addMember(env.server, ownerAccount, 'viewer')).cookie;
	stranger = (await signUp(env.server)).cookie;
});
afterAll(async () => {
	for (const client of clients) client.destroy();
	await env.dispose();
});

const meta = (bytes: Uint8Array, subjectId = owner.subjectId) => ({ sha256: sha256(bytes), subjectId, kind: 'id-front' });
const upload = (bytes: Buffer, cookie: string, subjectId = owner.subjectId) =>
	tusUpload(bytes, { endpoint: `${url}/files`, cookie, metadata: meta(bytes, subjectId) });
const openWorkspace = (cookie: string, subjectId: string) => {
	const client = openSignedIn(env.server, cookie, subjectId);
	clients.push(client);
	return client.doc;
};
const download = (hash: string, cookie?: string) => fetch(`${url}/files/blob/${hash}`, { headers: cookie ? { cookie } : {} });

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('/files access', () => {
	it('answers every request without a session with 401 unauthenticated', async () => {
		const bytes = pngBytes(1000, 1);
		expect((await fetch(`${url}/files/by-hash/${sha256(bytes)}`, { method: 'HEAD' })).status).toBe(401);
		const answer = await download(sha256(bytes));
		expect(answer.status).toBe(401);
		expect(await answer.json()).toMatchObject({ error: 'unauthenticated' });
		expect(await tusUpload(bytes, { endpoint: `${url}/files`, cookie: 'beian_session=forged', metadata: meta(bytes) })).toMatchObject({
			ok: false,
			status: 401,
			error: 'unauthenticated'
		});
	});

	it('refuses an upload from a foreign Origin with 403 foreign-origin', async () => {
		const bytes = pngBytes(1000, 2);
		const outcome = await tusUpload(bytes, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: meta(bytes), headers: { origin: 'https://evil.example' } });
		expect(outcome).toMatchObject({ ok: false, status: 403, error: 'foreign-origin' });
	});

	it('lets owners and editors upload into their subject; viewers and non-members get 403 forbidden', async () => {
		expect((await upload(pngBytes(2000, 3), owner.cookie)).ok).toBe(true);
		expect((await upload(pngBytes(2000, 4), editor)).ok).toBe(true);
		expect(await upload(pngBytes(2000, 5), viewer)).toMatchObject({ ok: false, status: 403, error: 'forbidden' });
		expect(await upload(pngBytes(2000, 6), stranger)).toMatchObject({ ok: false, status: 403, error: 'forbidden' });
		expect(await upload(pngBytes(2000, 7), other.cookie)).toMatchObject({ ok: false, status: 403, error: 'forbidden' });
	});

	it('lets only the creator continue an upload in progress', async () => {
		const bytes = pngBytes(5000, 8);
		const created = await fetch(`${url}/files`, {
			method: 'POST',
			headers: {
				cookie: owner.cookie,
				'tus-resumable': '1.0.0',
				'upload-length': '5000',
				'upload-metadata': Object.entries(meta(bytes)).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',')
			}
		});
		expect(created.status).toBe(201);
		const location = url + created.headers.get('location');
		const patch = (cookie: string) =>
			fetch(location, {
				method: 'PATCH',
				headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
				body: new Uint8Array(bytes.subarray(0, 1000))
			});
		expect((await patch(editor)).status).toBe(404);
		expect((await fetch(location, { method: 'HEAD', headers: { cookie: editor, 'tus-resumable': '1.0.0' } })).status).toBe(404);
		const own = await patch(owner.cookie);
		expect(own.status).toBe(204);
		expect(own.headers.get('upload-offset')).toBe('1000');
	});

	it('ROOM-2: serves a blob only to members of a subject whose workspace doc references it', async () => {
		const bytes = pngBytes(20_000, 9);
		const hash = sha256(bytes);
		expect((await upload(bytes, owner.cookie)).ok).toBe(true);
		// Uploaded but referenced by no doc yet: nobody may read it, not even its uploader.
		expect((await download(hash, owner.cookie)).status).toBe(403);
		attach(openWorkspace(owner.cookie, owner.subjectId), bytes);
		await eventually(async () => (await download(hash, owner.cookie)).status === 200, 'the attachment index');
		const answer = await download(hash, viewer);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('image/png');
		expect(answer.headers.get('content-length')).toBe('20000');
		// Never in the browser's HTTP cache: the bytes are stored encrypted on the device, nowhere else.
		expect(answer.headers.get('cache-control')).toBe('no-store');
		expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
		expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
		expect((await download(hash, editor)).status).toBe(200);
		expect(await (await download(hash, stranger)).json()).toMatchObject({ error: 'forbidden' });
		expect((await download(hash, other.cookie)).status).toBe(403);
	});

	it('ROOM-2: a hash a second subject references and uploads itself becomes readable by that subject, and unreadable once dropped', async () => {
		const bytes = pngBytes(8000, 10);
		const hash = sha256(bytes);
		expect((await upload(bytes, owner.cookie)).ok).toBe(true);
		// Stored for the owner's subject only: HEAD by hash does not tell the other subject's device to skip it.
		expect((await fetch(`${url}/files/by-hash/${hash}?subject=${other.subjectId}`, { method: 'HEAD', headers: { cookie: other.cookie } })).status).toBe(404);
		const doc = openWorkspace(other.cookie, other.subjectId);
		attach(doc, bytes);
		expect((await upload(bytes, other.cookie, other.subjectId)).ok).toBe(true);
		await eventually(async () => (await download(hash, other.cookie)).status === 200, 'the second subject to be indexed');
		expect((await download(hash, owner.cookie)).status).toBe(403);
		doc.getMap('attachments').delete(hash);
		await eventually(async () => (await download(hash, other.cookie)).status === 403, 'the dropped reference');
	});

	it('answers 404 to a member when a referenced blob has not been uploaded yet, and marks PDFs as attachments', async () => {
		const missing = pngBytes(3000, 11);
		const pdf = pdfSample({ seed: 11 });
		const doc = openWorkspace(owner.cookie, owner.subjectId);
		attach(doc, missing);
		attach(doc, pdf);
		expect((await upload(pdf, owner.cookie)).ok).toBe(true);
		await eventually(async () => (await download(sha256(pdf), owner.cookie)).status === 200, 'the PDF reference');
		const answer = await download(sha256(pdf), owner.cookie);
		expect(answer.headers.get('content-type')).toBe('application/pdf');
		expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${sha256(pdf)}.pdf"`);
		expect(await (await download(sha256(missing), owner.cookie)).json()).toMatchObject({ error: 'not-found' });
	});
});
