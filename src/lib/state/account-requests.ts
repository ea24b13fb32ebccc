/**
 * Account requests on the wire (issue 12's endpoints, `account-request-wire.ts`): a claim or
 * e-mail initialization is built from its device draft (`toAccountRequest`) and sent with PUT —
 * idempotent, so a resend after a lost answer stores nothing twice (the draft keeps `created`);
 * the legacy import is one POST straight from the form, online only, its password never stored.
 * Every answer is parsed with the wire's zod schemas; refusals come back as `ApiFailure`s.
 */
import { z } from 'zod/mini';
import type { AccountRequest } from '../domain/account-request/account-request.ts';
import { AccountRequestViewSchema, LegacyFilingViewSchema, type AccountRequestView } from '../domain/account-request/account-request-wire.ts';
import { call, type ApiResult } from '../sync/api.ts';
import type { RequestDraftData } from './record-forms.ts';

const PutAnswerSchema = z.object({ request: AccountRequestViewSchema });
const ListAnswerSchema = z.object({ requests: z.array(AccountRequestViewSchema) });
const ImportAnswerSchema = z.object({ subjectId: z.string(), imported: LegacyFilingViewSchema });
export type LegacyImportAnswer = z.infer<typeof ImportAnswerSchema>;

/** The draft as the domain's AccountRequest: trimmed, empty optional fields left out, `created` as first sent. */
export function toAccountRequest(d: RequestDraftData, id: string, created: string): AccountRequest {
	const opt = (value: string) => (value.trim() === '' ? undefined : value.trim());
	const name = opt(d.subjectName);
	const base = { version: 1 as const, id, created, documents: d.documents, ...(name ? { subjectName: name } : {}) };
	if (d.kind === 'claim') {
		const number = opt(d.filingNumber);
		return { ...base, kind: 'claim', claim: { domain: d.domain.trim(), ...(number ? { filingNumber: number } : {}), ...(opt(d.filedOn) ? { filedOn: d.filedOn } : {}) } };
	}
	if (d.kind === 'legacy-import') return { ...base, kind: 'legacy-import', legacyImport: { loginId: d.loginId.trim(), ...(opt(d.obtainedOn) ? { obtainedOn: d.obtainedOn } : {}) } };
	const loginId = opt(d.loginId);
	const domain = opt(d.domain);
	return {
		...base,
		kind: 'email-initialization',
		emailInitialization: {
			newEmail: d.newEmail.trim(),
			applicantRole: d.applicantRole,
			applicantName: d.applicantName.trim(),
			applicantCertificateNumber: d.applicantCertificateNumber.trim(),
			...(loginId ? { loginId } : {}),
			...(domain ? { domain } : {})
		}
	};
}

/** PUT /api/account-requests/:requestId — a claim or e-mail initialization, its documents held by the account. */
export async function sendAccountRequest(request: AccountRequest): Promise<ApiResult<AccountRequestView>> {
	const result = await call(PutAnswerSchema, 'PUT', `/api/account-requests/${encodeURIComponent(request.id)}`, { request });
	return result.ok ? { ok: true, value: result.value.request } : result;
}

/** GET /api/account-requests — the account's sent requests with their state and decision. */
export async function listAccountRequests(): Promise<ApiResult<AccountRequestView[]>> {
	const result = await call(ListAnswerSchema, 'GET', '/api/account-requests');
	return result.ok ? { ok: true, value: result.value.requests } : result;
}

/** POST /api/legacy-imports — online only, straight from the form; the password is not kept anywhere. */
export function importLegacy(loginId: string, password: string): Promise<ApiResult<LegacyImportAnswer>> {
	if (globalThis.navigator?.onLine === false) return Promise.resolve({ ok: false, error: 'offline', status: 0 });
	return call(ImportAnswerSchema, 'POST', '/api/legacy-imports', { loginId: loginId.trim(), password });
}
