/** `/api/subject`, `/api/subjects/:id/…` and `/api/invites/accept`: binding, invites, members. */
import { z } from 'zod/mini';
import { SHORT_TEXT_MAX } from '../../../src/lib/domain/person/person.ts';
import { SUBJECT_TYPES } from '../../../src/lib/domain/subject/subject-type.ts';
import { checkFreeText } from '../../../src/lib/domain/text/sanitize.ts';
import { isSubjectId } from '../../../src/lib/domain/workspace/room.ts';
import { FORBIDDEN } from '../accounts/outcome.ts';
import { MAX_INVITE_HOURS } from '../accounts/invite-service.ts';
import { readBody, reply, requireSession, type ApiCall, type Route } from './api-call.ts';
import { sendFailure } from './respond.ts';

const BindBody = z.object({
	subjectType: z.enum(SUBJECT_TYPES),
	certificateType: z.string().check(z.maxLength(100)),
	certificateNumber: z.string().check(z.maxLength(256)),
	name: z.string().check(z.maxLength(SHORT_TEXT_MAX))
});

const InviteBody = z.object({
	role: z.enum(['editor', 'viewer']),
	expiresInHours: z.optional(z.int().check(z.gte(1), z.lte(MAX_INVITE_HOURS)))
});

const AcceptBody = z.object({ code: z.string().check(z.minLength(1), z.maxLength(200)) });
const RoleBody = z.object({ role: z.enum(['editor', 'viewer']) });

/** The `:id` of a subject path; null (after answering 403, as for any subject one is not in) when malformed. */
export function subjectParam(call: ApiCall): string | null {
	const id = call.params[0] ?? '';
	if (isSubjectId(id)) return id;
	sendFailure(call.res, FORBIDDEN);
	return null;
}

async function bindSubject(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const body = session && (await readBody(call, BindBody));
	if (!session || !body) return;
	// Stored as given, trimmed: control characters are refused; markup is kept as text (never rendered as HTML here).
	const name = body.name.trim();
	const issues = checkFreeText(name, { path: ['name'], required: true, max: SHORT_TEXT_MAX }).filter((i) => i.rule !== 'TEXT-2');
	if (issues.length > 0) return sendFailure(call.res, { status: 400, error: 'invalid-input', message: 'The name is not valid', details: { issues } });
	const outcome = await call.deps.accounts.subjects.bind(session.accountId, { ...body, name });
	reply(call, outcome, 201, (subject) => ({ subject }));
}

async function createInvite(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	const body = subjectId && (await readBody(call, InviteBody));
	if (!session || !subjectId || !body) return;
	const outcome = await call.deps.accounts.invites.create(session.accountId, { subjectId, role: body.role, expiresInHours: body.expiresInHours });
	reply(call, outcome, 201, (invite) => invite);
}

async function acceptInvite(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const body = session && (await readBody(call, AcceptBody));
	if (!session || !body) return;
	reply(call, await call.deps.accounts.invites.accept(session.accountId, body.code), 200, (accepted) => accepted);
}

async function listMembers(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	if (!session || !subjectId) return;
	reply(call, await call.deps.accounts.subjects.members(session.accountId, subjectId), 200, (members) => ({ members }));
}

async function changeRole(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	const body = subjectId && (await readBody(call, RoleBody));
	if (!session || !subjectId || !body) return;
	const target = { subjectId, accountId: call.params[1] ?? '', role: body.role };
	reply(call, await call.deps.accounts.subjects.changeRole(session.accountId, target), 200, (member) => ({ member }));
}

async function removeMember(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	if (!session || !subjectId) return;
	const accountId = call.params[1] ?? '';
	if (accountId === '') return sendFailure(call.res, { status: 404, error: 'member-not-found', message: 'No member given' });
	reply(call, await call.deps.accounts.subjects.removeMember(session.accountId, { subjectId, accountId }), 204);
}

export const SUBJECT_ROUTES: readonly Route[] = [
	{ method: 'POST', pattern: /^\/api\/subject$/, handle: bindSubject },
	{ method: 'POST', pattern: /^\/api\/subjects\/([^/]+)\/invites$/, handle: createInvite },
	{ method: 'POST', pattern: /^\/api\/invites\/accept$/, handle: acceptInvite },
	{ method: 'GET', pattern: /^\/api\/subjects\/([^/]+)\/members$/, handle: listMembers },
	{ method: 'PATCH', pattern: /^\/api\/subjects\/([^/]+)\/members\/([^/]+)$/, handle: changeRole },
	{ method: 'DELETE', pattern: /^\/api\/subjects\/([^/]+)\/members\/([^/]+)$/, handle: removeMember }
];
