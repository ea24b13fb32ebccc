/**
 * The facts doc's `orders` and `approved` roots (ROOM-3; FACTS_ROOT in layout.ts), as data with
 * no Yjs so the server can write them. Each is a Y.Map of plain JSON values, written only by
 * the server (the review desk extends the order entries with its own optional fields):
 *
 * - `orders`: order id → {@link OrderSummary} — kind, revision, lifecycle state and its
 *   history (each transition with its time), replaced as a whole on every transition.
 * - `approved`: key `record` → the subject's approved record (`ApprovedRecordSchema`), absent
 *   until the first approval.
 *
 * `OrderSummarySchema` is also the wire shape of an order's state (`order-wire.ts`).
 */
import { z } from 'zod/mini';
import { ORDER_STATUSES } from '../lifecycle/order-state.ts';
import { ORDER_KINDS } from '../operation/operation-kind.ts';

/** Keys of the facts doc's `approved` map. */
export const FACTS_APPROVED_KEY = { record: 'record' } as const;

/** Most history entries an order summary keeps (the oldest go first beyond). */
export const ORDER_HISTORY_MAX = 200;

const dateTime = () => z.iso.datetime({ offset: true });

/** One lifecycle transition of an order: `from` is null for the first submission. */
export const OrderHistoryEntrySchema = z.object({
	from: z.nullable(z.enum(ORDER_STATUSES)),
	to: z.enum(ORDER_STATUSES),
	/** The lifecycle event (`submit`, `withdraw`, `provider-reject` …). */
	event: z.string().check(z.minLength(1), z.maxLength(32)),
	at: dateTime(),
	/** The order revision the transition applied to. */
	revision: z.int().check(z.minimum(1))
});
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntrySchema>;

export const OrderSummarySchema = z.object({
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	kind: z.enum(ORDER_KINDS),
	/** 1 for the first accepted body; +1 for each accepted resend after a rejection. */
	revision: z.int().check(z.minimum(1)),
	status: z.enum(ORDER_STATUSES),
	isCancellation: z.boolean(),
	smsWrongAttempts: z.int().check(z.minimum(0)),
	/** The order's `created` (set on the device). */
	created: dateTime(),
	/** When the server first accepted the order. */
	submittedAt: dateTime(),
	/** The last transition. */
	updatedAt: dateTime(),
	history: z.array(OrderHistoryEntrySchema).check(z.maxLength(ORDER_HISTORY_MAX))
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

/** An entry of the facts doc's `orders` map, or null when it is not one (another version wrote it). */
export function parseOrderSummary(value: unknown): OrderSummary | null {
	const parsed = OrderSummarySchema.safeParse(value);
	return parsed.success ? parsed.data : null;
}
