/**
 * Reads the facts doc's `orders` and `approved` roots (layout: `domain/workspace/facts-layout.ts`),
 * written by the server only: every value is parsed with the domain's zod schemas before the app
 * sees it; an entry that does not parse is left out (a newer server may write more).
 */
import type * as Y from 'yjs';
import { z } from 'zod/mini';
import { migrateApprovedRecord, type ApprovedRecordData } from '../domain/operation/approved-record.ts';
import { FACTS_ROOT } from '../domain/workspace/layout.ts';
import { FACTS_APPROVED_KEY, parseOrderSummary, type OrderSummary } from '../domain/workspace/facts-layout.ts';

/** A rejection reason pinned to a field, as the review desk will write it next to the summary. */
const ReasonSchema = z.object({
	path: z.array(z.union([z.string().check(z.maxLength(64)), z.int()])).check(z.maxLength(8)),
	rule: z.optional(z.string().check(z.maxLength(32))),
	text: z.optional(z.string().check(z.maxLength(1000)))
});
export type RejectionReason = z.infer<typeof ReasonSchema>;
const ReasonsSchema = z.object({ reasons: z.array(ReasonSchema).check(z.maxLength(100)) });

export interface TrackedOrder {
	readonly summary: OrderSummary;
	/** Rejection reasons per field, once the review desk writes them (empty until then). */
	readonly reasons: readonly RejectionReason[];
}

/** Every order the server has for this subject, newest first. */
export function readOrderFacts(doc: Y.Doc): TrackedOrder[] {
	const map = doc.getMap<unknown>(FACTS_ROOT.orders);
	const out: TrackedOrder[] = [];
	for (const value of map.values()) {
		const summary = parseOrderSummary(value);
		if (!summary) continue;
		const extra = ReasonsSchema.safeParse(value);
		out.push({ summary, reasons: extra.success ? extra.data.reasons : [] });
	}
	return out.sort((a, b) => Date.parse(b.summary.updatedAt) - Date.parse(a.summary.updatedAt));
}

/** The subject's approved record, or null before the first approval (or when unreadable). */
export function readApprovedFacts(doc: Y.Doc): ApprovedRecordData | null {
	const value = doc.getMap<unknown>(FACTS_ROOT.approved).get(FACTS_APPROVED_KEY.record);
	if (value === undefined) return null;
	const parsed = migrateApprovedRecord(value);
	return parsed.ok ? parsed.value : null;
}
