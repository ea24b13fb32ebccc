/**
 * The orders API over HTTP against a real server (issue 10): sending an order (idempotent PUT,
 * revisions after a rejection), every refusal with its code, the applicant's lifecycle moves,
 * the audit log and the facts doc. Documents are marked as held through the file-index store
 * (uploads have their own suites); approved records and the review desk's rejection are seeded
 * through the stores and the domain lifecycle, as the review desk will do it.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/lib/domain/lifecycle/order-state.ts';
import { validateApprovedRecord } from '../../src/lib/domain/operation/approved-record.ts';
import { validateOrder } from '../../src/lib/domain/order/validate-order.ts';
import type { Order } from '../../src/lib/domain/order/order.ts';
import { ORDER_BODY_MAX_BYTES, OrderListResponseSchema, OrderResponseSchema, ProviderResponseSchema } from '../../src/lib/domain/order/order-wire.ts';
import { FACTS_APPROVED_KEY, parseOrderSummary } from '../../src/lib/domain/workspace/facts-layout.ts';
import { FACTS_ROOT } from '../../src/lib/domain/workspace/layout.ts';
import { commitFor } from '../../sync-server/src/orders/order-transitions.ts';
import { serviceCodesOf } from '../../sync-server/src/review/service-codes.ts';
import { makeApprovedRecord, makeDocument, makeIndividual, makeLeader, makeOrder, makeWebsite } from '../support/factories.ts';
import { addMember, api, connectClient, signUp, signUpWithSubject, startTestServer, waitFor, type OwnerWithSubject, type TestServer } from '../support/server.ts';

let env: TestServer;
beforeAll(async () => {
	env = await startTestServer({ accessProvider: 'aliyun' });
});
afterAll(async () => {
	await env?.dispose();
});

const url = () => env.server;
const path = (owner: { subjectId: string }, orderId = '') => `/api/subjects/${owner.subjectId}/orders${orderId ? `/${orderId}` : ''}`;

/** Acknowledges every warning the domain finds (what the app's "I have read this" does). */
function acknowledged(order: Order, by = 'tester'): Order {
	const warnings = validateOrder(order).issues.filter((i) => i.severity === 'warning');
	return { ...order, acknowledgedWarnings: [...new Set(warnings.map((w) => w.rule))].map((rule) => ({ rule, by, at: '2026-11-02T09:30:00+08:00' })) };
}

/** A valid first filing of the owner's individual subject (its passport), every warning acknowledged. */
async function orderFor(owner: OwnerWithSubject, overrides: Partial<Order> = {}): Promise<Order> {
	const bound = await env.records.subjects.byId(owner.subjectId);
	const number = bound?.certificateNumber ?? '';
	const leader = makeLeader({ certificateType: 'passport', certificateNumber: number });
	const subject = makeIndividual({ certificateType: 'passport', certificateNumber: number, leader, name: leader.name });
	return acknowledged(makeOrder({ id: `o-${owner.subjectId.slice(0, 6)}-${Math.random().toString(36).slice(2, 8)}`, subject, websites: [makeWebsite({ administrator: leader })], ...overrides }));
}

/** Marks the order's documents as uploaded into the subject, and issues its service codes (SVC-1). */
async function hold(owner: OwnerWithSubject, order: Order): Promise<void> {
	for (const doc of order.documents) await env.records.files.addBlobHolder(owner.subjectId, doc.sha256, doc.size);
	for (const code of serviceCodesOf(order)) await env.review.serviceCodes.add(code, Date.now());
}

async function ready(): Promise<{ owner: OwnerWithSubject; order: Order }> {
	const owner = await signUpWithSubject(url());
	const order = await orderFor(owner);
	await hold(owner, order);
	return { owner, order };
}

const put = (owner: { cookie: string; subjectId: string }, order: unknown, orderId = (order as Order).id) => api(url(), 'PUT', path(owner, orderId), { cookie: owner.cookie, body: { order } });
const move = (owner: { cookie: string; subjectId: string }, orderId: string, type: string) => api(url(), 'POST', `${path(owner, orderId)}/events`, { cookie: owner.cookie, body: { type } });

/** What the review desk will do: a lifecycle event on the stored order, through the store. */
async function deskEvent(owner: OwnerWithSubject, orderId: string, event: OrderEvent): Promise<void> {
	const record = await env.records.orders.get(owner.subjectId, orderId);
	if (!record) throw new Error('no such order');
	const next = commitFor(record, [event], { actor: 'review-desk', at: Date.now(), why: '网站名称不符合要求' });
	if (!next.ok) throw new Error(JSON.stringify(next.issues));
	expect(await env.records.orders.commit(next.commit)).toEqual({ outcome: 'committed' });
}

describe('PUT /api/subjects/:subjectId/orders/:orderId', () => {
	it('OP-2 accepts a valid order as revision 1 in provider-review, lists it, and answers a resend with the stored order', async () => {
		const { owner, order } = await ready();
		const first = await put(owner, order);
		expect(first.status, JSON.stringify(first.body)).toBe(201);
		const parsed = OrderResponseSchema.parse(first.body);
		expect(parsed.summary).toMatchObject({ id: order.id, kind: 'first-filing', revision: 1, status: 'provider-review', isCancellation: false });
		expect(parsed.summary.history).toEqual([expect.objectContaining({ from: 'draft', to: 'provider-review', event: 'submit', revision: 1 })]);
		expect(parsed.order).toEqual(order);
		const again = await put(owner, JSON.parse(JSON.stringify(order)));
		expect(again.status).toBe(200);
		expect(again.body).toEqual(first.body);
		const list = OrderListResponseSchema.parse((await api(url(), 'GET', path(owner), { cookie: owner.cookie })).body);
		expect(list.orders).toEqual([parsed.summary]);
		const one = await api(url(), 'GET', path(owner, order.id), { cookie: owner.cookie });
		expect(one.body).toEqual(first.body);
		expect((await api(url(), 'GET', path(owner, 'nope'), { cookie: owner.cookie })).status).toBe(404);
	});

	it('OP-2 stores nothing twice under 20 concurrent identical PUTs', async () => {
		const { owner, order } = await ready();
		const answers = await Promise.all(Array.from({ length: 20 }, () => put(owner, order)));
		expect(answers.map((a) => a.status).sort((a, b) => a - b)).toEqual([...Array<number>(19).fill(200), 201]);
		for (const a of answers) expect(a.body.summary).toEqual(answers[0]?.body.summary);
		expect(await env.records.orders.revisions(owner.subjectId, order.id)).toHaveLength(1);
		expect(await env.records.orders.audit(owner.subjectId)).toHaveLength(1);
		expect(await env.records.orders.list(owner.subjectId)).toHaveLength(1);
	});

	it('ORDER-1 answers an account request kind with 422 kind-not-an-order', async () => {
		const { owner, order } = await ready();
		for (const kind of ['claim', 'legacy-import', 'email-initialization']) {
			const res = await put(owner, { ...order, kind });
			expect([res.status, res.body.error], kind).toEqual([422, 'kind-not-an-order']);
		}
		expect(await env.records.orders.list(owner.subjectId)).toEqual([]);
	});

	it('ID-1 DATA-1 re-validates a tampered order: 422 order-invalid with { rule, path, severity, params } issues', async () => {
		const { owner, order } = await ready();
		const leader = makeLeader({ certificateNumber: '110105194912310021' });
		const tampered = { ...order, subject: { ...order.subject, certificateType: 'resident-id-card', certificateNumber: '110105194912310021', leader } };
		const res = await put(owner, tampered);
		expect([res.status, res.body.error]).toEqual([422, 'order-invalid']);
		const issues = res.body.details?.issues as unknown as { rule: string; path: unknown[]; severity: string; params: object }[];
		expect(issues.length).toBeGreaterThan(0);
		for (const i of issues) expect(Object.keys(i).sort()).toEqual(['params', 'path', 'rule', 'severity']);
		expect(issues).toContainEqual(expect.objectContaining({ rule: 'ID-3', path: ['subject', 'certificateNumber'], severity: 'error' }));
		const shape = await put(owner, { ...order, websites: 'none' });
		expect(shape.body.details?.issues).toEqual([expect.objectContaining({ rule: 'DATA-1', path: ['websites'] })]);
		expect(await env.records.orders.list(owner.subjectId)).toEqual([]);
	});

	it('ORDER-2 refuses a warning sent without acknowledgment, naming the warning', async () => {
		const { owner, order } = await ready();
		const res = await put(owner, { ...order, acknowledgedWarnings: [] });
		expect([res.status, res.body.error]).toEqual([422, 'order-invalid']);
		expect(res.body.details?.issues).toContainEqual(expect.objectContaining({ rule: 'ORDER-2', severity: 'error' }));
	});

	it('ORDER-4 refuses an access provider other than the one operating the server; GET /api/provider names it', async () => {
		expect(ProviderResponseSchema.parse((await api(url(), 'GET', '/api/provider')).body)).toEqual({ name: 'aliyun', serviceCodePattern: '^[A-Za-z0-9-]{1,64}$' });
		const { owner, order } = await ready();
		const site = order.websites[0] ?? makeWebsite();
		const res = await put(owner, { ...order, websites: [{ ...site, access: { ...site.access, provider: 'elsewhere' } }] });
		expect(res.body.details?.issues).toContainEqual(expect.objectContaining({ rule: 'ORDER-4', path: ['websites', 0, 'access', 'provider'] }));
	});

	it('DOC-16 refuses with 422 document-missing naming every document this subject has not uploaded', async () => {
		const owner = await signUpWithSubject(url());
		const order = await orderFor(owner);
		const extra = makeDocument({ sha256: 'ab'.repeat(32), kind: 'residence-permit' });
		const withTwo = acknowledged({ ...order, documents: [...order.documents, extra] });
		await hold(owner, order);
		const res = await put(owner, withTwo);
		expect([res.status, res.body.error]).toEqual([422, 'document-missing']);
		expect(res.body.details?.hashes).toEqual([extra.sha256]);
		const none = await signUpWithSubject(url());
		const theirs = await orderFor(none);
		expect(theirs.documents.length).toBeGreaterThan(0);
		expect((await put(none, theirs)).body.details?.hashes).toEqual(theirs.documents.map((d) => d.sha256));
		await hold(owner, theirs);
		expect((await put(none, theirs)).status, 'held by another subject is not held by this one').toBe(422);
	});

	it('OP-2 refuses a second order while one is in flight (409 order-in-flight)', async () => {
		const { owner, order } = await ready();
		expect((await put(owner, order)).status).toBe(201);
		const second = { ...order, id: `${order.id}-2` };
		const res = await put(owner, second);
		expect([res.status, res.body.error, res.body.details?.orderId]).toEqual([409, 'order-in-flight', order.id]);
	});

	it('LIFE-2 refuses a different body while the order is under review (409 order-frozen)', async () => {
		const { owner, order } = await ready();
		expect((await put(owner, order)).status).toBe(201);
		const res = await put(owner, { ...order, created: '2026-11-03T09:00:00+08:00' });
		expect([res.status, res.body.error]).toEqual([409, 'order-frozen']);
		expect(await env.records.orders.revisions(owner.subjectId, order.id)).toHaveLength(1);
	});

	it('LIFE-11 takes a different body after a rejection as the next revision; the first stays as it was', async () => {
		const { owner, order } = await ready();
		expect((await put(owner, order)).status).toBe(201);
		await deskEvent(owner, order.id, { type: 'provider-reject' });
		const resent = await put(owner, order);
		expect([resent.status, resent.body.summary?.status]).toEqual([200, 'provider-rejected']);
		const fixed = { ...order, created: '2026-11-03T09:00:00+08:00' };
		const res = await put(owner, fixed);
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body.summary).toMatchObject({ revision: 2, status: 'provider-review' });
		const revisions = await env.records.orders.revisions(owner.subjectId, order.id);
		expect(revisions.map((r) => [r.revision, (JSON.parse(r.body) as Order).created])).toEqual([[1, order.created], [2, fixed.created]]);
		const audit = await env.records.orders.audit(owner.subjectId, order.id);
		expect(audit.map((e) => [e.actor, e.from, e.to, e.event, e.revision])).toEqual([
			[owner.account.id, 'draft', 'provider-review', 'submit', 1],
			['review-desk', 'provider-review', 'provider-rejected', 'provider-reject', 1],
			[owner.account.id, 'provider-rejected', 'draft', 'edit', 2],
			[owner.account.id, 'draft', 'provider-review', 'submit', 2]
		]);
		expect(audit[1]?.why).toBe('网站名称不符合要求');
		for (const e of audit) expect(e.at).toBeGreaterThan(0);
	});

	it('OP-8 checks change and cancel orders against the approved record, which the subject reads', async () => {
		const { owner, order } = await ready();
		const change = acknowledged({ ...order, kind: 'change-website', targetWebsiteIds: ['site-1'] });
		const before = await put(owner, change);
		expect(before.body.details?.issues).toContainEqual(expect.objectContaining({ rule: 'OP-8' }));
		expect((await api(url(), 'GET', `/api/subjects/${owner.subjectId}/approved`, { cookie: owner.cookie })).body).toEqual({ record: null });
		const record = makeApprovedRecord({ subjectId: owner.subjectId, subject: order.subject, websites: order.websites });
		await env.records.approved.put(record, Date.now());
		expect((await api(url(), 'GET', `/api/subjects/${owner.subjectId}/approved`, { cookie: owner.cookie })).body).toEqual({ record });
		const after = await put(owner, change);
		expect(after.status, JSON.stringify(after.body)).toBe(201);
		const facts = await api(url(), 'GET', `/api/subjects/${owner.subjectId}/filing-facts?domain=EXAMPLE-TECH.cn`, { cookie: owner.cookie });
		expect(facts.body).toEqual({ subjectHere: true, domain: { name: 'example-tech.cn', filedHere: true, bySubject: true } });
		const stranger = await signUpWithSubject(url());
		const theirs = await api(url(), 'GET', `/api/subjects/${stranger.subjectId}/filing-facts?domain=example-tech.cn`, { cookie: stranger.cookie });
		expect(theirs.body).toEqual({ subjectHere: false, domain: { name: 'example-tech.cn', filedHere: true, bySubject: false } });
	});

	it('OP-1 refuses viewers (403) and non-members (403); viewers still read the list', async () => {
		const { owner, order } = await ready();
		const viewer = await addMember(url(), owner, 'viewer');
		const asViewer = { cookie: viewer.cookie, subjectId: owner.subjectId };
		expect([(await put(asViewer, order)).status, (await put(asViewer, order)).body.error]).toEqual([403, 'forbidden']);
		expect((await api(url(), 'GET', path(owner), { cookie: viewer.cookie })).status).toBe(200);
		const editor = await addMember(url(), owner, 'editor');
		expect((await put({ cookie: editor.cookie, subjectId: owner.subjectId }, order)).status).toBe(201);
		expect((await move(asViewer, order.id, 'withdraw')).status).toBe(403);
		const stranger = await signUp(url());
		expect((await api(url(), 'GET', path(owner), { cookie: stranger.cookie })).status).toBe(403);
		expect((await api(url(), 'GET', path(owner))).status).toBe(401);
	});

	it('DATA-1 fits an order of 50 websites in the body limit, refuses bodies beyond it (413) and malformed ones (400)', async () => {
		const { owner, order } = await ready();
		const websites = Array.from({ length: 50 }, (_, i) => makeWebsite({ id: `site-${i}`, domain: `example-${i}.cn` }));
		const big = { ...order, websites };
		expect(JSON.stringify({ order: big }).length).toBeGreaterThan(16 * 1024);
		const res = await put(owner, big);
		expect([res.status, res.body.error]).toEqual([422, 'order-invalid']);
		expect(res.body.details?.issues).toContainEqual(expect.objectContaining({ rule: 'OP-9' }));
		const huge = await api(url(), 'PUT', path(owner, order.id), { cookie: owner.cookie, rawBody: JSON.stringify({ order: { ...order, pad: 'x'.repeat(ORDER_BODY_MAX_BYTES) } }) });
		expect([huge.status, huge.body.error]).toEqual([413, 'payload-too-large']);
		expect((await api(url(), 'PUT', path(owner, order.id), { cookie: owner.cookie, body: { order: 'x' } })).status).toBe(400);
		expect((await put(owner, order, 'another-id')).body.error).toBe('invalid-input');
	});

	it('DATA-1 counts order and account-request PUTs per account before reading them: past the limit 429 with Retry-After, others unaffected', async () => {
		const limited = await startTestServer({ limits: { submitsPerAccount: { max: 3, windowSeconds: 60 } } });
		try {
			const [first, second] = [await signUpWithSubject(limited.server), await signUpWithSubject(limited.server)];
			const send = (who: OwnerWithSubject, id: string) => api(limited.server, 'PUT', path(who, id), { cookie: who.cookie, body: { order: 'not an order' } });
			for (const id of ['a', 'b']) expect((await send(first, id)).status).toBe(400);
			expect((await api(limited.server, 'PUT', '/api/account-requests/r-1', { cookie: first.cookie, body: { request: 'x' } })).status).toBe(400);
			const refused = await api(limited.server, 'PUT', path(first, 'c'), { cookie: first.cookie, rawBody: JSON.stringify({ order: { pad: 'x'.repeat(500_000) } }) });
			expect([refused.status, refused.body.error]).toEqual([429, 'rate-limited']);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect((await api(limited.server, 'PUT', '/api/account-requests/r-2', { cookie: first.cookie, body: { request: 'x' } })).status).toBe(429);
			expect((await send(second, 'a')).status).toBe(400);
		} finally {
			await limited.dispose();
		}
	});
});

describe('POST /api/subjects/:subjectId/orders/:orderId/events', () => {
	it('LIFE-2 LIFE-9 withdraws to draft, resubmits the same body, abandons, then refuses with 409 transition-not-allowed', async () => {
		const { owner, order } = await ready();
		expect((await put(owner, order)).status).toBe(201);
		const reopen = await move(owner, order.id, 'reopen');
		expect([reopen.status, reopen.body.error]).toEqual([409, 'transition-not-allowed']);
		expect(reopen.body.details?.issues).toEqual([expect.objectContaining({ rule: 'LIFE-1', params: { status: 'provider-review', event: 'reopen' } })]);
		const withdrawn = await move(owner, order.id, 'withdraw');
		expect([withdrawn.status, withdrawn.body.summary?.status]).toEqual([200, 'draft']);
		const again = await put(owner, order);
		expect([again.status, again.body.summary?.status, again.body.summary?.revision]).toEqual([200, 'provider-review', 1]);
		expect((await move(owner, order.id, 'abandon')).body.summary?.status).toBe('abandoned');
		const after = await move(owner, order.id, 'withdraw');
		expect([after.status, after.body.error]).toEqual([409, 'transition-not-allowed']);
		expect(after.body.details?.issues).toEqual([expect.objectContaining({ rule: 'LIFE-9' })]);
		expect((await move(owner, order.id, 'provider-approve')).status, 'not an applicant move').toBe(400);
		expect((await move(owner, 'missing', 'withdraw')).status).toBe(404);
		const audit = await env.records.orders.audit(owner.subjectId, order.id);
		expect(audit.map((e) => e.event)).toEqual(['submit', 'withdraw', 'submit', 'abandon']);
		const abandoned = { ...order, created: '2026-11-04T09:00:00+08:00' };
		expect((await put(owner, abandoned)).body.error, 'an abandoned order is final').toBe('order-frozen');
		const next = await put(owner, { ...order, id: `${order.id}-new` });
		expect(next.status, 'an abandoned order is not in flight').toBe(201);
	});

	it('LIFE-7 reopens an expired order to draft unless another order is in flight meanwhile; edit after a rejection returns to draft', async () => {
		const { owner, order } = await ready();
		expect((await put(owner, order)).status).toBe(201);
		await deskEvent(owner, order.id, { type: 'provider-reject' });
		await deskEvent(owner, order.id, { type: 'expire', idleDays: 46 });
		const other = await orderFor(owner);
		await hold(owner, other);
		expect((await put(owner, other)).status, 'an expired order is not in flight').toBe(201);
		const blocked = await move(owner, order.id, 'reopen');
		expect([blocked.status, blocked.body.error, blocked.body.details?.orderId]).toEqual([409, 'order-in-flight', other.id]);
		expect((await move(owner, other.id, 'abandon')).body.summary?.status).toBe('abandoned');
		expect((await move(owner, order.id, 'reopen')).body.summary?.status).toBe('draft');
		await put(owner, order);
		await deskEvent(owner, order.id, { type: 'provider-reject' });
		const edited = await move(owner, order.id, 'edit');
		expect([edited.status, edited.body.summary?.status]).toEqual([200, 'draft']);
		const fixed = await put(owner, { ...order, created: '2026-11-05T09:00:00+08:00' });
		expect(fixed.body.summary).toMatchObject({ status: 'provider-review', revision: 2 });
		expect((await env.records.orders.audit(owner.subjectId, order.id)).map((e) => e.event)).toEqual(['submit', 'provider-reject', 'expire', 'reopen', 'submit', 'provider-reject', 'edit', 'submit']);
	});

	it('ROOM-3 writes the order state and the approved record into the facts doc, which members read', async () => {
		const { owner, order } = await ready();
		const res = await put(owner, order);
		expect(res.status).toBe(201);
		const approved = makeApprovedRecord({ subjectId: owner.subjectId });
		await env.records.approved.put(approved, Date.now());
		const client = connectClient(url(), owner.factsRoom, { cookie: owner.cookie });
		try {
			const orders = client.doc.getMap(FACTS_ROOT.orders);
			await waitFor(() => orders.has(order.id), 5000, 'the order in the facts doc');
			expect(parseOrderSummary(orders.get(order.id))).toEqual(res.body.summary);
			const withdrawn = await move(owner, order.id, 'withdraw');
			await waitFor(() => parseOrderSummary(orders.get(order.id))?.status === 'draft', 5000, 'the withdrawal in the facts doc');
			expect(parseOrderSummary(orders.get(order.id))).toEqual(withdrawn.body.summary);
			const record = client.doc.getMap(FACTS_ROOT.approved);
			expect(record.get(FACTS_APPROVED_KEY.record), 'a seeded record is published when the subject next reads').toBeUndefined();
			expect((await api(url(), 'GET', `/api/subjects/${owner.subjectId}/approved`, { cookie: owner.cookie })).body).toEqual({ record: approved });
			await waitFor(() => record.has(FACTS_APPROVED_KEY.record), 5000, 'the approved record in the facts doc');
			expect(validateApprovedRecord(record.get(FACTS_APPROVED_KEY.record))).toMatchObject({ ok: true, value: approved });
		} finally {
			client.destroy();
		}
	});
});

describe('npm run admin -- seed-approved', () => {
	const admin = (...args: string[]) =>
		promisify(execFile)(process.execPath, [fileURLToPath(new URL('../../sync-server/src/admin.ts', import.meta.url)), ...args], { env: { ...process.env, DATA_DIR: env.dataDir } }).then(
			(r) => ({ code: 0, ...r }),
			(e: { code: number; stdout: string; stderr: string }) => e
		);

	it('APPR-1 stores a valid approved record for a bound subject (the server then serves it) and refuses a bad file whole', async () => {
		const owner = await signUpWithSubject(url());
		const good = makeApprovedRecord({ subjectId: owner.subjectId });
		const file = join(env.dataDir, 'approved.json');
		writeFileSync(file, JSON.stringify([good, { ...good, subjectId: 'aaaaaaaaaaaaaaaa' }]));
		const refused = await admin('seed-approved', file);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('no subject aaaaaaaaaaaaaaaa');
		expect(await env.records.approved.get(owner.subjectId), 'nothing stored when one record is refused').toBeNull();
		writeFileSync(file, JSON.stringify({ ...good, filingNumbers: { subject: 'not a number', websites: {} } }));
		expect((await admin('seed-approved', file)).stderr).toContain('APPR-1 at filingNumbers.subject');
		writeFileSync(file, JSON.stringify(good));
		const stored = await admin('seed-approved', file);
		expect([stored.code, stored.stdout.trim()]).toEqual([0, `approved record stored for subject ${owner.subjectId}`]);
		expect((await api(url(), 'GET', `/api/subjects/${owner.subjectId}/approved`, { cookie: owner.cookie })).body).toEqual({ record: good });
		expect((await admin('nothing')).code).toBe(2);
	});
});
