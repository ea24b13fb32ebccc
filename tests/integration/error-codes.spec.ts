/**
 * Every error body the real server sends uses a code of the shared union
 * (`src/lib/domain/api-errors.ts`): failing requests to `/api`, `/files` (tus) and the sync
 * upgrade, each body parsed with the same zod schema the app trusts. The codes not provoked
 * here are listed with the reason, so a code added to the union is either provoked here or
 * named below.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_ERROR_CODES, ServerErrorBodySchema, type ServerErrorCode } from '../../src/lib/domain/api-errors.ts';
import { html } from '../support/file-samples.ts';
import { addMember, api, signUp, signUpWithSubject, startTestServer, TEST_LIMITS, type ServerAddress, type TestServer } from '../support/server.ts';
import { pngBytes, sha256, startUploadServer } from '../support/uploads.ts';

/** Codes this suite does not provoke, and why. */
const NOT_PROVOKED: Partial<Record<ServerErrorCode, string>> = {
	internal: 'a server bug; http-edge.spec.ts and the crash tests cover the 500 path',
	gone: 'an unfinished upload past its expiry (tus 410); needs the upload clock',
	'kind-not-an-order': 'provoked in orders.spec.ts (the orders routes)',
	'order-invalid': 'provoked in orders.spec.ts (the orders routes)',
	'document-missing': 'provoked in orders.spec.ts (the orders routes)',
	'order-in-flight': 'provoked in orders.spec.ts (the orders routes)',
	'order-frozen': 'provoked in orders.spec.ts (the orders routes)',
	'transition-not-allowed': 'provoked in orders.spec.ts (the orders routes)'
};

let env: TestServer | null = null;
afterEach(async () => {
	await env?.dispose();
	env = null;
});

const b64 = (text: string) => Buffer.from(text).toString('base64');
const uploadMetadata = (hash: string, subjectId: string) => `sha256 ${b64(hash)},subjectId ${b64(subjectId)},kind ${b64('id-front')}`;

/** Parses an error answer with the shared schema; fails the test for a code outside the union. */
function parseError(what: string, status: number, text: string): { status: number; code: ServerErrorCode } {
	const parsed = ServerErrorBodySchema.safeParse(JSON.parse(text));
	if (!parsed.success) throw new Error(`${what}: ${status} ${text} is not the shared error shape`);
	return { status, code: parsed.data.error };
}

async function filesRequest(server: ServerAddress, method: string, path: string, init: { headers?: Record<string, string>; body?: Uint8Array } = {}) {
	const response = await fetch(server.url + path, { method, headers: { 'tus-resumable': '1.0.0', origin: server.url, ...init.headers }, body: init.body && new Uint8Array(init.body) });
	return parseError(`${method} ${path}`, response.status, await response.text());
}

async function declare(server: ServerAddress, cookie: string, subjectId: string, options: { length: number; hash: string }): Promise<string> {
	const response = await fetch(`${server.url}/files`, {
		method: 'POST',
		headers: { cookie, origin: server.url, 'tus-resumable': '1.0.0', 'upload-length': String(options.length), 'upload-metadata': uploadMetadata(options.hash, subjectId) }
	});
	expect(response.status, await response.text()).toBe(201);
	return new URL(response.headers.get('location') ?? '', server.url).pathname;
}

const patch = (server: ServerAddress, cookie: string, path: string, offset: number, body: Uint8Array) =>
	filesRequest(server, 'PATCH', path, { headers: { cookie, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, body });

/** The sync upgrade from a foreign origin: refused with an HTTP error body, not a close code. */
function foreignUpgrade(server: ServerAddress): Promise<{ status: number; code: ServerErrorCode }> {
	return new Promise((resolve, reject) => {
		const req = request(`${server.url}/sync/ws-x`, {
			headers: { connection: 'Upgrade', upgrade: 'websocket', origin: 'https://evil.example', 'sec-websocket-version': '13', 'sec-websocket-key': b64('0123456789abcdef') }
		});
		req.on('response', (res) => {
			let text = '';
			res.on('data', (chunk: Buffer) => (text += chunk.toString()));
			res.on('end', () => resolve(parseError('sync upgrade', res.statusCode ?? 0, text)));
		});
		req.on('upgrade', () => reject(new Error('a foreign origin was upgraded')));
		req.on('error', reject);
		req.end();
	});
}

async function apiError(server: ServerAddress, method: string, path: string, options: Parameters<typeof api>[3] = {}) {
	const res = await api(server, method, path, options);
	return parseError(`${method} ${path}`, res.status, JSON.stringify(res.body));
}

describe('error codes on the wire', () => {
	it('answers every failing request with a code of the shared union, and provokes every code but the listed ones', async () => {
		env = await startUploadServer({ maxUploadBytes: 100_000, maxPendingUploadsPerAccount: 2, maxSubjectBytes: 80_000 });
		const srv = env.server;
		const seen: { status: number; code: ServerErrorCode }[] = [];
		const expectCode = (answer: { status: number; code: ServerErrorCode }, status: number, code: ServerErrorCode) => {
			expect(answer, code).toEqual({ status, code });
			seen.push(answer);
		};

		// Requests in general.
		expectCode(await apiError(srv, 'POST', '/api/accounts', { body: { email: 'not an email', password: 'x' } }), 400, 'invalid-input');
		expectCode(await apiError(srv, 'POST', '/api/accounts', { rawBody: '{"email":' }), 400, 'invalid-json');
		expectCode(await apiError(srv, 'POST', '/api/accounts', { rawBody: 'email=a', contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
		expectCode(await apiError(srv, 'POST', '/api/accounts', { body: { email: 'a@example.com', password: 'x'.repeat(64 * 1024) } }), 413, 'payload-too-large');
		expectCode(await apiError(srv, 'POST', '/api/accounts', { body: {}, origin: 'https://evil.example' }), 403, 'foreign-origin');
		expectCode(await apiError(srv, 'GET', '/api/no-such-endpoint'), 404, 'not-found');
		expectCode(await apiError(srv, 'PUT', '/api/me'), 405, 'method-not-allowed');
		expectCode(await foreignUpgrade(srv), 403, 'foreign-origin');

		// Accounts and sessions.
		const owner = await signUpWithSubject(srv);
		expectCode(await apiError(srv, 'POST', '/api/accounts', { body: { email: owner.email, password: owner.password } }), 409, 'email-taken');
		expectCode(await apiError(srv, 'POST', '/api/sessions', { body: { email: owner.email, password: 'wrong password' } }), 401, 'invalid-credentials');
		expectCode(await apiError(srv, 'GET', '/api/me'), 401, 'unauthenticated');
		expectCode(await apiError(srv, 'DELETE', '/api/sessions/no-such-session', { cookie: owner.cookie }), 404, 'session-not-found');

		// Subjects, invitations, members.
		const passport = { subjectType: 'individual', certificateType: 'passport', name: '李四' };
		const second = await signUp(srv);
		expectCode(await apiError(srv, 'POST', '/api/subject', { cookie: owner.cookie, body: { ...passport, certificateNumber: 'E12345678' } }), 409, 'account-has-subject');
		expectCode(await apiError(srv, 'POST', '/api/subject', { cookie: second.cookie, body: { ...passport, certificateNumber: '#!' } }), 400, 'invalid-certificate');
		const bound = (await api(srv, 'GET', '/api/me', { cookie: owner.cookie })).body.subject;
		const taken = { subjectType: String(bound?.subjectType), certificateType: String(bound?.certificateType), certificateNumber: String(bound?.certificateNumber), name: '张三' };
		expectCode(await apiError(srv, 'POST', '/api/subject', { cookie: second.cookie, body: taken }), 409, 'subject-bound-elsewhere');
		const editor = await addMember(srv, owner, 'editor');
		const viewer = await addMember(srv, owner, 'viewer');
		const members = `/api/subjects/${owner.subjectId}/members`;
		expectCode(await apiError(srv, 'POST', `/api/subjects/${owner.subjectId}/invites`, { cookie: editor.cookie, body: { role: 'viewer' } }), 403, 'forbidden');
		expectCode(await apiError(srv, 'POST', '/api/invites/accept', { cookie: second.cookie, body: { code: 'no-such-invite-code' } }), 404, 'invite-not-found');
		const invite = await api(srv, 'POST', `/api/subjects/${owner.subjectId}/invites`, { cookie: owner.cookie, body: { role: 'viewer' } });
		expectCode(await apiError(srv, 'POST', '/api/invites/accept', { cookie: editor.cookie, body: { code: String(invite.body.code) } }), 409, 'already-member');
		await api(srv, 'POST', '/api/invites/accept', { cookie: second.cookie, body: { code: String(invite.body.code) } });
		const third = await signUp(srv);
		expectCode(await apiError(srv, 'POST', '/api/invites/accept', { cookie: third.cookie, body: { code: String(invite.body.code) } }), 409, 'invite-used');
		expectCode(await apiError(srv, 'PATCH', `${members}/${owner.account.id}`, { cookie: owner.cookie, body: { role: 'viewer' } }), 409, 'owner-role-fixed');
		expectCode(await apiError(srv, 'DELETE', `${members}/${third.account.id}`, { cookie: owner.cookie }), 404, 'member-not-found');

		// Uploads.
		const photo = pngBytes(40_000, 7);
		expectCode(await filesRequest(srv, 'POST', '/files', { headers: { 'upload-length': '10' } }), 401, 'unauthenticated');
		expectCode(await filesRequest(srv, 'POST', '/files', { headers: { cookie: owner.cookie, origin: 'https://evil.example' } }), 403, 'foreign-origin');
		expectCode(await filesRequest(srv, 'POST', '/files', { headers: { cookie: owner.cookie, 'upload-metadata': uploadMetadata(sha256(photo), owner.subjectId) } }), 400, 'invalid-input');
		expectCode(await filesRequest(srv, 'POST', '/files', { headers: { cookie: owner.cookie, 'upload-length': '200000', 'upload-metadata': uploadMetadata(sha256(photo), owner.subjectId) } }), 413, 'payload-too-large');
		expectCode(await filesRequest(srv, 'POST', '/files', { headers: { cookie: viewer.cookie, 'upload-length': '100', 'upload-metadata': uploadMetadata(sha256(photo), owner.subjectId) } }), 403, 'forbidden');
		expectCode(await filesRequest(srv, 'GET', '/files/blob/not-a-hash', { headers: { cookie: owner.cookie } }), 404, 'not-found');
		expectCode(await filesRequest(srv, 'PUT', '/files', { headers: { cookie: owner.cookie } }), 405, 'method-not-allowed');
		const page = html(4096);
		const htmlUpload = await declare(srv, owner.cookie, owner.subjectId, { length: page.byteLength, hash: sha256(page) });
		expectCode(await patch(srv, owner.cookie, htmlUpload, 0, page), 415, 'unsupported-type');
		const wrongHash = await declare(srv, owner.cookie, owner.subjectId, { length: photo.byteLength, hash: sha256(pngBytes(40_000, 8)) });
		expectCode(await patch(srv, owner.cookie, wrongHash, 5, photo.subarray(5)), 409, 'offset-conflict');
		expectCode(await patch(srv, owner.cookie, wrongHash, 0, photo), 460, 'hash-mismatch');
		const appended = Buffer.concat([pngBytes(30_000, 9), Buffer.from('appended')]);
		const malformed = await declare(srv, editor.cookie, owner.subjectId, { length: appended.byteLength, hash: sha256(appended) });
		expectCode(await patch(srv, editor.cookie, malformed, 0, appended), 422, 'malformed-file');
		const big = { length: 60_000, hash: sha256(Buffer.from('big')) };
		await declare(srv, editor.cookie, owner.subjectId, big);
		expectCode(await filesRequest(srv, 'POST', '/files', { headers: { cookie: owner.cookie, 'upload-length': '30000', 'upload-metadata': uploadMetadata(sha256(Buffer.from('more')), owner.subjectId) } }), 413, 'quota-exceeded');
		const uploader = await addMember(srv, owner, 'editor');
		await declare(srv, uploader.cookie, owner.subjectId, { length: 100, hash: sha256(Buffer.from('one')) });
		await declare(srv, uploader.cookie, owner.subjectId, { length: 100, hash: sha256(Buffer.from('two')) });
		expectCode(await filesRequest(srv, 'POST', '/files', { headers: { cookie: uploader.cookie, 'upload-length': '100', 'upload-metadata': uploadMetadata(sha256(Buffer.from('three')), owner.subjectId) } }), 429, 'too-many-uploads');
		await env.dispose();

		// A server of its own with an injected clock and one sign-in attempt per address.
		let now = Date.now();
		env = await startTestServer({ now: () => now, limits: { ...TEST_LIMITS, signInPerIp: { max: 1, windowSeconds: 60 } } });
		const signIn = { body: { email: 'nobody@example.com', password: 'wrong password' } };
		await api(env.server, 'POST', '/api/sessions', signIn);
		expectCode(await apiError(env.server, 'POST', '/api/sessions', signIn), 429, 'rate-limited');
		const inviter = await signUpWithSubject(env.server);
		const short = await api(env.server, 'POST', `/api/subjects/${inviter.subjectId}/invites`, { cookie: inviter.cookie, body: { role: 'viewer', expiresInHours: 1 } });
		now += 61 * 60_000;
		const late = await signUp(env.server);
		expectCode(await apiError(env.server, 'POST', '/api/invites/accept', { cookie: late.cookie, body: { code: String(short.body.code) } }), 410, 'invite-expired');

		const seenCodes = new Set(seen.map((answer) => answer.code));
		expect(SERVER_ERROR_CODES.filter((code) => !seenCodes.has(code) && !(code in NOT_PROVOKED))).toEqual([]);
	});
});
