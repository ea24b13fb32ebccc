/**
 * The review desk over HTTP against a real server (issue 12): reviewer accounts apart from
 * applicants, every decision as one lifecycle event and one audit entry, the desk's clock
 * (SMS window, idle expiry) on an injected clock, filing numbers under concurrent approvals,
 * service codes, the registry and the cancel / change orders it follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTS_APPROVED_KEY, parseOrderSummary } from '../../src/lib/domain/workspace/facts-layout.ts';
import { FACTS_ROOT } from '../../src/lib/domain/workspace/layout.ts';
import { RegistryResponseSchema, ReviewQueueResponseSchema } from '../../src/lib/domain/review/review-wire.ts';
import { validateApprovedRecord } from '../../src/lib/domain/operation/approved-record.ts';
import type { Order } from '../../src/lib/domain/order/order.ts';
import { makeOrder, makeWebsite } from '../support/factories.ts';
import { decide, decideAll, firstFilingOf, sendOrder, signInReviewer, submittedFiling, TO_ADMINISTRATION, withAcknowledgments, type Reviewer } from '../support/review.ts';
import { api, connectClient, signUp, signUpWithSubject, startTestServer, waitFor, type TestServer } from '../support/server.ts';
import { DEFAULT_ACCESS_PROVIDER } from '../../sync-server/src/orders/order-service.ts';
import { pngBytes, sha256, startUploadServer, tusUpload } from '../support/uploads.ts';

let env: TestServer;
let reviewer: Reviewer;
beforeAll(async () => {
	env = await startTestServer({ accessProvider: 'aliyun', registryLimit: { max: 1000, windowSeconds: 60 } });
	reviewer = await signInReviewer(env);
});
const clock = () => Date.now();
afterAll(async () => {
	await env?.dispose();
});

const url = () => env.server;
const reviewGet = (path: string, cookie = reviewer.cookie) => api(url(), 'GET', path, { cookie });
const auditOf = (subjectId: string, orderId: string) => env.records.orders.audit(subjectId, orderId);

describe('reviewer accounts', () => {
	it('STAFF-1 a new reviewer must replace the one-time password before any reviewer route answers', async () => {
		const fresh = await signInReviewer(env, { changePassword: false });
		expect((await reviewGet('/api/review/me', fresh.cookie)).body).toMatchObject({ reviewer: true, mustChangePassword: true, account: { email: fresh.email } });
		const blocked = await reviewGet('/api/review/orders', fresh.cookie);
		expect([blocked.status, blocked.body.error]).toEqual([403, 'password-change-required']);
		const wrong = await api(url(), 'POST', '/api/review/password', { cookie: fresh.cookie, body: { currentPassword: 'not it at all', newPassword: 'a brand new secret' } });
		expect([wrong.status, wrong.body.error]).toEqual([401, 'invalid-credentials']);
		const same = await api(url(), 'POST', '/api/review/password', { cookie: fresh.cookie, body: { currentPassword: fresh.password, newPassword: fresh.password } });
		expect(same.status).toBe(400);
		expect((await api(url(), 'POST', '/api/review/password', { cookie: fresh.cookie, body: { currentPassword: fresh.password, newPassword: 'a brand new secret' } })).status).toBe(204);
		expect((await reviewGet('/api/review/orders', fresh.cookie)).status).toBe(200);
		const again = await api(url(), 'POST', '/api/sessions', { body: { email: fresh.email, password: fresh.password } });
		expect(again.status).toBe(401);
		expect((await api(url(), 'POST', '/api/sessions', { body: { email: fresh.email, password: 'a brand new secret' } })).status).toBe(200);
	});

	it('STAFF-2 reviewer routes refuse applicants (403) and signed-out callers (401); applicant routes refuse reviewers', async () => {
		const { owner, order } = await submittedFiling(env);
		for (const [method, path] of [
			['GET', '/api/review/orders'],
			['GET', `/api/review/orders/${order.id}`],
			['POST', `/api/review/orders/${order.id}/decisions`],
			['GET', '/api/review/service-codes']
		] as const) {
			const body = method === 'POST' ? { action: 'approve-provider' } : undefined;
			const asApplicant = await api(url(), method, path, { cookie: owner.cookie, body });
			expect([asApplicant.status, asApplicant.body.error], path).toEqual([403, 'forbidden']);
			expect((await api(url(), method, path, { body })).status, path).toBe(401);
		}
		expect((await api(url(), 'GET', '/api/review/me', { cookie: owner.cookie })).body).toMatchObject({ reviewer: false, mustChangePassword: false });
		expect((await api(url(), 'GET', '/api/review/me')).status).toBe(401);
		expect((await env.records.orders.get(owner.subjectId, order.id))?.summary.status).toBe('provider-review');
		const bind = await api(url(), 'POST', '/api/subject', { cookie: reviewer.cookie, body: { subjectType: 'individual', certificateType: 'passport', certificateNumber: 'E12345678', name: '审核员' } });
		expect([bind.status, bind.body.error]).toEqual([403, 'forbidden']);
		const theirs = await api(url(), 'GET', `/api/subjects/${owner.subjectId}/orders`, { cookie: reviewer.cookie });
		expect(theirs.status).toBe(403);
		const put = await api(url(), 'PUT', `/api/subjects/${owner.subjectId}/orders/${order.id}`, { cookie: reviewer.cookie, body: { order } });
		expect(put.status).toBe(403);
	});
});

describe('decisions', () => {
	it('REV-5 REV-1 LIFE-11 rejects with reasons on their fields (facts doc), takes the resend and approves through every stage to numbers and the approved record', async () => {
		const { owner, order } = await submittedFiling(env, { websites: 2 });
		const noReason = await decide(env, reviewer, order.id, 'reject');
		expect([noReason.status, noReason.body.details?.issues?.[0]?.rule]).toEqual([422, 'REV-1']);
		const badPath = await decide(env, reviewer, order.id, 'reject', [{ path: ['websites', 9, 'name'], code: 'website-name' }]);
		expect([badPath.status, badPath.body.details?.issues?.[0]?.rule]).toEqual([422, 'REV-2']);
		const reasons = [{ path: ['websites', 0, 'name'], code: 'website-name', note: '网站名称不能只写“个人”' }];
		const rejected = await decide(env, reviewer, order.id, 'reject', reasons);
		expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
		expect(rejected.body.summary).toMatchObject({ status: 'provider-rejected', review: { outcome: 'rejected', reasons } });

		const facts = connectClient(url(), owner.factsRoom, { cookie: owner.cookie });
		let record: { filingNumbers: { subject: string; websites: Record<string, string> } };
		try {
			const entry = () => parseOrderSummary(facts.doc.getMap(FACTS_ROOT.orders).get(order.id));
			await waitFor(() => entry()?.status === 'provider-rejected', 5000, 'rejection in the facts doc');
			expect(entry()?.review?.reasons).toEqual(reasons);
			expect((await api(url(), 'POST', `/api/subjects/${owner.subjectId}/orders/${order.id}/events`, { cookie: owner.cookie, body: { type: 'edit' } })).status).toBe(200);
			const fixed: Order = { ...order, websites: order.websites.map((w, i) => (i === 0 ? { ...w, name: '张三的技术博客' } : w)) };
			const resent = await sendOrder(env, owner, withAcknowledgments(fixed), { issueCodes: false });
			expect([resent.status, resent.body.summary?.revision]).toEqual([201, 2]);

			const before = await decideAll(env, reviewer, order.id, TO_ADMINISTRATION);
			expect(before.body.summary?.status).toBe('administration-review');
			const approved = await decide(env, reviewer, order.id, 'approve-administration');
			expect(approved.status, JSON.stringify(approved.body)).toBe(200);
			record = approved.body.approved as unknown as { filingNumbers: { subject: string; websites: Record<string, string> } };
			const year = new Date(clock()).getUTCFullYear();
			expect(record.filingNumbers.subject).toMatch(new RegExp(`^京ICP备${year}\\d{6}号$`));
			expect(record.filingNumbers.websites).toEqual({ 'site-1': `${record.filingNumbers.subject}-1`, 'site-2': `${record.filingNumbers.subject}-2` });
			expect(validateApprovedRecord(approved.body.approved).ok).toBe(true);
			await waitFor(() => entry()?.status === 'approved' && facts.doc.getMap(FACTS_ROOT.approved).get(FACTS_APPROVED_KEY.record) !== undefined, 5000, 'approval in the facts doc');
			expect((facts.doc.getMap(FACTS_ROOT.approved).get(FACTS_APPROVED_KEY.record) as { filingNumbers: unknown }).filingNumbers).toEqual(record.filingNumbers);
		} finally {
			facts.destroy();
		}

		const audit = await auditOf(owner.subjectId, order.id);
		expect(audit.map((e) => [e.event, e.from, e.to])).toEqual([
			['submit', 'draft', 'provider-review'],
			['provider-reject', 'provider-review', 'provider-rejected'],
			['edit', 'provider-rejected', 'draft'],
			['submit', 'draft', 'provider-review'],
			['provider-approve', 'provider-review', 'miit-submission'],
			['submit-to-miit', 'miit-submission', 'sms-verification'],
			['sms-verified', 'sms-verification', 'administration-review'],
			['administration-approve', 'administration-review', 'approved']
		]);
		expect(audit.filter((e) => e.event !== 'submit' && e.event !== 'edit').every((e) => e.actor === reviewer.accountId)).toBe(true);
		const view = await reviewGet(`/api/review/orders/${order.id}`);
		expect(view.body.audit).toHaveLength(audit.length);
		expect(view.body.approved?.filingNumbers).toEqual(record.filingNumbers);
	});

	it('REV-5 answers a move the lifecycle does not allow with 409 transition-not-allowed and changes nothing', async () => {
		const { owner, order } = await submittedFiling(env);
		const before = await auditOf(owner.subjectId, order.id);
		for (const action of ['approve-administration', 'record-sms-verified', 'record-miit-submission', 'reject-administration'] as const) {
			const res = await decide(env, reviewer, order.id, action, action === 'reject-administration' ? [{ path: ['subject', 'name'], code: 'other' }] : undefined);
			expect([res.status, res.body.error], action).toEqual([409, 'transition-not-allowed']);
		}
		expect(await auditOf(owner.subjectId, order.id)).toEqual(before);
		expect((await env.records.orders.get(owner.subjectId, order.id))?.summary.status).toBe('provider-review');
		expect(await env.records.approved.get(owner.subjectId)).toBeNull();
	});

	it('LIFE-5 five wrong SMS codes send the order back to the provider; the administration may reject with reasons', async () => {
		const { owner, order } = await submittedFiling(env);
		await decideAll(env, reviewer, order.id, ['approve-provider', 'record-miit-submission']);
		for (let i = 1; i <= 4; i++) expect((await decide(env, reviewer, order.id, 'record-sms-wrong-code')).body.summary).toMatchObject({ status: 'sms-verification', smsWrongAttempts: i });
		expect((await decide(env, reviewer, order.id, 'record-sms-wrong-code')).body.summary).toMatchObject({ status: 'provider-review', smsWrongAttempts: 0 });
		await decideAll(env, reviewer, order.id, TO_ADMINISTRATION);
		const rejected = await decide(env, reviewer, order.id, 'reject-administration', [{ path: ['subject', 'name'], code: 'information-mismatch' }]);
		expect(rejected.body.summary).toMatchObject({ status: 'administration-rejected', review: { outcome: 'rejected' } });
		const events = (await auditOf(owner.subjectId, order.id)).map((e) => e.event);
		expect(events.filter((e) => e === 'sms-wrong-code')).toHaveLength(5);
		expect(events.at(-1)).toBe('administration-reject');
	});
});

describe("the desk's clock", () => {
	/** The injected clock: real time plus an offset the tests move forward. */
	let offsetMs = 0;
	let timed: TestServer;
	let desk: Reviewer;
	beforeAll(async () => {
		timed = await startTestServer({ accessProvider: 'aliyun', now: () => Date.now() + offsetMs, sessionLifetimeMs: 365 * 86_400_000 });
		desk = await signInReviewer(timed);
	});
	afterAll(async () => {
		await timed?.dispose();
	});
	const statusOf = async (subjectId: string, orderId: string) => (await timed.records.orders.get(subjectId, orderId))?.summary.status;

	it('REV-7 LIFE-6 fires sms-timeout once the 24 h window has passed, as the system actor', async () => {
		const { owner, order } = await submittedFiling(timed);
		await decideAll(timed, desk, order.id, ['approve-provider', 'record-miit-submission']);
		offsetMs += 23 * 3_600_000;
		await api(timed.server, 'GET', '/api/review/orders', { cookie: desk.cookie });
		expect(await statusOf(owner.subjectId, order.id)).toBe('sms-verification');
		offsetMs += 2 * 3_600_000;
		const queue = ReviewQueueResponseSchema.parse((await api(timed.server, 'GET', '/api/review/orders', { cookie: desk.cookie })).body);
		expect(queue.items.find((i) => i.orderId === order.id)?.status).toBe('provider-review');
		const last = (await timed.records.orders.audit(owner.subjectId, order.id)).at(-1);
		expect(last).toMatchObject({ event: 'sms-timeout', from: 'sms-verification', to: 'provider-review', actor: 'system' });
	});

	it('REV-7 LIFE-7 expires an order idle on the applicant past the domain limit (45 days), not before', async () => {
		const { owner, order } = await submittedFiling(timed);
		await decide(timed, desk, order.id, 'reject', [{ path: ['websites', 0, 'domain'], code: 'domain-not-verified' }]);
		offsetMs += 44 * 86_400_000;
		await api(timed.server, 'GET', '/api/review/orders?state=all', { cookie: desk.cookie });
		expect(await statusOf(owner.subjectId, order.id)).toBe('provider-rejected');
		offsetMs += 2 * 86_400_000;
		await api(timed.server, 'GET', `/api/review/orders/${order.id}`, { cookie: desk.cookie });
		expect(await statusOf(owner.subjectId, order.id)).toBe('expired');
		expect((await timed.records.orders.audit(owner.subjectId, order.id)).at(-1)).toMatchObject({ event: 'expire', actor: 'system' });
	});
});

describe('queue', () => {
	it('REV-6 orders the queue by deadline, filters by state, province and kind, and shows each item\'s age', async () => {
		const a = await submittedFiling(env, { subject: { province: 'SH', correspondenceAddress: { province: 'SH', city: '上海市', district: '浦东新区', detail: '世纪大道100号' } } });
		const b = await submittedFiling(env);
		await decideAll(env, reviewer, b.order.id, TO_ADMINISTRATION);
		const all = ReviewQueueResponseSchema.parse((await reviewGet('/api/review/orders')).body).items;
		const mine = all.filter((i) => i.orderId === a.order.id || i.orderId === b.order.id);
		expect(mine.map((i) => i.orderId)).toEqual([a.order.id, b.order.id]);
		const dues = all.map((i) => i.dueAt ?? i.due ?? '');
		expect(dues).toEqual([...dues].sort());
		expect(mine[0]).toMatchObject({ status: 'provider-review', province: 'SH', ageDays: 0 });
		const sh = ReviewQueueResponseSchema.parse((await reviewGet('/api/review/orders?province=SH')).body).items;
		expect(sh.every((i) => i.province === 'SH')).toBe(true);
		expect(sh.map((i) => i.orderId)).toContain(a.order.id);
		const admin = ReviewQueueResponseSchema.parse((await reviewGet('/api/review/orders?state=administration-review&kind=first-filing')).body).items;
		expect(admin.map((i) => i.orderId)).toContain(b.order.id);
		expect(admin.every((i) => i.status === 'administration-review')).toBe(true);
		expect((await reviewGet('/api/review/orders?state=nonsense')).status).toBe(400);
	});
});

describe('filing numbers', () => {
	it('FNUM-10 FNUM-11 issues unique, sequential numbers per province and year under 20 concurrent approvals (蜀, never 川)', async () => {
		const sichuan = { province: 'SC' as const, correspondenceAddress: { province: 'SC' as const, city: '成都市', district: '武侯区', detail: '人民南路四段1号' } };
		const filings = await Promise.all(Array.from({ length: 20 }, () => submittedFiling(env, { subject: sichuan })));
		for (const f of filings) await decideAll(env, reviewer, f.order.id, TO_ADMINISTRATION);
		const answers = await Promise.all(filings.map((f) => decide(env, reviewer, f.order.id, 'approve-administration')));
		expect(answers.map((a) => a.status)).toEqual(Array<number>(20).fill(200));
		const numbers = answers.map((a) => String(a.body.approved?.filingNumbers?.subject));
		const year = new Date(clock()).getUTCFullYear();
		for (const n of numbers) expect(n).toMatch(new RegExp(`^蜀ICP备${year}\\d{6}号$`));
		const serials = numbers.map((n) => Number(n.slice(4 + 4, -1))).sort((x, y) => x - y);
		expect(new Set(serials).size).toBe(20);
		expect(serials.at(-1)! - serials[0]!).toBe(19);
	});
});

describe('service codes', () => {
	it('SVC-1 SVC-2 refuses an unknown code (422 service-code-invalid), uses the code on approval, and refuses it for another filing', async () => {
		const owner = await signUpWithSubject(url());
		const order = await firstFilingOf(env, owner);
		const unknown = await sendOrder(env, owner, order, { issueCodes: false });
		expect([unknown.status, unknown.body.error]).toEqual([422, 'service-code-invalid']);
		expect(await env.records.orders.list(owner.subjectId)).toEqual([]);
		expect((await sendOrder(env, owner, order)).status).toBe(201);
		await decideAll(env, reviewer, order.id, [...TO_ADMINISTRATION, 'approve-administration']);
		const code = order.websites[0]!.access.serviceCode;
		expect((await env.review.serviceCodes.get(code))?.usedBy).toMatchObject({ subjectId: owner.subjectId, orderId: order.id });
		const other = await signUpWithSubject(url());
		const theirs = await firstFilingOf(env, other);
		const reused = { ...theirs, websites: theirs.websites.map((w) => ({ ...w, access: { ...w.access, serviceCode: code } })) };
		const refused = await sendOrder(env, other, reused, { issueCodes: false });
		expect([refused.status, refused.body.error, refused.body.details?.codes]).toEqual([422, 'service-code-invalid', [code]]);
	});

	it('SVC-3 reviewers add service codes from the console API', async () => {
		const added = await api(url(), 'POST', '/api/review/service-codes', { cookie: reviewer.cookie, body: { codes: ['DESK-0001'], count: 2 } });
		expect(added.status).toBe(201);
		expect(added.body.added).toHaveLength(3);
		const listed = await reviewGet('/api/review/service-codes');
		expect((listed.body.codes as unknown as { code: string }[]).map((c) => c.code)).toContain('DESK-0001');
		expect((await api(url(), 'POST', '/api/review/service-codes', { cookie: reviewer.cookie, body: { codes: ['bad code!'] } })).status).toBe(400);
	});
});

describe('registry', () => {
	it('REG-1 finds an approved filing by domain, number and subject name without an account, showing nothing personal', async () => {
		const { owner, order } = await submittedFiling(env);
		await decideAll(env, reviewer, order.id, [...TO_ADMINISTRATION, 'approve-administration']);
		const record = await env.records.approved.get(owner.subjectId);
		const site = order.websites[0]!;
		for (const q of [site.domain.toUpperCase(), record!.filingNumbers.subject, record!.filingNumbers.websites['site-1']!]) {
			const res = await api(url(), 'GET', `/api/registry?q=${encodeURIComponent(q)}`);
			expect(res.status, q).toBe(200);
			const { results } = RegistryResponseSchema.parse(res.body);
			expect(results, q).toEqual([{ subjectName: order.subject.name, subjectType: 'individual', subjectNumber: record!.filingNumbers.subject, websiteName: site.name, websiteNumber: record!.filingNumbers.websites['site-1'], domain: site.domain, homeUrl: site.homepageUrl, approvedOn: record!.approvedOn, shellFiling: false }]);
			const text = JSON.stringify(res.body);
			for (const secret of [order.subject.certificateNumber, order.subject.leader.mobile, order.subject.leader.email, order.subject.leader.certificateNumber, site.access.serviceCode, site.access.ips[0]!, owner.email]) expect(text).not.toContain(secret);
		}
		expect((await api(url(), 'GET', '/api/registry?q=x')).status).toBe(400);
	});

	it('REG-1 limits queries per IP (429 with Retry-After)', async () => {
		const limited = await startTestServer({ registryLimit: { max: 2, windowSeconds: 60 } });
		try {
			expect((await api(limited.server, 'GET', '/api/registry?q=abc')).status).toBe(200);
			expect((await api(limited.server, 'GET', '/api/registry?q=abc')).status).toBe(200);
			const third = await api(limited.server, 'GET', '/api/registry?q=abc');
			expect([third.status, third.body.error]).toEqual([429, 'rate-limited']);
			expect(third.headers.get('retry-after')).not.toBeNull();
		} finally {
			await limited.dispose();
		}
	});

	it('APPR-2 APPR-4 APPR-3 a change replaces the record, cancel website removes one, cancel subject removes the subject and all its websites', async () => {
		const { owner, order } = await submittedFiling(env, { websites: 2 });
		await decideAll(env, reviewer, order.id, [...TO_ADMINISTRATION, 'approve-administration']);
		const first = (await env.records.approved.get(owner.subjectId))!;
		const third = makeWebsite({ ...order.websites[0]!, id: 'site-3', domain: `third-${order.id.toLowerCase()}.cn`, homepageUrl: `https://third-${order.id.toLowerCase()}.cn/`, name: '张三的读书笔记' });
		const { documents: _documents, ...rest } = order;
		const change = withAcknowledgments(makeOrder({ ...rest, id: `${order.id}-c`, kind: 'new-website', websites: [third] }));
		const sent = await sendOrder(env, owner, change);
		expect(sent.status, JSON.stringify(sent.body)).toBe(201);
		await decideAll(env, reviewer, change.id, [...TO_ADMINISTRATION, 'approve-administration']);
		const grown = (await env.records.approved.get(owner.subjectId))!;
		expect(grown.filingNumbers.subject).toBe(first.filingNumbers.subject);
		expect(grown.filingNumbers.websites).toEqual({ ...first.filingNumbers.websites, 'site-3': `${first.filingNumbers.subject}-3` });

		const cancelSite = withAcknowledgments(makeOrder({ ...rest, id: `${order.id}-w`, kind: 'cancel-website', targetWebsiteIds: ['site-2'], websites: grown.websites.filter((w) => w.id === 'site-2'), cancellationReason: { code: 'website-closed' } }));
		expect((await sendOrder(env, owner, cancelSite)).status).toBe(201);
		await decideAll(env, reviewer, cancelSite.id, [...TO_ADMINISTRATION, 'approve-administration']);
		expect(Object.keys((await env.records.approved.get(owner.subjectId))!.filingNumbers.websites).sort()).toEqual(['site-1', 'site-3']);
		expect((await env.review.registry.ofSubject(owner.subjectId)).map((e) => e.websiteNumber)).toEqual([first.filingNumbers.websites['site-1'], `${first.filingNumbers.subject}-3`]);

		const cancelSubject = withAcknowledgments(makeOrder({ ...rest, id: `${order.id}-s`, kind: 'cancel-subject', websites: [], targetWebsiteIds: [], cancellationReason: { code: 'subject-deregistered' } }));
		const sentCancel = await sendOrder(env, owner, cancelSubject);
		expect(sentCancel.status, JSON.stringify(sentCancel.body)).toBe(201);
		await decideAll(env, reviewer, cancelSubject.id, [...TO_ADMINISTRATION, 'approve-administration']);
		expect(await env.records.approved.get(owner.subjectId)).toBeNull();
		expect(await env.review.registry.ofSubject(owner.subjectId)).toEqual([]);
		expect(RegistryResponseSchema.parse((await api(url(), 'GET', `/api/registry?q=${encodeURIComponent(first.filingNumbers.subject)}`)).body).results).toEqual([]);
		expect((await api(url(), 'GET', `/api/subjects/${owner.subjectId}/approved`, { cookie: owner.cookie })).body).toEqual({ record: null });
	});
});

describe('applicants', () => {
	it('STAFF-2 an applicant without a subject is refused on the desk too', async () => {
		const someone = await signUp(url());
		expect((await api(url(), 'GET', '/api/review/orders', { cookie: someone.cookie })).status).toBe(403);
	});
});

describe('documents', () => {
	it('DOC-16 a reviewer downloads a document the order references (kept for the order), and nothing the order does not reference', async () => {
		const files = await startUploadServer();
		try {
			const desk = await signInReviewer(files);
			const owner = await signUpWithSubject(files.server);
			const bytes = pngBytes(4000, 12);
			const hash = sha256(bytes);
			const uploaded = await tusUpload(bytes, { endpoint: `${files.server.url}/files`, cookie: owner.cookie, metadata: { sha256: hash, subjectId: owner.subjectId, kind: 'id-front' } });
			expect(uploaded.ok, JSON.stringify(uploaded)).toBe(true);
			const order = await firstFilingOf(files, owner);
			const withScan = { ...order, websites: order.websites.map((w) => ({ ...w, access: { ...w.access, provider: DEFAULT_ACCESS_PROVIDER } })), documents: order.documents.map((d, i) => (i === 0 ? { ...d, sha256: hash, size: bytes.length, mime: 'image/png' } : d)) };
			const sent = await sendOrder(files, owner, withScan);
			expect(sent.status, JSON.stringify(sent.body)).toBe(201);
			const path = `/api/review/orders/${order.id}/documents/${hash}`;
			const res = await fetch(files.server.url + path, { headers: { cookie: desk.cookie } });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('image/png');
			expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
			// The workspace doc never referenced it (the attachment index is empty): the order alone keeps it open to the desk.
			expect(await files.records.files.subjectsReferencing(hash)).toEqual([]);
			expect((await api(files.server, 'GET', path, { cookie: owner.cookie })).status).toBe(403);
			expect((await api(files.server, 'GET', `/api/review/orders/${order.id}/documents/${'0'.repeat(64)}`, { cookie: desk.cookie })).status).toBe(404);
		} finally {
			await files.dispose();
		}
	});
});
