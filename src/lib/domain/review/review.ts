/**
 * Review decision of the provider's review desk: approve, or reject with reasons per field
 * (REV-1..4). Written only by the server; the app shows each reason next to its field.
 */
import { z } from 'zod/mini';
import type { Order } from '../order/order.ts';
import { longText, shortText } from '../person/person.ts';
import { migrateRecord } from '../record/parse-record.ts';
import { issue, resultOf, type Issue, type Result } from '../result.ts';

export const REVIEW_VERSION = 1;

/** Reason codes from the common rejection causes (domain-research §10, [T6][T18]). */
export const REVIEW_REASON_CODES = [
	'website-name',
	'document-unclear',
	'document-invalid',
	'information-mismatch',
	'phone-unreachable',
	'address-incomplete',
	'pre-approval-missing',
	'domain-not-verified',
	'other'
] as const;

export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

export const ReviewReasonSchema = z.object({
	/** Field path inside the order, e.g. `['websites', 0, 'name']`. */
	path: z.array(z.union([z.string().check(z.maxLength(100)), z.number().check(z.int(), z.gte(0))])).check(z.maxLength(10)),
	code: z.enum(REVIEW_REASON_CODES),
	/** The reviewer's advice, shown verbatim. */
	note: z.optional(longText())
});

export type ReviewReason = z.infer<typeof ReviewReasonSchema>;

export const ReviewDecisionSchema = z.object({
	version: z.literal(REVIEW_VERSION),
	orderId: z.string().check(z.minLength(1), z.maxLength(64)),
	outcome: z.enum(['approved', 'rejected']),
	reviewer: shortText(),
	decidedAt: z.iso.datetime({ offset: true }),
	reasons: z.array(ReviewReasonSchema).check(z.maxLength(100))
});

export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** Upgrades and parses a stored or received ReviewDecision; never throws. */
export function migrateReviewDecision(input: unknown): Result<ReviewDecision> {
	return migrateRecord({ input, schema: ReviewDecisionSchema, current: REVIEW_VERSION });
}

function pathExists(order: unknown, path: readonly (string | number)[]): boolean {
	let node: unknown = order;
	for (const key of path) {
		if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
		node = Reflect.get(node, key);
	}
	return true;
}

/** Checks a decision against its order (REV-1..4). */
export function validateReviewDecision(decision: ReviewDecision, order: Order): Result<ReviewDecision> {
	const issues: Issue[] = [];
	if (decision.orderId !== order.id) issues.push(issue('REV-4', 'error', { path: ['orderId'] }));
	if (decision.outcome === 'rejected' && decision.reasons.length === 0) issues.push(issue('REV-1', 'error', { path: ['reasons'] }));
	if (decision.outcome === 'approved' && decision.reasons.length > 0) issues.push(issue('REV-3', 'warning', { path: ['reasons'] }));
	decision.reasons.forEach((r, i) => {
		if (!pathExists(order, r.path)) issues.push(issue('REV-2', 'error', { path: ['reasons', i, 'path'] }));
	});
	return resultOf(decision, issues);
}

/** Reasons grouped by field path (joined with `.`), for showing each next to its field. */
export function reasonsByField(decision: ReviewDecision): Map<string, ReviewReason[]> {
	const map = new Map<string, ReviewReason[]>();
	for (const reason of decision.reasons) {
		const key = reason.path.join('.');
		map.set(key, [...(map.get(key) ?? []), reason]);
	}
	return map;
}
