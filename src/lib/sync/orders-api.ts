/**
 * The orders API the tracking screens use: the approved record, and the applicant's lifecycle moves: `POST /api/subjects/:subjectId/orders/:orderId/events`
 * `{ type }` (withdraw, abandon, reopen, edit). The answer is parsed with the domain's wire
 * schema; a refusal is a value with the shared error code (409 `transition-not-allowed` with the
 * lifecycle's LIFE rule in `details.issues`).
 */
import type { ApprovedRecordData } from '../domain/operation/approved-record.ts';
import { ApprovedRecordResponseSchema, OrderEventResponseSchema, type ApplicantEventType } from '../domain/order/order-wire.ts';
import type { OrderSummary } from '../domain/workspace/facts-layout.ts';
import { toFailure, type ApiResult } from './api.ts';

export async function sendOrderEvent(subjectId: string, orderId: string, type: ApplicantEventType, fetcher: typeof fetch = fetch): Promise<ApiResult<OrderSummary>> {
	let response: Response;
	try {
		response = await fetcher(`/api/subjects/${encodeURIComponent(subjectId)}/orders/${encodeURIComponent(orderId)}/events`, {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ type })
		});
	} catch {
		return { ok: false, error: 'offline', status: 0 };
	}
	const json: unknown = await response.json().catch(() => undefined);
	if (!response.ok) return toFailure(response, json);
	const parsed = OrderEventResponseSchema.safeParse(json);
	return parsed.success ? { ok: true, value: parsed.data.summary } : { ok: false, error: 'bad-response', status: response.status };
}

/** `GET /api/subjects/:subjectId/approved`: the approved record (null before the first approval); the server also publishes it into the facts doc. */
export async function fetchApproved(subjectId: string, fetcher: typeof fetch = fetch): Promise<ApiResult<ApprovedRecordData | null>> {
	let response: Response;
	try {
		response = await fetcher(`/api/subjects/${encodeURIComponent(subjectId)}/approved`, { credentials: 'same-origin' });
	} catch {
		return { ok: false, error: 'offline', status: 0 };
	}
	const json: unknown = await response.json().catch(() => undefined);
	if (!response.ok) return toFailure(response, json);
	const parsed = ApprovedRecordResponseSchema.safeParse(json);
	return parsed.success ? { ok: true, value: parsed.data.record } : { ok: false, error: 'bad-response', status: response.status };
}
