/**
 * Order: one operation a subject asks for — a filing, change or cancel kind (ORDER-1). Holds the
 * data as proposed, the warnings the applicant acknowledged (ORDER-2) and, for a cancellation,
 * the reason (ORDER-3); the approved record a change is compared with comes from the server
 * (context). Account requests (claim, legacy import, e-mail initialization) are not orders:
 * see `account-request/account-request.ts`.
 *
 * Version 2 (issue 10): `acknowledgedWarnings` and `cancellationReason` added, the account
 * request kinds and their payloads removed; a version 1 order of such a kind is refused by the
 * upgrade (ORDER-1: it is dropped from the orders, never turned into another kind).
 */
import { z } from 'zod/mini';
import { AcknowledgedWarningsSchema, CancellationReasonSchema } from './acknowledgment.ts';
import { DocumentRefSchema } from '../document/document-ref.ts';
import { isAccountKind, ORDER_KINDS } from '../operation/operation-kind.ts';
import { migrateRecord } from '../record/parse-record.ts';
import { failure, issue, type Result } from '../result.ts';
import { SubjectSchema } from '../subject/subject.ts';
import { WebsiteSchema } from '../website/website.ts';

export const ORDER_VERSION = 2;

export const OrderSchema = z.object({
	version: z.literal(ORDER_VERSION),
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	kind: z.enum(ORDER_KINDS),
	created: z.iso.datetime({ offset: true }),
	subject: SubjectSchema,
	websites: z.array(WebsiteSchema).check(z.maxLength(50)),
	documents: z.array(DocumentRefSchema).check(z.maxLength(500)),
	/** Websites a change, cancellation or access order is about (by id). */
	targetWebsiteIds: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(50))),
	acknowledgedWarnings: AcknowledgedWarningsSchema,
	/** Cancel kinds only (ORDER-3). */
	cancellationReason: z.optional(CancellationReasonSchema)
});

export type Order = z.infer<typeof OrderSchema>;
export * from './acknowledgment.ts';

const ACCOUNT_PAYLOADS = ['emailInitialization', 'legacyImport', 'claim'] as const;

/** Version 1 → 2: no acknowledgments yet; the account request payloads go (their kinds were refused before). */
function fromVersion1(record: Record<string, unknown>): Record<string, unknown> {
	const next: Record<string, unknown> = { ...record, acknowledgedWarnings: [] };
	for (const key of ACCOUNT_PAYLOADS) delete next[key];
	return next;
}

/**
 * Upgrades and parses a stored or received Order; never throws. An account request kind (of
 * any version) is refused as ORDER-1, so a version 1 claim, import or e-mail initialization is
 * dropped from the orders instead of surviving as an order.
 */
export function migrateOrder(input: unknown): Result<Order> {
	const kind = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as { kind?: unknown }).kind : undefined;
	if (isAccountKind(kind)) return failure([issue('ORDER-1', 'error', { path: ['kind'], params: { kind } })]);
	return migrateRecord({ input, schema: OrderSchema, current: ORDER_VERSION, steps: { 1: fromVersion1 } });
}
