/**
 * Account requests, legacy import and password retrieval over the real HTTP API (issue 12):
 * import right / wrong password / limiter / second subject; claim; e-mail initialization
 * through password retrieval (the .eml file's link) to import; idempotent PUT; the inbox.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { accountRequestDocuments, type AccountRequest } from '../../src/lib/domain/account-request/account-request.ts';
import { AccountRequestViewSchema, InboxItemViewSchema, LegacyFilingViewSchema } from '../../src/lib/domain/account-request/account-request-wire.ts';
import { accountHolderKey } from '../../sync-server/src/legacy/legacy-desk.ts';
import { seedDemoLegacy } from '../../sync-server/src/legacy/demo-legacy.ts';
import { makeDocument } from '../support/factories.ts';
import { resetLinkMailedTo, resetTokenMailedTo } from '../support/mail.ts';
import { api, signUp, signUpWithSubject, startTestServer, TEST_PASSWORD_COST, type SignedInAccount, type TestServer } from '../support/server.ts';

/** Answers read through the wire schemas the app uses. */
const requestsOf = (body: unknown) => z.object({ requests: z.array(AccountRequestViewSchema) }).parse(body).requests;
const requestOf = (body: unknown) => z.object({ request: AccountRequestViewSchema }).parse(body).request;
const inboxOf = (body: unknown) => z.object({ items: z.array(InboxItemViewSchema) }).parse(body).items;
const importedOf = (body: unknown) => z.object({ subjectId: z.string(), imported: LegacyFilingViewSchema }).parse(body).imported;

let env: TestServer;
let reviewer: SignedInAccount;

beforeAll(async () => {
	env = await startTestServer();
	await seedDemoLegacy(env.legacy.legacy, env.review.registry, TEST_PASSWORD_COST);
	reviewer = await signUp(env.server);
	await env.review.reviewers.add({ accountId: reviewer.account.id, mustChangePassword: false, createdAt: Date.now() });
});
afterAll(() => env.dispose());

const importLegacy = (who: SignedInAccount, loginId: string, password: string, headers: Record<string, string> = {}, server = env.server) =>
	api(server, 'POST', '/api/legacy-imports', { cookie: who.cookie, body: { loginId, password }, headers });

/** A request with the documents its matrix asks for, uploaded by (held by) the account. */
async function withHeldDocuments(who: SignedInAccount, request: AccountRequest): Promise<AccountRequest> {
	const documents = accountRequestDocuments(request).map((need) => makeDocument({ kind: need.kind, owner: need.owner }));
	for (const doc of documents) await env.records.files.addBlobHolder(accountHolderKey(who.account.id), doc.sha256, doc.size);
	return { ...request, documents };
}

const base = (id: string) => ({ version: 1 as const, id, created: '2026-11-02T09:00:00+08:00', subjectType: 'individual' as const, documents: [] });
const claim = (id: string, domain: string): AccountRequest => ({ ...base(id), kind: 'claim', claim: { domain } });
const put = (who: SignedInAccount, request: AccountRequest) => api(env.server, 'PUT', `/api/account-requests/${request.id}`, { cookie: who.cookie, body: { request } });
const decide = (who: SignedInAccount, id: string, body: unknown) => api(env.server, 'POST', `/api/review/account-requests/${id}/decisions`, { cookie: who.cookie, body });

const resetLinkFor = (to: string) => resetTokenMailedTo(env.dataDir, to);

/** POSTs JSON with `Host: evil.example` and no Origin (fetch cannot forge Host); resolves the status. */
function postWithForgedHost(base: string, path: string, body: unknown): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(base + path, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('error', reject);
		req.end(JSON.stringify(body));
	});
}

describe('legacy import (POST /api/legacy-imports)', () => {
	it('LEG-2 the right old password attaches the subject, its websites and numbers to this account, once', async () => {
		const owner = await signUp(env.server);
		const res = await importLegacy(owner, 'DEMO-individual', 'demo-pass-1');
		expect(res.status).toBe(200);
		expect(res.body.imported).toMatchObject({ subjectNumber: '浙ICP备09000001号', websites: [{ domain: 'zhang-demo.cn', number: '浙ICP备09000001号-1' }] });
		const subject = await env.records.subjects.ownedBy(owner.account.id);
		expect(subject?.id).toBe(res.body.subjectId);
		expect(subject?.certificateNumber).toBe('330106198001010013');
		expect((await env.review.registry.ofSubject(String(res.body.subjectId))).map((e) => e.websiteNumber)).toEqual(['浙ICP备09000001号-1']);
		expect((await importLegacy(owner, 'demo-individual', 'demo-pass-1')).status).toBe(200);
		const stranger = await signUp(env.server);
		expect((await importLegacy(stranger, 'demo-individual', 'demo-pass-1')).body.error).toBe('legacy-already-attached');
	});

	it('LEG-2 a wrong password or an unknown login is refused alike and attaches nothing', async () => {
		const owner = await signUp(env.server);
		const wrong = await importLegacy(owner, 'demo-company', 'not-the-password');
		const unknown = await importLegacy(owner, 'no-such-login', 'whatever');
		expect([wrong.status, wrong.body.error, unknown.status, unknown.body.error]).toEqual([403, 'legacy-login-wrong', 403, 'legacy-login-wrong']);
		expect(await env.records.subjects.ownedBy(owner.account.id)).toBeNull();
	});

	it('LEG-2 refuses a second subject (one account ↔ one subject) and explains the way out', async () => {
		const owner = await signUpWithSubject(env.server);
		const res = await importLegacy(owner, 'demo-company', 'demo-pass-2');
		expect([res.status, res.body.error]).toEqual([409, 'legacy-other-subject']);
		expect((await env.records.subjects.ownedBy(owner.account.id))?.id).toBe(owner.subjectId);
		expect((await env.legacy.legacy.byLoginId('demo-company'))?.attachedTo).toBeNull();
	});

	it('LEG-2 the sign-in limiter counts per login ID and address: a stranger cannot lock the owner out', async () => {
		const limited = await startTestServer({ trustProxy: true, limits: { signInPerAccount: { max: 3, windowSeconds: 60 } } });
		try {
			await seedDemoLegacy(limited.legacy.legacy, limited.review.registry, TEST_PASSWORD_COST);
			const [attacker, owner] = [await signUp(limited.server), await signUp(limited.server)];
			const from = (ip: string) => ({ 'x-forwarded-for': ip });
			const tries = [];
			for (let i = 0; i < 5; i++) tries.push((await importLegacy(attacker, 'demo-company', `guess-${i}`, from('203.0.113.7'), limited.server)).status);
			expect(tries).toEqual([403, 403, 403, 429, 429]);
			const res = await importLegacy(owner, 'demo-company', 'demo-pass-2', from('198.51.100.9'), limited.server);
			expect(res.status).toBe(200);
		} finally {
			await limited.dispose();
		}
	});
});

describe('claims (PUT /api/account-requests/:id, reviewer decisions)', () => {
	it('LEG-3 a claim needs a filing no login holds and the documents held by the account', async () => {
		const owner = await signUp(env.server);
		const bare = claim('claim-a', 'claim-demo-one.cn');
		const missing = await put(owner, await withHeldDocuments(await signUp(env.server), bare));
		expect([missing.status, missing.body.error]).toEqual([422, 'document-missing']);
		const incomplete = await put(owner, bare);
		expect([incomplete.status, incomplete.body.error]).toEqual([422, 'account-request-invalid']);
		const unknown = await put(owner, await withHeldDocuments(owner, claim('claim-a', 'nowhere-demo.cn')));
		expect([unknown.status, unknown.body.error]).toEqual([422, 'legacy-filing-not-found']);
		const loginHeld = await put(owner, await withHeldDocuments(owner, claim('claim-a', 'li-demo.cn')));
		expect(loginHeld.body.error).toBe('legacy-filing-not-found');
	});

	it('LEG-1 LEG-4 LEG-S4 PUT is idempotent, a rejection comes back with reasons, the revision is approved and attaches the filing', async () => {
		const owner = await signUp(env.server);
		const request = await withHeldDocuments(owner, claim('claim-b', 'claim-demo-two.cn'));
		const first = await put(owner, request);
		expect(first.status).toBe(201);
		expect(first.body.request).toMatchObject({ revision: 1, status: 'submitted', filing: { subjectNumber: '浙ICP备06000005号' } });
		const target = requestOf(first.body).target;
		expect(target.earliest < target.latest).toBe(true);
		const again = await Promise.all([put(owner, request), put(owner, request)]);
		expect(again.map((r) => [r.status, r.body.request?.revision])).toEqual([[200, 1], [200, 1]]);
		expect((await put(owner, { ...request, subjectName: '改了' })).body.error).toBe('account-request-in-review');
		expect(requestsOf((await api(env.server, 'GET', '/api/review/account-requests', { cookie: reviewer.cookie })).body).map((r) => r.requestId)).toContain('claim-b');

		expect((await decide(owner, 'claim-b', { action: 'approve' })).status).toBe(403);
		expect((await api(env.server, 'GET', '/api/account-requests', { cookie: reviewer.cookie })).status).toBe(403);
		expect((await decide(reviewer, 'claim-b', { action: 'reject' })).status).toBe(422);
		const rejected = await decide(reviewer, 'claim-b', { action: 'reject', reasons: [{ path: ['documents'], code: 'document-unclear', note: '请重拍' }] });
		expect(rejected.body.request).toMatchObject({ status: 'rejected', decision: { action: 'reject', reasons: [{ code: 'document-unclear' }] } });
		expect((await decide(reviewer, 'claim-b', { action: 'approve' })).body.error).toBe('transition-not-allowed');

		const revised = await put(owner, { ...request, subjectName: '演示用户赵六' });
		expect([revised.status, revised.body.request?.revision, revised.body.request?.status]).toEqual([200, 2, 'submitted']);
		const approved = await decide(reviewer, 'claim-b', { action: 'approve' });
		expect(approved.body.request?.status).toBe('approved');
		const subject = await env.records.subjects.ownedBy(owner.account.id);
		expect((await env.legacy.legacy.find({ domain: 'claim-demo-two.cn' }))?.attachedTo).toMatchObject({ accountId: owner.account.id, subjectId: subject?.id });
		expect((await env.review.registry.search('claim-demo-two.cn', 10)).length).toBe(1);
		expect((await put(owner, { ...request, subjectName: '又改' })).body.error).toBe('account-request-decided');

		const inbox = await api(env.server, 'GET', '/api/inbox', { cookie: owner.cookie });
		expect(inboxOf(inbox.body).map((i) => [i.action, i.refId])).toEqual([['approve', 'claim-b'], ['reject', 'claim-b']]);
		const list = await api(env.server, 'GET', '/api/account-requests', { cookie: owner.cookie });
		expect(requestsOf(list.body).map((r) => [r.requestId, r.status])).toEqual([['claim-b', 'approved']]);
		const other = await signUp(env.server);
		expect((await put(other, await withHeldDocuments(other, request))).body.error).toBe('account-request-id-taken');
	});
});

describe('e-mail initialization and password retrieval', () => {
	it('LEG-4 LEG-5 approval re-addresses the legacy login; the mailed single-use link sets a new password; the import then works', async () => {
		const owner = await signUp(env.server);
		const request = await withHeldDocuments(owner, {
			...base('init-a'),
			kind: 'email-initialization',
			emailInitialization: { newEmail: 'li-new@example.com', applicantRole: 'subject-leader', applicantName: '李四', applicantCertificateNumber: '330102198505050021', loginId: 'demo-forgotten' }
		});
		expect((await put(owner, request)).status).toBe(201);
		expect((await decide(reviewer, 'init-a', { action: 'approve' })).body.request?.status).toBe('approved');
		expect((await env.legacy.legacy.byLoginId('demo-forgotten'))?.login?.email).toBe('li-new@example.com');

		expect((await api(env.server, 'POST', '/api/password-resets', { body: { loginId: 'demo-forgotten' } })).status).toBe(202);
		const token = resetLinkFor('li-new@example.com');
		expect((await api(env.server, 'POST', '/api/password-resets/confirm', { body: { token, password: 'short' } })).status).toBe(400);
		expect((await api(env.server, 'POST', '/api/password-resets/confirm', { body: { token, password: 'brand new legacy pw' } })).status).toBe(204);
		const reused = await api(env.server, 'POST', '/api/password-resets/confirm', { body: { token, password: 'another new password' } });
		expect([reused.status, reused.body.error]).toEqual([410, 'reset-link-invalid']);
		const res = await importLegacy(owner, 'demo-forgotten', 'brand new legacy pw');
		expect(res.status).toBe(200);
		expect(importedOf(res.body).websites.map((w) => w.domain)).toEqual(['li-demo.cn']);
	});

	it('LEG-5 a Beian account sets a new password through the mailed link; unknown addresses get the same answer', async () => {
		const owner = await signUp(env.server);
		expect((await api(env.server, 'POST', '/api/password-resets', { body: { email: 'nobody-here@example.com' } })).status).toBe(202);
		expect((await api(env.server, 'POST', '/api/password-resets', { body: { email: owner.email } })).status).toBe(202);
		const token = resetLinkFor(owner.email);
		expect((await api(env.server, 'POST', '/api/password-resets/confirm', { body: { token, password: 'my new password 1' } })).status).toBe(204);
		expect((await api(env.server, 'POST', '/api/sessions', { body: { email: owner.email, password: 'my new password 1' } })).status).toBe(200);
		expect((await api(env.server, 'POST', '/api/sessions', { body: { email: owner.email, password: owner.password } })).status).toBe(401);
	});

	it('LEG-5 the mailed link points at the app, never at a forged Host header or a foreign Origin', async () => {
		const owner = await signUp(env.server);
		expect(await postWithForgedHost(env.server.url, '/api/password-resets', { email: owner.email })).toBe(202);
		expect(new URL(resetLinkMailedTo(env.dataDir, owner.email)).origin).toBe(`http://localhost:${new URL(env.server.url).port}`);
		expect((await api(env.server, 'POST', '/api/password-resets', { origin: 'http://evil.example', body: { email: owner.email } })).status).toBe(403);
	});
});
