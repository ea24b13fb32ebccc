/**
 * The review desk's API and the public registry query (issue 12; contract in
 * `src/lib/domain/review/review-wire.ts`). Reviewer routes answer 403 `forbidden` to applicants
 * and 403 `password-change-required` until the reviewer replaced the one-time password (only
 * `/api/review/me` and `/api/review/password` answer before that). The registry needs no
 * account and is rate limited per client IP.
 */
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod/mini';
import {
	ChangePasswordRequestSchema,
	REGISTRY_QUERY_MAX,
	REGISTRY_RESULTS_MAX,
	ReviewDecisionRequestSchema,
	ReviewQueryKindSchema,
	ReviewQueryProvinceSchema,
	ReviewQueryStateSchema
} from '../../../src/lib/domain/review/review-wire.ts';
import { z as zod } from 'zod/mini';
import { FORBIDDEN, rateLimited, type Failure } from '../accounts/outcome.ts';
import { clientIp } from '../accounts/request-info.ts';
import { addServiceCodes } from '../review/service-codes.ts';
import { changeReviewerPassword } from '../review/reviewers.ts';
import { readBody, reply, requireSession, type ApiCall, type Route } from './api-call.ts';
import { sendFailure, sendJson } from './respond.ts';

const REVIEWERS_ONLY: Failure = { status: 403, error: 'forbidden', message: 'Only reviewers of the access provider may use the review desk' };
const CHANGE_PASSWORD: Failure = { status: 403, error: 'password-change-required', message: 'Change the one-time password first' };
const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The reviewer's session, or null after answering 401/403. */
export async function requireReviewer(call: ApiCall, options: { beforePasswordChange?: boolean } = {}): Promise<{ accountId: string; sessionId: string; mustChangePassword: boolean } | null> {
	const session = await requireSession(call);
	if (!session) return null;
	const reviewer = await call.deps.review.records.reviewers.get(session.accountId);
	if (!reviewer) return void sendFailure(call.res, REVIEWERS_ONLY), null;
	if (reviewer.mustChangePassword && !options.beforePasswordChange) return void sendFailure(call.res, CHANGE_PASSWORD), null;
	return { accountId: session.accountId, sessionId: session.sessionId, mustChangePassword: reviewer.mustChangePassword };
}

function orderParam(call: ApiCall): string | null {
	const id = call.params[0] ?? '';
	if (ORDER_ID.test(id)) return id;
	sendFailure(call.res, { status: 400, error: 'invalid-input', message: 'An order id is 1–64 letters, digits, _ or -' });
	return null;
}

function query<T>(call: ApiCall, name: string, schema: z.ZodMiniType<T>): { ok: true; value: T } | { ok: false } {
	const raw = new URL(call.req.url ?? '/', 'http://localhost').searchParams.get(name);
	const parsed = schema.safeParse(raw === null || raw === '' ? undefined : raw);
	if (parsed.success) return { ok: true, value: parsed.data };
	sendFailure(call.res, { status: 400, error: 'invalid-input', message: `Unknown ${name}`, details: { issues: [{ path: [name], rule: 'REV-6' }] } });
	return { ok: false };
}

/** Whether the signed-in account is a reviewer (an applicant hears `reviewer: false`, so the console can say so without a failed request). */
async function me(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	if (!session) return;
	const reviewer = await call.deps.review.records.reviewers.get(session.accountId);
	const account = await call.deps.review.reviewerDeps.accounts.byId(session.accountId);
	sendJson(call.res, 200, { account: { id: session.accountId, email: account?.email ?? '' }, reviewer: reviewer !== null, mustChangePassword: reviewer?.mustChangePassword ?? false });
}

async function changePassword(call: ApiCall): Promise<void> {
	const reviewer = await requireReviewer(call, { beforePasswordChange: true });
	const body = reviewer && (await readBody(call, ChangePasswordRequestSchema));
	if (!reviewer || !body) return;
	const outcome = await changeReviewerPassword(call.deps.review.reviewerDeps, reviewer.accountId, body.currentPassword, body.newPassword, reviewer.sessionId);
	reply(call, outcome, 204);
}

async function queue(call: ApiCall): Promise<void> {
	if (!(await requireReviewer(call))) return;
	const state = query(call, 'state', ReviewQueryStateSchema);
	const province = state.ok && query(call, 'province', ReviewQueryProvinceSchema);
	const kind = province && province.ok && query(call, 'kind', ReviewQueryKindSchema);
	if (!state.ok || !province || !province.ok || !kind || !kind.ok) return;
	const items = await call.deps.review.desk.queue({
		...(state.value ? { state: state.value } : {}),
		...(province.value ? { province: province.value } : {}),
		...(kind.value ? { kind: kind.value } : {})
	});
	sendJson(call.res, 200, { items });
}

async function view(call: ApiCall): Promise<void> {
	const orderId = (await requireReviewer(call)) && orderParam(call);
	if (!orderId) return;
	reply(call, await call.deps.review.desk.view(orderId), 200, (v) => v);
}

async function decide(call: ApiCall): Promise<void> {
	const reviewer = await requireReviewer(call);
	const orderId = reviewer && orderParam(call);
	const body = orderId && (await readBody(call, ReviewDecisionRequestSchema));
	if (!reviewer || !orderId || !body) return;
	reply(call, await call.deps.review.desk.decide(reviewer.accountId, orderId, body), 200, (v) => v);
}

/** A document the order references (any revision) and its subject holds; kept while any order references it. */
async function document(call: ApiCall): Promise<void> {
	const orderId = (await requireReviewer(call)) && orderParam(call);
	if (!orderId) return;
	const sha256 = call.params[1] ?? '';
	const { desk, blobStore, holders } = call.deps.review;
	const refs = SHA256.test(sha256) ? await desk.documentsOf(orderId) : null;
	if (!refs || !refs.hashes.has(sha256)) return sendFailure(call.res, { status: 404, error: 'not-found', message: 'The order references no such document' });
	const info = blobStore && (await holders.subjectHoldsBlob(refs.subjectId, sha256)) ? await blobStore.stat(sha256) : null;
	const stream = info && blobStore ? await blobStore.read(sha256) : null;
	if (!info || !stream) return sendFailure(call.res, { status: 404, error: 'not-found', message: 'The document has not been uploaded' });
	call.res.writeHead(200, { 'content-type': info.mime, 'content-length': String(info.size), 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });
	await pipeline(stream, call.res).catch(() => undefined);
}

const AddCodesBody = zod.object({
	codes: zod.optional(zod.array(zod.string().check(zod.maxLength(64))).check(zod.maxLength(100))),
	count: zod.optional(zod.int().check(zod.minimum(1), zod.maximum(100)))
});

async function listCodes(call: ApiCall): Promise<void> {
	if (!(await requireReviewer(call))) return;
	sendJson(call.res, 200, { codes: await call.deps.review.records.serviceCodes.list() });
}

async function addCodes(call: ApiCall): Promise<void> {
	const body = (await requireReviewer(call)) && (await readBody(call, AddCodesBody));
	if (!body) return;
	const outcome = await addServiceCodes(call.deps.review.records.serviceCodes, { codes: body.codes ?? [], count: body.count ?? 0, now: call.deps.review.now() });
	reply(call, outcome, 201, (v) => v);
}

/** `GET /api/registry?q=`: public, per-IP rate limited, only what the MIIT query shows (REG-1). */
async function registry(call: ApiCall): Promise<void> {
	const limit = await call.deps.review.registryLimiter.take(clientIp(call.req, call.deps.accounts.trustProxy));
	if (!limit.allowed) {
		const limited = rateLimited(limit.retryAfterSeconds);
		if (!limited.ok) return sendFailure(call.res, limited.failure);
	}
	const q = (new URL(call.req.url ?? '/', 'http://localhost').searchParams.get('q') ?? '').trim();
	if (q.length < 2 || q.length > REGISTRY_QUERY_MAX) return sendFailure(call.res, { status: 400, error: 'invalid-input', message: `q is 2–${REGISTRY_QUERY_MAX} characters`, details: { issues: [{ path: ['q'], rule: 'REG-1' }] } });
	sendJson(call.res, 200, { results: await call.deps.review.records.registry.search(q, REGISTRY_RESULTS_MAX) });
}

/** Paths an applicant uses and a reviewer has no business with (binding a subject, invites, a subject's orders). */
const APPLICANT_PATHS = /^\/api\/(?:subject$|invites\/|subjects\/)/;

/** Answers 403 and returns false when a reviewer calls an applicant route (STAFF-2). */
export async function refuseReviewerOnApplicantRoute(call: Omit<ApiCall, 'params'>, pathname: string): Promise<boolean> {
	if (!APPLICANT_PATHS.test(pathname)) return true;
	const session = await call.deps.accounts.authenticate(call.req);
	// This look renewed the session when due: send the cookie now (the route's own look will not renew it again).
	if (session?.renewedToken) call.res.setHeader('set-cookie', call.deps.accounts.cookieFor(call.req, session.renewedToken));
	if (!session || !(await call.deps.review.records.reviewers.get(session.accountId))) return true;
	sendFailure(call.res, { ...FORBIDDEN, message: 'Reviewer accounts do not file; sign in with an applicant account' });
	return false;
}

export const REVIEW_ROUTES: readonly Route[] = [
	{ method: 'GET', pattern: /^\/api\/review\/me$/, handle: me },
	{ method: 'POST', pattern: /^\/api\/review\/password$/, handle: changePassword },
	{ method: 'GET', pattern: /^\/api\/review\/orders$/, handle: queue },
	{ method: 'GET', pattern: /^\/api\/review\/orders\/([^/]+)$/, handle: view },
	{ method: 'POST', pattern: /^\/api\/review\/orders\/([^/]+)\/decisions$/, handle: decide },
	{ method: 'GET', pattern: /^\/api\/review\/orders\/([^/]+)\/documents\/([^/]+)$/, handle: document },
	{ method: 'GET', pattern: /^\/api\/review\/service-codes$/, handle: listCodes },
	{ method: 'POST', pattern: /^\/api\/review\/service-codes$/, handle: addCodes },
	{ method: 'GET', pattern: /^\/api\/registry$/, handle: registry }
];
