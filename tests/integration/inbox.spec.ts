/**
 * The inbox over the real HTTP API (issue 12, NOTE-1..NOTE-5): every desk action on an order and
 * every event the server fires on its (injected) clock reaches each member of the order's
 * subject once and nobody else; the inbox and its read marks answer only their own applicant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboxResponseSchema, type InboxItemView } from '../../src/lib/domain/account-request/account-request-wire.ts';
import type { Order } from '../../src/lib/domain/order/order.ts';
import { REVIEW_ACTION_NAMES } from '../../src/lib/domain/review/review-wire.ts';
import { decide, decideAll, sendOrder, signInReviewer, submittedFiling, withAcknowledgments, type DeskAction, type Reviewer } from '../support/review.ts';
import { addMember, api, signUp, startTestServer, type SignedInAccount, type TestServer } from '../support/server.ts';

let env: TestServer;
let reviewer: Reviewer;
beforeAll(async () => {
	env = await startTestServer({ accessProvider: 'aliyun' });
	reviewer = await signInReviewer(env);
});
afterAll(async () => {
	await env?.dispose();
});

async function inboxOf(server: TestServer, who: { cookie: string }): Promise<InboxItemView[]> {
	const res = await api(server.server, 'GET', '/api/inbox', { cookie: who.cookie });
	expect(res.status).toBe(200);
	return InboxResponseSchema.parse(res.body).items;
}

/** The applicant edits the rejected order and sends it again with a new website name. */
async function fixAndResend(server: TestServer, owner: Parameters<typeof sendOrder>[1], order: Order, name: string): Promise<void> {
	expect((await api(server.server, 'POST', `/api/subjects/${owner.subjectId}/orders/${order.id}/events`, { cookie: owner.cookie, body: { type: 'edit' } })).status).toBe(200);
	const fixed: Order = { ...order, websites: order.websites.map((w) => ({ ...w, name })) };
	const resent = await sendOrder(server, owner, withAcknowledgments(fixed), { issueCodes: false });
	expect(resent.status, JSON.stringify(resent.body)).toBe(201);
}

describe('order decisions', () => {
	it('NOTE-2 NOTE-5 each desk action adds one entry for each member of the subject, none for anyone else', async () => {
		const { owner, order } = await submittedFiling(env);
		const editor = await addMember(env.server, owner, 'editor');
		const viewer = await addMember(env.server, owner, 'viewer');
		const other = await submittedFiling(env);
		const stranger = await signUp(env.server);

		const nameReason = [{ path: ['websites', 0, 'name'], code: 'website-name', note: '请写明网站内容' }];
		const adminReason = [{ path: ['subject', 'name'], code: 'information-mismatch' }];
		const expected: [DeskAction, unknown[]][] = [];
		const act = async (action: DeskAction, reasons?: unknown[]) => {
			const res = await decide(env, reviewer, order.id, action, reasons);
			expect(res.status, `${action} ${JSON.stringify(res.body)}`).toBe(200);
			expected.unshift([action, reasons ?? []]);
		};

		await act('reject', nameReason);
		await fixAndResend(env, owner, order, '张三的技术博客');
		for (const action of ['approve-provider', 'record-miit-submission', 'record-sms-wrong-code', 'record-sms-verified'] as const) await act(action);
		await act('reject-administration', adminReason);
		await fixAndResend(env, owner, order, '张三的读书笔记');
		for (const action of ['approve-provider', 'record-miit-submission', 'record-sms-verified', 'approve-administration'] as const) await act(action);
		// A refused move and an invalid decision are no decisions: nobody is told anything.
		expect((await decide(env, reviewer, order.id, 'approve-provider')).status).toBe(409);
		expect((await decide(env, reviewer, other.order.id, 'reject')).status).toBe(422);

		for (const member of [owner, editor, viewer]) {
			const items = await inboxOf(env, member);
			expect(items.map((i) => [i.action, i.reasons])).toEqual(expected);
			expect(items.every((i) => i.about === 'order' && i.refId === order.id && i.readAt === null)).toBe(true);
			expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
			// NOTE-5: nothing beyond the order, the action and the desk's reasons (no reviewer, no e-mail).
			for (const item of items) expect(Object.keys(item).sort()).toEqual(['about', 'action', 'at', 'id', 'readAt', 'reasons', 'refId']);
		}
		expect(await inboxOf(env, other.owner)).toEqual([]);
		expect(await inboxOf(env, stranger)).toEqual([]);
		expect(new Set(expected.map(([action]) => action))).toEqual(new Set(REVIEW_ACTION_NAMES));
	});

	it('NOTE-2 a member who joins after a decision is not told the past; the next decision reaches them', async () => {
		const { owner, order } = await submittedFiling(env);
		await decide(env, reviewer, order.id, 'approve-provider');
		const late = await addMember(env.server, owner, 'viewer');
		expect(await inboxOf(env, late)).toEqual([]);
		await decide(env, reviewer, order.id, 'record-miit-submission');
		expect((await inboxOf(env, late)).map((i) => i.action)).toEqual(['record-miit-submission']);
		expect((await inboxOf(env, owner)).map((i) => i.action)).toEqual(['record-miit-submission', 'approve-provider']);
	});
});

describe("the server's own events", () => {
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
	const tick = () => api(timed.server, 'GET', '/api/review/orders?state=all', { cookie: desk.cookie });

	it('NOTE-2 REV-7 the missed SMS window (sms-timeout) reaches every member once, when it fires', async () => {
		const { owner, order } = await submittedFiling(timed);
		const editor = await addMember(timed.server, owner, 'editor');
		await decideAll(timed, desk, order.id, ['approve-provider', 'record-miit-submission']);
		offsetMs += 23 * 3_600_000;
		await tick();
		expect((await inboxOf(timed, owner))[0]?.action).toBe('record-miit-submission');
		offsetMs += 2 * 3_600_000;
		await Promise.all([tick(), tick()]);
		await tick();
		for (const member of [owner, editor]) {
			const items = await inboxOf(timed, member);
			expect(items.map((i) => i.action)).toEqual(['sms-timeout', 'record-miit-submission', 'approve-provider']);
			expect(items[0]).toMatchObject({ about: 'order', refId: order.id, reasons: [] });
			expect(Date.parse(items[0]?.at ?? '')).toBeGreaterThan(Date.now() + 24 * 3_600_000);
		}
	});

	it('NOTE-2 REV-7 an order idle past the limit (expire) reaches every member once', async () => {
		const { owner, order } = await submittedFiling(timed);
		const viewer = await addMember(timed.server, owner, 'viewer');
		await decide(timed, desk, order.id, 'reject', [{ path: ['websites', 0, 'domain'], code: 'domain-not-verified' }]);
		offsetMs += 44 * 86_400_000;
		await tick();
		expect((await inboxOf(timed, viewer)).map((i) => i.action)).toEqual(['reject']);
		offsetMs += 2 * 86_400_000;
		await tick();
		await api(timed.server, 'GET', `/api/review/orders/${order.id}`, { cookie: desk.cookie });
		for (const member of [owner, viewer]) expect((await inboxOf(timed, member)).map((i) => i.action)).toEqual(['expire', 'reject']);
	});
});

describe('the inbox routes', () => {
	it('NOTE-1 NOTE-3 answer 401 without a valid session and 403 for reviewer accounts', async () => {
		for (const cookie of [undefined, 'beian_session=not-a-session']) {
			expect((await api(env.server, 'GET', '/api/inbox', { ...(cookie ? { cookie } : {}) })).status).toBe(401);
			expect((await api(env.server, 'POST', '/api/inbox/read', { ...(cookie ? { cookie } : {}), body: { ids: ['x'] } })).status).toBe(401);
		}
		const asReviewer = await api(env.server, 'GET', '/api/inbox', { cookie: reviewer.cookie });
		expect([asReviewer.status, asReviewer.body.error]).toEqual([403, 'forbidden']);
		expect((await api(env.server, 'POST', '/api/inbox/read', { cookie: reviewer.cookie, body: { ids: ['x'] } })).status).toBe(403);
	});

	it('NOTE-3 marks the account’s own entries read, idempotently; another account’s ids change nothing; a bad body is 400', async () => {
		const { owner, order } = await submittedFiling(env);
		const editor: SignedInAccount = await addMember(env.server, owner, 'editor');
		await decideAll(env, reviewer, order.id, ['approve-provider', 'record-miit-submission']);
		const [newest, oldest] = await inboxOf(env, owner);
		const editorItems = await inboxOf(env, editor);
		const read = (who: { cookie: string }, body: unknown) => api(env.server, 'POST', '/api/inbox/read', { cookie: who.cookie, body });

		const first = await read(owner, { ids: [oldest?.id, editorItems[0]?.id, 'unknown-id'] });
		expect(first.status).toBe(200);
		const after = InboxResponseSchema.parse(first.body).items;
		expect(after.map((i) => [i.id, i.readAt !== null])).toEqual([[newest?.id, false], [oldest?.id, true]]);
		const again = InboxResponseSchema.parse((await read(owner, { ids: [oldest?.id] })).body).items;
		expect(again[1]?.readAt).toBe(after[1]?.readAt);
		expect((await inboxOf(env, editor)).every((i) => i.readAt === null)).toBe(true);

		for (const bad of [{}, { ids: [] }, { ids: 'x' }, { ids: [''] }, { ids: Array.from({ length: 101 }, (_, i) => `i${i}`) }]) {
			const res = await read(owner, bad);
			expect([res.status, res.body.error], JSON.stringify(bad)).toEqual([400, 'invalid-input']);
		}
	});
});
