/**
 * The review desk in tests: a signed-in reviewer (created through the same factory as
 * `npm run admin -- add-reviewer`, its one-time password already replaced), applicants' orders
 * sent through the real API (documents marked as held, service codes issued through the store)
 * and the desk's decisions.
 */
import { validateOrder } from '../../src/lib/domain/order/validate-order.ts';
import type { Order } from '../../src/lib/domain/order/order.ts';
import type { Subject } from '../../src/lib/domain/subject/subject.ts';
import { serviceCodesOf } from '../../sync-server/src/review/service-codes.ts';
import { addReviewer } from '../../sync-server/src/review/reviewers.ts';
import { usccCheckChar } from '../../src/lib/domain/identity/uscc.ts';
import { makeIndividual, makeLeader, makeOrder, makeSubject, makeWebsite } from './factories.ts';
import { api, signUp, signUpWithSubject, TEST_PASSWORD_COST, type ApiResponse, type OwnerWithSubject, type TestServer } from './server.ts';

let sequence = 0;
const unique = () => `${process.pid.toString(36)}${Date.now().toString(36)}${(++sequence).toString(36)}`;

export interface Reviewer {
	cookie: string;
	accountId: string;
	email: string;
	password: string;
}

/** Adds a reviewer through the admin factory and signs it in; `changePassword: false` keeps the one-time password. */
export async function signInReviewer(env: TestServer, options: { changePassword?: boolean } = {}): Promise<Reviewer> {
	const created = await addReviewer({ accounts: env.records.accounts, reviewers: env.review.reviewers, scryptCost: TEST_PASSWORD_COST, now: Date.now }, `reviewer-${unique()}@example.com`);
	if (!created.ok) throw new Error(created.failure.message);
	const { email, password: oneTime, accountId } = created.value;
	const signIn = await api(env.server, 'POST', '/api/sessions', { body: { email, password: oneTime } });
	if (signIn.status !== 200 || !signIn.cookie) throw new Error(`reviewer sign-in failed: ${signIn.status}`);
	if (options.changePassword === false) return { cookie: signIn.cookie, accountId, email, password: oneTime };
	const password = 'reviewer desk password';
	const changed = await api(env.server, 'POST', '/api/review/password', { cookie: signIn.cookie, body: { currentPassword: oneTime, newPassword: password } });
	if (changed.status !== 204) throw new Error(`password change failed: ${changed.status} ${JSON.stringify(changed.body)}`);
	return { cookie: signIn.cookie, accountId, email, password };
}

/** Acknowledges every warning the domain finds (what the applicant's "I have read this" does). */
export function withAcknowledgments(order: Order): Order {
	const rules = new Set(validateOrder(order).issues.filter((i) => i.severity === 'warning').map((w) => w.rule));
	return { ...order, acknowledgedWarnings: [...rules].map((rule) => ({ rule, by: 'applicant', at: '2026-11-02T09:30:00+08:00' })) };
}

/** A valid, unique USCC (Beijing division, random organization code) for an enterprise subject. */
export function uniqueUscc(): string {
	const body = `91110000${String(Date.now() % 1e5).padStart(5, '0')}${String(++sequence % 1e4).padStart(4, '0')}`;
	return body + (usccCheckChar(body) ?? '0');
}

/** Registers an account and binds an enterprise subject (several websites allowed, OP-9). */
export async function signUpWithEnterprise(env: TestServer): Promise<OwnerWithSubject> {
	const owner = await signUp(env.server);
	const body = { subjectType: 'enterprise', certificateType: 'uscc-certificate', certificateNumber: uniqueUscc(), name: '北京示例科技有限公司' };
	const res = await api(env.server, 'POST', '/api/subject', { cookie: owner.cookie, body });
	if (res.status !== 201) throw new Error(`binding failed: ${res.status} ${JSON.stringify(res.body)}`);
	const subject = res.body.subject;
	return { ...owner, subjectId: String(subject?.id), workspaceRoom: String(subject?.workspaceRoom), factsRoom: String(subject?.factsRoom) };
}

const SITE_NAMES = ['官方网站', '产品展示', '技术文档', '客户支持'];

/** A valid first filing of the owner's subject (individual, or enterprise as bound), with unique domains and one service code. */
export async function firstFilingOf(env: TestServer, owner: OwnerWithSubject, options: { subject?: Partial<Subject>; websites?: number } = {}): Promise<Order> {
	const bound = await env.records.subjects.byId(owner.subjectId);
	const number = bound?.certificateNumber ?? '';
	const enterprise = bound?.certificateType === 'uscc-certificate';
	const leader = enterprise ? makeLeader() : makeLeader({ certificateType: 'passport', certificateNumber: number });
	const subject = enterprise
		? makeSubject({ certificateNumber: number, ...options.subject })
		: makeIndividual({ certificateType: 'passport', certificateNumber: number, leader, name: leader.name, ...options.subject });
	const tag = unique();
	const websites = Array.from({ length: options.websites ?? 1 }, (_, i) =>
		makeWebsite({
			id: `site-${i + 1}`,
			domain: `r${tag}-${i + 1}.cn`,
			homepageUrl: `https://r${tag}-${i + 1}.cn/`,
			...(enterprise ? { name: `示例科技${SITE_NAMES[i % SITE_NAMES.length]}` } : { name: '张三的技术笔记', administrator: leader }),
			access: { provider: 'aliyun', serviceCode: `SC-${tag}`, ips: ['47.96.1.10'], region: 'cn-hangzhou' }
		})
	);
	return withAcknowledgments(makeOrder({ id: `o-${tag}`, subject, websites }));
}

/** Marks the documents held and issues the service codes, then sends the order (PUT). */
export async function sendOrder(env: TestServer, owner: OwnerWithSubject, order: Order, options: { issueCodes?: boolean } = {}): Promise<ApiResponse> {
	for (const doc of order.documents) await env.records.files.addBlobHolder(owner.subjectId, doc.sha256, doc.size);
	if (options.issueCodes !== false) for (const code of serviceCodesOf(order)) await env.review.serviceCodes.add(code, Date.now());
	return api(env.server, 'PUT', `/api/subjects/${owner.subjectId}/orders/${order.id}`, { cookie: owner.cookie, body: { order } });
}

/** A new applicant with a subject and a first filing in provider review. */
export async function submittedFiling(env: TestServer, options: { subject?: Partial<Subject>; websites?: number } = {}): Promise<{ owner: OwnerWithSubject; order: Order }> {
	const owner = (options.websites ?? 1) > 1 ? await signUpWithEnterprise(env) : await signUpWithSubject(env.server);
	const order = await firstFilingOf(env, owner, options);
	const sent = await sendOrder(env, owner, order);
	if (sent.status !== 201) throw new Error(`order refused: ${sent.status} ${JSON.stringify(sent.body)}`);
	return { owner, order };
}

export type DeskAction = 'reject' | 'approve-provider' | 'record-miit-submission' | 'record-sms-verified' | 'record-sms-wrong-code' | 'approve-administration' | 'reject-administration';

/** One decision of the desk. */
export function decide(env: TestServer, reviewer: Reviewer, orderId: string, action: DeskAction, reasons?: unknown[]): Promise<ApiResponse> {
	return api(env.server, 'POST', `/api/review/orders/${orderId}/decisions`, { cookie: reviewer.cookie, body: reasons ? { action, reasons } : { action } });
}

/** The decisions from provider review to the administration's review. */
export const TO_ADMINISTRATION: readonly DeskAction[] = ['approve-provider', 'record-miit-submission', 'record-sms-verified'];

/** Runs decisions in order, failing on the first that is not 200. */
export async function decideAll(env: TestServer, reviewer: Reviewer, orderId: string, actions: readonly DeskAction[]): Promise<ApiResponse> {
	let last: ApiResponse | null = null;
	for (const action of actions) {
		last = await decide(env, reviewer, orderId, action);
		if (last.status !== 200) throw new Error(`${action}: ${last.status} ${JSON.stringify(last.body)}`);
	}
	if (!last) throw new Error('no actions');
	return last;
}
