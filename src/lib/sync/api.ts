/**
 * The app's client for the server's JSON API (`/api`). Every response is parsed with zod
 * before it is trusted. Failures are values, not exceptions: `{ ok: false, error }` where
 * `error` is one of the shared codes of `domain/api-errors.ts` — the server's kebab-case code,
 * `offline` when the server could not be reached, `bad-response` when it answered something we
 * cannot read, or `unknown-error` (logged, with the server's code in `unknownCode`) for a code
 * this version does not know. The UI localises by code.
 */
import { z } from 'zod/mini';
import { ServerErrorCodeSchema, type ApiErrorCode } from '../domain/api-errors.ts';

export const RoleSchema = z.enum(['owner', 'editor', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

// `displayName` defaults to '' so a snapshot stored before display names (device accounts) still reads.
const AccountSchema = z.object({ id: z.string(), email: z.string(), displayName: z._default(z.string(), '') });
export type ApiAccount = z.infer<typeof AccountSchema>;

const SubjectSchema = z.object({
	id: z.string(),
	subjectType: z.string(),
	certificateType: z.string(),
	certificateNumber: z.string(),
	name: z.string(),
	workspaceRoom: z.string(),
	factsRoom: z.string()
});
export type ApiSubject = z.infer<typeof SubjectSchema>;

const MembershipSchema = z.object({
	subjectId: z.string(),
	role: RoleSchema,
	subjectName: z.string(),
	workspaceRoom: z.string(),
	factsRoom: z.string()
});
export type ApiMembership = z.infer<typeof MembershipSchema>;

export const MeSchema = z.object({
	account: AccountSchema,
	subject: z.nullable(SubjectSchema),
	memberships: z.array(MembershipSchema)
});
export type Me = z.infer<typeof MeSchema>;

/** Loose on purpose: a code outside the union is still read, so it can be logged and named. */
const ErrorBodySchema = z.object({
	error: z.string(),
	message: z.optional(z.string()),
	details: z.optional(z.unknown())
});

const InviteSchema = z.object({ code: z.string(), expiresAt: z.union([z.string(), z.number()]), role: RoleSchema });
const AcceptSchema = z.object({ subjectId: z.string(), role: RoleSchema, workspaceRoom: z.string(), factsRoom: z.string() });
const MembersSchema = z.object({ members: z.array(z.object({ accountId: z.string(), email: z.string(), role: RoleSchema })) });
const SessionsSchema = z.object({
	sessions: z.array(
		z.object({ id: z.string(), createdAt: z.union([z.string(), z.number()]), lastSeenAt: z.union([z.string(), z.number()]), userAgent: z.optional(z.nullable(z.string())), current: z.boolean() })
	)
});

/** The server sends instants as ISO strings or epoch milliseconds; the app keeps milliseconds. */
export function toMillis(instant: string | number): number {
	return typeof instant === 'number' ? instant : Date.parse(instant);
}

export type ApiFailure = {
	ok: false;
	error: ApiErrorCode;
	/** HTTP status; 0 when there was no answer. */
	status: number;
	retryAfterSeconds?: number;
	details?: unknown;
	/** The server's code when `error` is `unknown-error`. */
	unknownCode?: string;
};
export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

/** One JSON request, its answer parsed with `schema` (also used by the review desk's client). */
export async function call<T>(schema: z.ZodMiniType<T>, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			credentials: 'same-origin',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, error: 'offline', status: 0 };
	}
	const json: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
	if (!response.ok) return toFailure(response, json);
	const parsed = schema.safeParse(json);
	return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'bad-response', status: response.status };
}

/** An error answer, parsed into the shared union of codes. */
export function toFailure(response: { status: number; headers: { get(name: string): string | null } }, json: unknown): ApiFailure {
	const body = ErrorBodySchema.safeParse(json);
	const retry = Number(response.headers.get('retry-after'));
	const base = { ok: false as const, status: response.status, ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}) };
	if (!body.success) return { ...base, error: 'bad-response' };
	const code = ServerErrorCodeSchema.safeParse(body.data.error);
	if (!code.success) {
		console.warn('API error with an unknown code', { code: body.data.error, status: response.status, message: body.data.message });
		return { ...base, error: 'unknown-error', unknownCode: body.data.error.slice(0, 64), details: body.data.details };
	}
	return { ...base, error: code.data, details: body.data.details };
}

const Nothing = z.unknown();
const AccountBody = z.object({ account: AccountSchema });
const SubjectBody = z.object({ subject: SubjectSchema });
const DisplayNameBody = z.object({ displayName: z.string() });

export interface BindSubjectInput {
	subjectType: string;
	certificateType: string;
	certificateNumber: string;
	name: string;
}

const ResetSentSchema = z.object({ status: z.literal('sent-if-known') });

export const api = {
	register: (email: string, password: string, displayName: string) => call(AccountBody, 'POST', '/api/accounts', { email, password, displayName }),
	signIn: (email: string, password: string) => call(AccountBody, 'POST', '/api/sessions', { email, password }),
	signOut: () => call(Nothing, 'DELETE', '/api/sessions/current'),
	me: () => call(MeSchema, 'GET', '/api/me'),
	/** The account's display name (PRES-5), shown in presence to the subject's members. */
	setDisplayName: (displayName: string) => call(DisplayNameBody, 'PATCH', '/api/me', { displayName }),
	sessions: () => call(SessionsSchema, 'GET', '/api/sessions'),
	revokeSession: (id: string) => call(Nothing, 'DELETE', `/api/sessions/${encodeURIComponent(id)}`),
	bindSubject: (input: BindSubjectInput) => call(SubjectBody, 'POST', '/api/subject', input),
	createInvite: (subjectId: string, role: 'editor' | 'viewer') => call(InviteSchema, 'POST', `/api/subjects/${encodeURIComponent(subjectId)}/invites`, { role }),
	acceptInvite: (code: string) => call(AcceptSchema, 'POST', '/api/invites/accept', { code }),
	members: (subjectId: string) => call(MembersSchema, 'GET', `/api/subjects/${encodeURIComponent(subjectId)}/members`),
	changeRole: (subjectId: string, accountId: string, role: Role) =>
		call(Nothing, 'PATCH', `/api/subjects/${encodeURIComponent(subjectId)}/members/${encodeURIComponent(accountId)}`, { role }),
	removeMember: (subjectId: string, accountId: string) =>
		call(Nothing, 'DELETE', `/api/subjects/${encodeURIComponent(subjectId)}/members/${encodeURIComponent(accountId)}`),
	/** Password retrieval (LEG-5): a Beian account by e-mail or a legacy login by its ID; the answer never tells whether it is known. */
	requestPasswordReset: (target: { email: string } | { loginId: string }) => call(ResetSentSchema, 'POST', '/api/password-resets', target),
	confirmPasswordReset: (token: string, password: string) => call(Nothing, 'POST', '/api/password-resets/confirm', { token, password })
};
