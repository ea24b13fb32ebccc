/**
 * Account requests, legacy import, password retrieval and the inbox (issue 12; contract in
 * `src/lib/domain/account-request/account-request-wire.ts`). Applicant routes hang on the
 * account (no subject needed) and refuse reviewer accounts; the decision route is the review
 * desk's (reviewers only).
 */
import {
	ACCOUNT_REQUEST_BODY_MAX_BYTES,
	AccountRequestDecisionBodySchema,
	InboxReadBodySchema,
	LegacyImportBodySchema,
	PasswordResetBodySchema,
	PasswordResetConfirmBodySchema
} from '../../../src/lib/domain/account-request/account-request-wire.ts';
import { z } from 'zod/mini';
import { FORBIDDEN } from '../accounts/outcome.ts';
import { admitSubmit, clientOf, readBody, reply, requireSession, type ApiCall, type Route } from './api-call.ts';
import { sendFailure, sendJson } from './respond.ts';
import { sendHeldBlob } from './held-blob.ts';
import { requireReviewer } from './review-routes.ts';

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The body is read loosely first: the domain's own validation answers with issues per field. */
const LooseRequestBody = z.object({ request: z.record(z.string(), z.unknown()) });

/** The applicant's account id, or null after answering 401, or 403 for a reviewer. */
async function requireApplicant(call: ApiCall): Promise<string | null> {
	const session = await requireSession(call);
	if (!session) return null;
	if (await call.deps.review.records.reviewers.get(session.accountId)) {
		sendFailure(call.res, { ...FORBIDDEN, message: 'Reviewer accounts make no account requests; sign in with an applicant account' });
		return null;
	}
	return session.accountId;
}

function requestParam(call: ApiCall): string | null {
	const id = call.params[0] ?? '';
	if (REQUEST_ID.test(id)) return id;
	sendFailure(call.res, { status: 400, error: 'invalid-input', message: 'A request id is 1–64 letters, digits, _ or -' });
	return null;
}

async function putRequest(call: ApiCall): Promise<void> {
	const accountId = await requireApplicant(call);
	const requestId = accountId && requestParam(call);
	const admitted = requestId && (await admitSubmit(call, accountId));
	const body = admitted && (await readBody(call, LooseRequestBody, ACCOUNT_REQUEST_BODY_MAX_BYTES));
	if (!accountId || !requestId || !body) return;
	if (body.request.kind === 'legacy-import') return sendFailure(call.res, { status: 400, error: 'kind-not-an-order', message: 'A legacy import is POST /api/legacy-imports with the old login' });
	const outcome = await call.deps.legacy.put(accountId, requestId, body.request);
	if (!outcome.ok) return sendFailure(call.res, outcome.failure);
	sendJson(call.res, outcome.value.status, { request: outcome.value.view });
}

async function listRequests(call: ApiCall): Promise<void> {
	const accountId = await requireApplicant(call);
	if (accountId) sendJson(call.res, 200, { requests: await call.deps.legacy.list(accountId) });
}

async function legacyImport(call: ApiCall): Promise<void> {
	const accountId = await requireApplicant(call);
	const body = accountId && (await readBody(call, LegacyImportBodySchema));
	if (!accountId || !body) return;
	reply(call, await call.deps.legacy.importLegacy(accountId, body.loginId, body.password, clientOf(call).ip), 200, (v) => v);
}

async function reviewList(call: ApiCall): Promise<void> {
	if (!(await requireReviewer(call))) return;
	const all = await call.deps.legacy.pending();
	sendJson(call.res, 200, { requests: all });
}

async function reviewDecide(call: ApiCall): Promise<void> {
	const reviewer = await requireReviewer(call);
	const requestId = reviewer && requestParam(call);
	const body = requestId && (await readBody(call, AccountRequestDecisionBodySchema));
	if (!reviewer || !requestId || !body) return;
	reply(call, await call.deps.legacy.decide(reviewer.accountId, requestId, body), 200, (view) => ({ request: view }));
}

/** Where the link in the mail points: the allowed Origin of this POST, else the configured app origin — never the Host header. */
function appOrigin(call: ApiCall): string {
	return call.deps.accounts.linkOrigin(call.req.headers.origin);
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A document a request references, uploaded by the requesting account (reviewers only; STAFF-3). */
async function reviewDocument(call: ApiCall): Promise<void> {
	const requestId = (await requireReviewer(call)) && requestParam(call);
	if (!requestId) return;
	const sha256 = call.params[1] ?? '';
	const refs = SHA256.test(sha256) ? await call.deps.legacy.documentsOf(requestId) : null;
	if (!refs || !refs.hashes.has(sha256)) return sendFailure(call.res, { status: 404, error: 'not-found', message: 'The request references no such document' });
	await sendHeldBlob(call, refs.holder, sha256);
}

async function passwordReset(call: ApiCall): Promise<void> {
	const body = await readBody(call, PasswordResetBodySchema);
	if (!body) return;
	const outcome = await call.deps.legacy.requestReset(body, clientOf(call).ip, appOrigin(call));
	reply(call, outcome, 202, () => ({ status: 'sent-if-known' }));
}

async function passwordResetConfirm(call: ApiCall): Promise<void> {
	const body = await readBody(call, PasswordResetConfirmBodySchema);
	if (!body) return;
	reply(call, await call.deps.legacy.confirmReset(body.token, body.password), 204);
}

/** Reviewer accounts have no inbox: no order or request of theirs is ever decided (NOTE-1). */
async function inbox(call: ApiCall): Promise<void> {
	const accountId = await requireApplicant(call);
	if (accountId) sendJson(call.res, 200, { items: await call.deps.legacy.inbox(accountId) });
}

async function inboxRead(call: ApiCall): Promise<void> {
	const accountId = await requireApplicant(call);
	const body = accountId && (await readBody(call, InboxReadBodySchema));
	if (accountId && body) sendJson(call.res, 200, { items: await call.deps.legacy.markInboxRead(accountId, body.ids) });
}

export const LEGACY_ROUTES: readonly Route[] = [
	{ method: 'GET', pattern: /^\/api\/account-requests$/, handle: listRequests },
	{ method: 'PUT', pattern: /^\/api\/account-requests\/([^/]+)$/, handle: putRequest },
	{ method: 'POST', pattern: /^\/api\/legacy-imports$/, handle: legacyImport },
	{ method: 'GET', pattern: /^\/api\/review\/account-requests$/, handle: reviewList },
	{ method: 'POST', pattern: /^\/api\/review\/account-requests\/([^/]+)\/decisions$/, handle: reviewDecide },
	{ method: 'GET', pattern: /^\/api\/review\/account-requests\/([^/]+)\/documents\/([^/]+)$/, handle: reviewDocument },
	{ method: 'POST', pattern: /^\/api\/password-resets$/, handle: passwordReset },
	{ method: 'POST', pattern: /^\/api\/password-resets\/confirm$/, handle: passwordResetConfirm },
	{ method: 'GET', pattern: /^\/api\/inbox$/, handle: inbox },
	{ method: 'POST', pattern: /^\/api\/inbox\/read$/, handle: inboxRead }
];
