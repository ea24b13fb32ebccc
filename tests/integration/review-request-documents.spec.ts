/**
 * The review desk reads the documents of an account request (issue 12, STAFF-3): a reviewer
 * downloads each photo a claim references, uploaded to the requesting account (`holder=account`);
 * the applicant, another account and a hash the request does not reference get nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRequestDocuments, type AccountRequest } from '../../src/lib/domain/account-request/account-request.ts';
import { seedDemoLegacy } from '../../sync-server/src/legacy/demo-legacy.ts';
import { makeDocument } from '../support/factories.ts';
import { signInReviewer, type Reviewer } from '../support/review.ts';
import { api, signUp, TEST_PASSWORD_COST, type TestServer } from '../support/server.ts';
import { pngBytes, sha256, startUploadServer, tusUpload } from '../support/uploads.ts';

let env: TestServer;
let reviewer: Reviewer;
beforeAll(async () => {
	env = await startUploadServer();
	await seedDemoLegacy(env.legacy.legacy, env.review.registry, TEST_PASSWORD_COST);
	reviewer = await signInReviewer(env);
});
afterAll(async () => {
	await env?.dispose();
});

describe('documents of account requests', () => {
	it('STAFF-3 a reviewer downloads a photo the request references; the applicant, others and unreferenced hashes get nothing', async () => {
		const owner = await signUp(env.server);
		const base: AccountRequest = { version: 1, id: 'claim-docs', created: '2026-11-02T09:00:00+08:00', subjectType: 'individual', documents: [], kind: 'claim', claim: { domain: 'claim-demo-one.cn' } };
		const photos = accountRequestDocuments(base).map((need, i) => ({ need, bytes: pngBytes(3000 + i, 40 + i) }));
		for (const { need, bytes } of photos) {
			const uploaded = await tusUpload(bytes, { endpoint: `${env.server.url}/files`, cookie: owner.cookie, metadata: { sha256: sha256(bytes), holder: 'account', kind: need.kind } });
			expect(uploaded.ok, JSON.stringify(uploaded)).toBe(true);
		}
		const documents = photos.map(({ need, bytes }) => makeDocument({ kind: need.kind, owner: need.owner, sha256: sha256(bytes), size: bytes.length, mime: 'image/png' }));
		const sent = await api(env.server, 'PUT', `/api/account-requests/${base.id}`, { cookie: owner.cookie, body: { request: { ...base, documents } } });
		expect(sent.status, JSON.stringify(sent.body)).toBe(201);

		const [first] = photos;
		if (!first) throw new Error('the claim needs at least one document');
		const path = `/api/review/account-requests/${base.id}/documents/${sha256(first.bytes)}`;
		const res = await fetch(env.server.url + path, { headers: { cookie: reviewer.cookie } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		expect(Buffer.from(await res.arrayBuffer()).equals(first.bytes)).toBe(true);

		expect((await api(env.server, 'GET', path, { cookie: owner.cookie })).status).toBe(403);
		expect((await api(env.server, 'GET', path, { cookie: (await signUp(env.server)).cookie })).status).toBe(403);
		expect((await api(env.server, 'GET', path)).status).toBe(401);
		const unreferenced = await api(env.server, 'GET', `/api/review/account-requests/${base.id}/documents/${sha256(pngBytes(999, 7))}`, { cookie: reviewer.cookie });
		expect([unreferenced.status, unreferenced.body.error]).toEqual([404, 'not-found']);
		expect((await api(env.server, 'GET', `/api/review/account-requests/no-such-request/documents/${sha256(first.bytes)}`, { cookie: reviewer.cookie })).status).toBe(404);
		expect((await api(env.server, 'GET', `/api/review/account-requests/${base.id}/documents/not-a-hash`, { cookie: reviewer.cookie })).status).toBe(404);
	});
});
