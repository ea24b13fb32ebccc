/**
 * Account-held uploads (issue 9): an account request's documents (claim, e-mail
 * initialization) belong to the account, which may have no subject yet. Against a real server:
 * tus metadata `holder=account` instead of `subjectId`, chunked and resumable; the account's
 * own quota (`MAX_ACCOUNT_BYTES`); "already uploaded" and downloads for that account only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signUp, signUpWithSubject, type TestServer } from '../support/server.ts';
import { pngBytes, sha256, startCountingProxy, startUploadServer, tusUpload } from '../support/uploads.ts';

let env: TestServer | null = null;
afterEach(async () => {
	await env?.dispose();
	env = null;
});

const own = (bytes: Buffer) => ({ sha256: sha256(bytes), holder: 'account', kind: 'holding-id-photo' });
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('account-held uploads', () => {
	it('an account without a subject uploads its own document in chunks, resumes it, and only it may download it', async () => {
		env = await startUploadServer();
		const { url } = env.server;
		const applicant = await signUp(env.server);
		const stranger = await signUpWithSubject(env.server);
		const bytes = pngBytes(90_000, 7);
		const proxy = await startCountingProxy(url, { dropOnceAfter: 40_000 });
		try {
			const cut = await tusUpload(bytes, { endpoint: `${proxy.url}/files`, cookie: applicant.cookie, metadata: own(bytes), chunkSize: 30_000, retryDelays: [0, 50, 100] });
			expect(cut.ok).toBe(true);
			// Resumed after the dropped connection: at most the cut chunk was sent again, not the whole file.
			expect(proxy.patchBytes).toBeGreaterThan(bytes.length);
			expect(proxy.patchBytes).toBeLessThanOrEqual(bytes.length + 30_000);
		} finally {
			await proxy.close();
		}
		const sha = sha256(bytes);
		const head = (cookie: string, query: string) => fetch(`${url}/files/by-hash/${sha}?${query}`, { method: 'HEAD', headers: { cookie, 'tus-resumable': '1.0.0' } });
		expect((await head(applicant.cookie, 'holder=account')).status).toBe(200);
		expect((await head(stranger.cookie, 'holder=account')).status).toBe(404);
		expect((await head(stranger.cookie, `subject=${stranger.subjectId}`)).status).toBe(404);

		const get = (cookie: string) => fetch(`${url}/files/blob/${sha}`, { headers: { cookie } });
		const mine = await get(applicant.cookie);
		expect(mine.status).toBe(200);
		expect(Buffer.from(await mine.arrayBuffer()).equals(bytes)).toBe(true);
		expect((await get(stranger.cookie)).status).toBe(403);

		// The same bytes again: answered complete at once, from the account's own holding.
		const again = await fetch(`${url}/files`, {
			method: 'POST',
			headers: { cookie: applicant.cookie, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': `sha256 ${b64(sha)},holder ${b64('account')},kind ${b64('id-front')}` }
		});
		expect(again.status).toBe(201);
		expect(again.headers.get('location')).toBe(`/files/by-hash/${sha}?holder=account`);
		// A subject does not get the account's bytes for free: uploading into it needs the bytes.
		expect((await head(stranger.cookie, `subject=${stranger.subjectId}`)).status).toBe(404);
	});

	it('an unfinished account-held upload is resumable by its creator only', async () => {
		env = await startUploadServer();
		const { url } = env.server;
		const applicant = await signUp(env.server);
		const other = await signUp(env.server);
		const bytes = pngBytes(20_000, 3);
		const created = await fetch(`${url}/files`, {
			method: 'POST',
			headers: { cookie: applicant.cookie, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': `sha256 ${b64(sha256(bytes))},holder ${b64('account')},kind ${b64('id-front')}` }
		});
		expect(created.status).toBe(201);
		const location = new URL(created.headers.get('location') ?? '', url);
		const offset = (cookie: string) => fetch(location, { method: 'HEAD', headers: { cookie, 'tus-resumable': '1.0.0' } });
		expect((await offset(applicant.cookie)).headers.get('upload-offset')).toBe('0');
		expect((await offset(other.cookie)).status).toBe(404);
		const patch = await fetch(location, {
			method: 'PATCH',
			headers: { cookie: other.cookie, origin: url, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
			body: new Uint8Array(bytes)
		});
		expect(patch.status).toBe(404);
	});

	it('refuses an account-held upload past MAX_ACCOUNT_BYTES (413 quota-exceeded) before any byte, counting held and unfinished bytes; subjects keep their own quota', async () => {
		env = await startUploadServer({ maxAccountBytes: 100_000, maxSubjectBytes: 1_000_000 });
		const { url } = env.server;
		const owner = await signUpWithSubject(env.server);
		const first = pngBytes(60_000, 1);
		expect((await tusUpload(first, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: own(first) })).ok).toBe(true);
		const proxy = await startCountingProxy(url);
		try {
			const second = pngBytes(50_000, 2);
			expect(await tusUpload(second, { endpoint: `${proxy.url}/files`, cookie: owner.cookie, metadata: own(second) })).toMatchObject({ ok: false, status: 413, error: 'quota-exceeded' });
			expect(proxy.patchBytes).toBe(0);
			// The subject's documents are counted apart: the same account may still upload into its subject.
			const forSubject = { sha256: sha256(second), subjectId: owner.subjectId, kind: 'id-front' };
			expect((await tusUpload(second, { endpoint: `${proxy.url}/files`, cookie: owner.cookie, metadata: forSubject })).ok).toBe(true);
		} finally {
			await proxy.close();
		}
	});

	it('refuses metadata naming both an account holder and a subject (400 invalid-input)', async () => {
		env = await startUploadServer();
		const owner = await signUpWithSubject(env.server);
		const bytes = pngBytes(5_000, 4);
		const answer = await fetch(`${env.server.url}/files`, {
			method: 'POST',
			headers: {
				cookie: owner.cookie,
				'tus-resumable': '1.0.0',
				'upload-length': String(bytes.length),
				'upload-metadata': `sha256 ${b64(sha256(bytes))},holder ${b64('account')},subjectId ${b64(owner.subjectId)},kind ${b64('id-front')}`
			}
		});
		expect(answer.status).toBe(400);
		expect(((await answer.json()) as { error: string }).error).toBe('invalid-input');
	});
});
