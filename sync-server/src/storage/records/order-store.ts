/**
 * Orders at rest. Contract ORD-S* (`../README.md`). Three kinds of rows, changed together:
 * - revisions: each accepted body of an order, immutable (revision 1, 2, … after rejections);
 * - the order's current state (its `OrderSummary`, as written to the facts doc);
 * - the audit log, append-only: who moved the order, when, from which status to which, why.
 *
 * `commit` is the only write: it checks the expected current state (optimistic: nothing is
 * stored twice, a racing writer gets `conflict`), optionally that no other order of the subject
 * is in flight (OP-2), and writes the new revision, the state and the audit entries in one
 * transaction. The store decides nothing else (the lifecycle and the rules live in the domain).
 */
import type { OrderStatus } from '../../../../src/lib/domain/lifecycle/order-state.ts';
import type { OrderSummary } from '../../../../src/lib/domain/workspace/facts-layout.ts';

export interface OrderRevisionRecord {
	readonly subjectId: string;
	readonly orderId: string;
	readonly revision: number;
	/** The accepted Order as canonical JSON (what the server re-validated). */
	readonly body: string;
	/** SHA-256 (hex) of `body`. */
	readonly hash: string;
	readonly createdAt: number;
	/** Account id of the sender. */
	readonly createdBy: string;
}

export interface OrderRecord {
	readonly subjectId: string;
	readonly orderId: string;
	readonly summary: OrderSummary;
	/** The current revision (the one `summary.revision` names). */
	readonly current: OrderRevisionRecord;
}

export interface AuditEntry {
	readonly subjectId: string;
	readonly orderId: string;
	readonly revision: number;
	/** Account id, or a named server actor (`review-desk`, `system`). */
	readonly actor: string;
	readonly at: number;
	readonly from: OrderStatus | null;
	readonly to: OrderStatus;
	readonly event: string;
	readonly why: string | null;
}

export interface OrderCommit {
	readonly subjectId: string;
	readonly orderId: string;
	/** The state the change was computed from: null for a new order. */
	readonly expected: { readonly revision: number; readonly status: OrderStatus; readonly updatedAt: string } | null;
	/** A new revision (its number is `summary.revision`); omitted for a pure transition. */
	readonly revision?: OrderRevisionRecord;
	readonly summary: OrderSummary;
	readonly audit: readonly AuditEntry[];
	/** Refuse with `in-flight` when another order of the subject has one of these statuses. */
	readonly exclusiveOf?: readonly OrderStatus[];
}

export type CommitOutcome = { readonly outcome: 'committed' } | { readonly outcome: 'conflict' } | { readonly outcome: 'in-flight'; readonly orderId: string };

export interface OrderStore {
	get(subjectId: string, orderId: string): Promise<OrderRecord | null>;
	revisions(subjectId: string, orderId: string): Promise<OrderRevisionRecord[]>;
	/** The subject's orders, newest first (by first acceptance, then id). */
	list(subjectId: string): Promise<OrderSummary[]>;
	commit(change: OrderCommit): Promise<CommitOutcome>;
	/** The audit log of an order (or of the whole subject), oldest first. */
	audit(subjectId: string, orderId?: string): Promise<AuditEntry[]>;
}
