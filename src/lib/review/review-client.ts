/**
 * The reviewer console's client for the review desk and the public registry (contract in
 * `domain/review/review-wire.ts`): every answer parsed with zod, failures as values.
 */
import { z } from 'zod/mini';
import { ORDER_STATUSES, type OrderStatus } from '../domain/lifecycle/order-state.ts';
import { ApprovedRecordSchema } from '../domain/operation/approved-record.ts';
import { ORDER_KINDS, type OrderKind } from '../domain/operation/operation-kind.ts';
import { OrderSchema } from '../domain/order/order.ts';
import { REVIEW_REASON_CODES, type ReviewReason, type ReviewReasonCode } from '../domain/review/review.ts';
import { RegistryResponseSchema, REVIEW_ACTIONS, ReviewQueueResponseSchema, type ReviewAction } from '../domain/review/review-wire.ts';
import { OrderSummarySchema } from '../domain/workspace/facts-layout.ts';
import { m } from '../i18n/paraglide/messages.js';
import { call } from '../sync/api.ts';

const MeSchema = z.object({ account: z.object({ id: z.string(), email: z.string() }), reviewer: z.boolean(), mustChangePassword: z.boolean() });
const IssueSchema = z.object({ rule: z.string(), path: z.array(z.union([z.string(), z.number()])), severity: z.enum(['error', 'warning', 'info']), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) });
const AuditSchema = z.object({ actor: z.string(), at: z.number(), from: z.nullable(z.enum(ORDER_STATUSES)), to: z.enum(ORDER_STATUSES), event: z.string(), why: z.nullable(z.string()), revision: z.number() });
export const ReviewOrderViewSchema = z.object({
	subjectId: z.string(),
	order: OrderSchema,
	summary: OrderSummarySchema,
	approved: z.nullable(ApprovedRecordSchema),
	risks: z.array(IssueSchema),
	audit: z.array(AuditSchema),
	revisions: z.number()
});
export type ReviewOrderView = z.infer<typeof ReviewOrderViewSchema>;
const DecisionAnswer = z.object({ summary: OrderSummarySchema, approved: z.nullable(ApprovedRecordSchema) });
const CodesSchema = z.object({ codes: z.array(z.object({ code: z.string(), createdAt: z.number(), usedBy: z.nullable(z.object({ subjectId: z.string(), orderId: z.string(), at: z.number() })) })) });
const AddedCodes = z.object({ added: z.array(z.string()), existing: z.array(z.string()) });
const Nothing = z.unknown();

export interface QueueFilter {
	state?: string;
	province?: string;
	kind?: string;
}

function queryOf(filter: QueueFilter): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
	const text = params.toString();
	return text ? `?${text}` : '';
}

export const reviewApi = {
	me: () => call(MeSchema, 'GET', '/api/review/me'),
	changePassword: (currentPassword: string, newPassword: string) => call(Nothing, 'POST', '/api/review/password', { currentPassword, newPassword }),
	queue: (filter: QueueFilter) => call(ReviewQueueResponseSchema, 'GET', `/api/review/orders${queryOf(filter)}`),
	order: (orderId: string) => call(ReviewOrderViewSchema, 'GET', `/api/review/orders/${encodeURIComponent(orderId)}`),
	decide: (orderId: string, action: ReviewAction, reasons: ReviewReason[]) =>
		call(DecisionAnswer, 'POST', `/api/review/orders/${encodeURIComponent(orderId)}/decisions`, reasons.length > 0 ? { action, reasons } : { action }),
	serviceCodes: () => call(CodesSchema, 'GET', '/api/review/service-codes'),
	addServiceCodes: (count: number) => call(AddedCodes, 'POST', '/api/review/service-codes', { count }),
	registry: (q: string) => call(RegistryResponseSchema, 'GET', `/api/registry?q=${encodeURIComponent(q)}`)
};

/** Where a reviewer downloads a document of an order under review. */
export function documentUrl(orderId: string, sha256: string): string {
	return `/api/review/orders/${encodeURIComponent(orderId)}/documents/${encodeURIComponent(sha256)}`;
}

const key = (value: string) => value.replace(/-/g, '_');
const messages = m as unknown as Record<string, () => string>;
const label = (prefix: string, value: string): string => messages[`${prefix}${key(value)}`]?.() ?? value;

export const stateLabel = (status: OrderStatus | string): string => label('review_state_', status);
export const kindLabel = (kind: OrderKind | string): string => label('review_kind_', kind);
export const reasonLabel = (code: ReviewReasonCode): string => label('review_reason_', code);
export const actionLabel = (action: ReviewAction): string => label('review_action_', action);

export const ALL_STATES = ORDER_STATUSES;
export const ALL_KINDS = ORDER_KINDS;
export const REASON_CODES = REVIEW_REASON_CODES;

/** The desk's actions the order's state allows, from the lifecycle's event list (REV-5). */
export function actionsFor(available: readonly string[]): ReviewAction[] {
	return (Object.entries(REVIEW_ACTIONS) as [ReviewAction, string][]).filter(([, event]) => available.includes(event)).map(([action]) => action);
}
