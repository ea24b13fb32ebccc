/** `/api/accounts`, `/api/sessions…` and `/api/me`: registration, sign-in/out, the session list. */
import { z } from 'zod/mini';
import { fail, succeed } from '../accounts/outcome.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/passwords.ts';
import { clientOf, readBody, reply, requireSession, type ApiCall, type Route } from './api-call.ts';
import { sendFailure, sendJson, sendNoContent } from './respond.ts';
import { MAX_DISPLAY_NAME_LENGTH } from '../../../src/lib/domain/presence/presence.ts';

const EMAIL = z.string().check(z.maxLength(320));

const DISPLAY_NAME = z.string().check(z.maxLength(MAX_DISPLAY_NAME_LENGTH * 2));

const RegisterBody = z.object({
	email: EMAIL,
	password: z.string().check(z.minLength(PASSWORD_MIN_LENGTH), z.maxLength(PASSWORD_MAX_LENGTH)),
	displayName: z.optional(DISPLAY_NAME)
});

const MeBody = z.object({ displayName: DISPLAY_NAME });

// Sign-in does not restate the password policy: any non-empty password is just checked.
const SignInBody = z.object({
	email: EMAIL,
	password: z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX_LENGTH))
});

async function register(call: ApiCall): Promise<void> {
	const body = await readBody(call, RegisterBody);
	if (!body) return;
	const outcome = await call.deps.accounts.accounts.register(body, clientOf(call));
	if (outcome.ok) call.res.setHeader('set-cookie', call.deps.accounts.cookieFor(call.req, outcome.value.token));
	reply(call, outcome, 201, (value) => ({ account: value.account }));
}

async function signIn(call: ApiCall): Promise<void> {
	const body = await readBody(call, SignInBody);
	if (!body) return;
	const outcome = await call.deps.accounts.accounts.signIn(body, clientOf(call));
	if (outcome.ok) call.res.setHeader('set-cookie', call.deps.accounts.cookieFor(call.req, outcome.value.token));
	reply(call, outcome, 200, (value) => ({ account: value.account }));
}

/** Signing out is idempotent: 204 and a cleared cookie even when the session had already ended. */
async function signOut(call: ApiCall): Promise<void> {
	const { accounts } = call.deps;
	const session = await accounts.authenticate(call.req);
	if (session) await accounts.sessions.revoke(session.accountId, session.sessionId);
	call.res.setHeader('set-cookie', accounts.clearedCookieFor(call.req));
	sendNoContent(call.res);
}

async function listSessions(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	if (!session) return;
	sendJson(call.res, 200, { sessions: await call.deps.accounts.sessions.list(session.accountId, session.sessionId) });
}

async function revokeSession(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	if (!session) return;
	const id = call.params[0] ?? '';
	const revoked = await call.deps.accounts.sessions.revoke(session.accountId, id);
	if (revoked && id === session.sessionId) call.res.setHeader('set-cookie', call.deps.accounts.clearedCookieFor(call.req));
	reply(call, revoked ? succeed(null) : fail(404, 'session-not-found', 'No such session of this account'), 204);
}

async function me(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	if (!session) return;
	const view = await call.deps.accounts.subjects.me(session.accountId);
	if (!view) return sendFailure(call.res, { status: 401, error: 'unauthenticated', message: 'The account no longer exists' });
	sendJson(call.res, 200, view);
}

/** `PATCH /api/me {displayName}`: the account page's display name (PRES-5). */
async function updateMe(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	if (!session) return;
	const body = await readBody(call, MeBody);
	if (!body) return;
	reply(call, await call.deps.accounts.accounts.setDisplayName(session.accountId, body.displayName), 200, (value) => value);
}

export const SESSION_ROUTES: readonly Route[] = [
	{ method: 'POST', pattern: /^\/api\/accounts$/, handle: register },
	{ method: 'POST', pattern: /^\/api\/sessions$/, handle: signIn },
	{ method: 'GET', pattern: /^\/api\/sessions$/, handle: listSessions },
	{ method: 'DELETE', pattern: /^\/api\/sessions\/current$/, handle: signOut },
	{ method: 'DELETE', pattern: /^\/api\/sessions\/([^/]+)$/, handle: revokeSession },
	{ method: 'GET', pattern: /^\/api\/me$/, handle: me },
	{ method: 'PATCH', pattern: /^\/api\/me$/, handle: updateMe }
];
