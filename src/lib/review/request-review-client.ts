/**
 * The reviewer console's client for account requests (claims, e-mail initializations; contract
 * in `domain/account-request/account-request-wire.ts`): every answer parsed with zod, failures as values.
 */
import { z } from 'zod/mini';
import { AccountRequestViewSchema, type AccountRequestView } from '../domain/account-request/account-request-wire.ts';
import type { ReviewReason } from '../domain/review/review.ts';
import { call, type ApiResult } from '../sync/api.ts';

const ListSchema = z.object({ requests: z.array(AccountRequestViewSchema) });
const DecidedSchema = z.object({ request: AccountRequestViewSchema });

export const requestReviewApi = {
	/** The submitted requests, oldest first. */
	async pending(): Promise<ApiResult<AccountRequestView[]>> {
		const result = await call(ListSchema, 'GET', '/api/review/account-requests');
		return result.ok ? { ok: true, value: result.value.requests } : result;
	},
	/** Approve (attaches a claimed filing, or re-addresses the legacy login), or reject with reasons (REV-1). */
	async decide(requestId: string, action: 'approve' | 'reject', reasons: readonly ReviewReason[]): Promise<ApiResult<AccountRequestView>> {
		const body = action === 'reject' ? { action, reasons } : { action };
		const result = await call(DecidedSchema, 'POST', `/api/review/account-requests/${encodeURIComponent(requestId)}/decisions`, body);
		return result.ok ? { ok: true, value: result.value.request } : result;
	}
};

/** Where a reviewer downloads a document of an account request (STAFF-3). */
export function requestDocumentUrl(requestId: string, sha256: string): string {
	return `/api/review/account-requests/${encodeURIComponent(requestId)}/documents/${encodeURIComponent(sha256)}`;
}
