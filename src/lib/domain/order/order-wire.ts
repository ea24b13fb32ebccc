/**
 * The orders API on the wire (issue 10): request and response bodies of
 *
 * | route | body | answer |
 * |---|---|---|
 * | `PUT /api/subjects/:subjectId/orders/:orderId` | `{ order }` (Order v2, `order.id` = `:orderId`) | 201 `{ order, summary }` new order or next revision; 200 the same when the body equals the current revision |
 * | `GET /api/subjects/:subjectId/orders` | — | 200 `{ orders: OrderSummary[] }` (newest first) |
 * | `GET /api/subjects/:subjectId/orders/:orderId` | — | 200 `{ order, summary }` (the current revision) |
 * | `POST /api/subjects/:subjectId/orders/:orderId/events` | `{ type, reason? }` | 200 `{ summary }` |
 * | `GET /api/subjects/:subjectId/approved` | — | 200 `{ record: ApprovedRecord \| null }` |
 * | `GET /api/subjects/:subjectId/filing-facts?domain=` | — | 200 {@link FilingFactsResponse} |
 * | `GET /api/provider` | — | 200 `{ name, serviceCodePattern }` |
 *
 * Refusals (the one error shape): 401 `unauthenticated`; 403 `forbidden` (not a member, or a
 * viewer writing); 404 `not-found` (no such order); 400 `invalid-input` (body shape, or
 * `order.id` ≠ `:orderId`); 413 `payload-too-large` (over {@link ORDER_BODY_MAX_BYTES});
 * 422 `kind-not-an-order` (an account request kind); 422 `order-invalid` with
 * `details.issues: { rule, path, severity, params }[]`; 422 `document-missing` with
 * `details.hashes` (referenced documents this subject has not uploaded); 409 `order-in-flight`
 * with `details.orderId`; 409 `order-frozen` (a different body while the order is not back in
 * draft); 409 `transition-not-allowed` with `details.issues` (the lifecycle's LIFE-n refusal).
 */
import { z } from 'zod/mini';
import { ApprovedRecordSchema } from '../operation/approved-record.ts';
import { OrderSummarySchema } from '../workspace/facts-layout.ts';
import { OrderSchema } from './order.ts';

/** The orders PUT body limit: an order with 50 websites and 500 document references fits. */
export const ORDER_BODY_MAX_BYTES = 1024 * 1024;

/** PUT body. The order itself is checked by the server in steps (kind, schema, rules), so it is parsed later. */
export const PutOrderRequestSchema = z.object({ order: z.record(z.string(), z.unknown()) });

export const OrderResponseSchema = z.object({ order: OrderSchema, summary: OrderSummarySchema });
export type OrderResponse = z.infer<typeof OrderResponseSchema>;

export const OrderListResponseSchema = z.object({ orders: z.array(OrderSummarySchema) });
export type OrderListResponse = z.infer<typeof OrderListResponseSchema>;

/** The lifecycle moves the applicant sends (`submit` is the PUT; review and MIIT events come from the desk). */
export const APPLICANT_EVENT_TYPES = ['withdraw', 'abandon', 'reopen', 'edit'] as const;
export type ApplicantEventType = (typeof APPLICANT_EVENT_TYPES)[number];

export const OrderEventRequestSchema = z.object({
	type: z.enum(APPLICANT_EVENT_TYPES),
	/** Why, in the applicant's words (kept in the audit log). */
	reason: z.optional(z.string().check(z.maxLength(500)))
});
export type OrderEventRequest = z.infer<typeof OrderEventRequestSchema>;

export const OrderEventResponseSchema = z.object({ summary: OrderSummarySchema });

export const ApprovedRecordResponseSchema = z.object({ record: z.nullable(ApprovedRecordSchema) });

/**
 * What the server knows for `deriveFilingType` (no other subject's data): whether this subject
 * is filed here, and for a domain whether it is filed here (by any subject) and by this one.
 * A subject or domain filed here is also filed with the MIIT and accessed here.
 */
export const FilingFactsResponseSchema = z.object({
	subjectHere: z.boolean(),
	domain: z.nullable(z.object({ name: z.string(), filedHere: z.boolean(), bySubject: z.boolean() }))
});
export type FilingFactsResponse = z.infer<typeof FilingFactsResponseSchema>;

/** The access provider operating this server (the app fills it into every website's access). */
export const ProviderResponseSchema = z.object({ name: z.string().check(z.minLength(1), z.maxLength(64)), serviceCodePattern: z.string() });
export type ProviderResponse = z.infer<typeof ProviderResponseSchema>;
