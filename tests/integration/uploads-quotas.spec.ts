/**
 * Finding 7 of issue 7, the quotas, against a real server: unfinished uploads per account
 * (429 `too-many-uploads`) and bytes per subject (413 `quota-exceeded`), both decided at
 * `POST /files` before a byte is staged, under parallel requests and across a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addMember, signUpWithSubject, type TestServer } from '../support/server.ts';
import { declareUpload, pngBytes, sha256, startCountingProxy, startUploadServer, tusUpload } from '../support/uploads.ts';

const MB = 1024 * 1024;
const hashOf = (i: number) => sha256(Buffer.from(`declared upload ${i}`));
let env: TestServer | null = null;
afterEach(async () => {
	await env?.dispose();
	env = null;
});

describe('upload quotas (issue 7, finding 7)', () => {
	it('refuses 100 parallel 10 MB declarations from one account past the default cap of 20 (429 too-many-uploads)', async () => {
		env = await startUploadServer();
		const { url } = env.server;
		const owner = await signUpWithSubject(env.server);
		const answers = await Promise.all(
			Array.from({ length: 100 }, (_, i) => declareUpload(url, { cookie: owner.cookie, subjectId: owner.subjectId, length: 10 * MB, sha256: hashOf(i) }))
		);
		expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
		expect(answers.filter((a) => a.status === 429 && a.error === 'too-many-uploads')).toHaveLength(80);
		// Cancelling one frees its slot.
		const location = answers.find((a) => a.status === 201)?.location ?? '';
		const cancelled = await fetch(new URL(location, url), { method: 'DELETE', headers: { cookie: owner.cookie, 'tus-resumable': '1.0.0' } });
		expect(cancelled.status).toBe(204);
		expect((await declareUpload(url, { cookie: owner.cookie, subjectId: owner.subjectId, length: 1000, sha256: hashOf(100) })).status).toBe(201);
		expect((await declareUpload(url, { cookie: owner.cookie, subjectId: owner.subjectId, length: 1000, sha256: hashOf(101) })).error).toBe('too-many-uploads');
	});

	it('counts the unfinished uploads found in the staging folder after a restart', async () => {
		env = await startUploadServer({ maxPendingUploadsPerAccount: 3 });
		const owner = await signUpWithSubject(env.server);
		for (let i = 0; i < 3; i++) expect((await declareUpload(env.server.url, { cookie: owner.cookie, subjectId: owner.subjectId, length: 5000, sha256: hashOf(i) })).status).toBe(201);
		env = await env.restart();
		const declare = () => declareUpload(env?.server.url ?? '', { cookie: owner.cookie, subjectId: owner.subjectId, length: 5000, sha256: hashOf(3) });
		// fetch may first reuse a keep-alive socket of the stopped server.
		const after = await declare().catch(declare);
		expect(after).toMatchObject({ status: 429, error: 'too-many-uploads' });
	});

	it('refuses an upload that would take a subject past MAX_SUBJECT_BYTES (413 quota-exceeded) before any byte is sent, counting held and unfinished bytes', async () => {
		env = await startUploadServer({ maxSubjectBytes: 100_000 });
		const { url } = env.server;
		const owner = await signUpWithSubject(env.server);
		const editor = await addMember(env.server, owner, 'editor');
		const upload = (bytes: Buffer, cookie: string, endpoint = `${url}/files`) =>
			tusUpload(bytes, { endpoint, cookie, metadata: { sha256: sha256(bytes), subjectId: owner.subjectId, kind: 'id-front' } });
		const first = pngBytes(60_000, 1);
		expect((await upload(first, owner.cookie)).ok).toBe(true);
		const proxy = await startCountingProxy(url);
		try {
			expect(await upload(pngBytes(50_000, 2), editor.cookie, `${proxy.url}/files`)).toMatchObject({ ok: false, status: 413, error: 'quota-exceeded' });
			expect(proxy.patchBytes).toBe(0);
		} finally {
			await proxy.close();
		}
		// Unfinished uploads count with their declared length, whoever made them.
		expect((await declareUpload(url, { cookie: editor.cookie, subjectId: owner.subjectId, length: 30_000, sha256: hashOf(1) })).status).toBe(201);
		expect((await declareUpload(url, { cookie: owner.cookie, subjectId: owner.subjectId, length: 20_000, sha256: hashOf(2) })).error).toBe('quota-exceeded');
		expect((await declareUpload(url, { cookie: owner.cookie, subjectId: owner.subjectId, length: 10_000, sha256: hashOf(3) })).status).toBe(201);
		// A file the subject already holds costs nothing more; another subject has its own quota.
		expect((await upload(first, editor.cookie)).ok).toBe(true);
		const other = await signUpWithSubject(env.server, '李四');
		const theirs = pngBytes(90_000, 4);
		const outcome = await tusUpload(theirs, { endpoint: `${url}/files`, cookie: other.cookie, metadata: { sha256: sha256(theirs), subjectId: other.subjectId, kind: 'id-front' } });
		expect(outcome.ok).toBe(true);
	});
});
