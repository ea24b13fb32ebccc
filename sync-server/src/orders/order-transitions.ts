/**
 * Computing an order's next stored state from the domain lifecycle (`transition`), as one
 * commit for the OrderStore: the summary with its history entry and the audit entries. Pure;
 * used by the order service for every move, and by the review desk (and tests) for theirs.
 */
import { transition } from '../../../src/lib/domain/lifecycle/order-lifecycle.ts';
import { IN_FLIGHT_STATUSES, type OrderEvent, type OrderState } from '../../../src/lib/domain/lifecycle/order-state.ts';
import type { Issue } from '../../../src/lib/domain/result.ts';
import { ORDER_HISTORY_MAX, type OrderSummary } from '../../../src/lib/domain/workspace/facts-layout.ts';
import type { AuditEntry, OrderCommit, OrderRecord, OrderRevisionRecord } from '../storage/records/order-store.ts';

export interface Move {
	/** Account id, or a named server actor (`review-desk`, `system`). */
	readonly actor: string;
	readonly at: number;
	readonly why: string | null;
}

export const stateOf = (summary: OrderSummary): OrderState => ({ status: summary.status, isCancellation: summary.isCancellation, smsWrongAttempts: summary.smsWrongAttempts });

/**
 * Applies `events` in order to `summary` (each through the lifecycle); the refusal's issues when
 * one is not allowed. `revision` is the revision the moves apply to (a new one for a resend).
 */
export function applyEvents(
	summary: OrderSummary,
	events: readonly OrderEvent[],
	context: Move & { readonly subjectId: string; readonly revision: number }
): { ok: true; summary: OrderSummary; audit: AuditEntry[] } | { ok: false; issues: readonly Issue[] } {
	let current = summary;
	const audit: AuditEntry[] = [];
	const at = new Date(context.at).toISOString();
	for (const event of events) {
		const next = transition(stateOf(current), event);
		if (!next.ok) return { ok: false, issues: next.issues };
		const entry = { from: current.status, to: next.value.status, event: event.type, at, revision: context.revision };
		audit.push({ subjectId: context.subjectId, orderId: summary.id, revision: context.revision, actor: context.actor, at: context.at, from: current.status, to: next.value.status, event: event.type, why: context.why });
		current = {
			...current,
			...next.value,
			revision: context.revision,
			updatedAt: at,
			history: [...current.history, entry].slice(-ORDER_HISTORY_MAX)
		};
	}
	return { ok: true, summary: current, audit };
}

/** The commit of moves applied to a stored order (and, for a resend, its new revision). */
export function commitFor(record: OrderRecord, events: readonly OrderEvent[], move: Move, revision?: OrderRevisionRecord): { ok: true; commit: OrderCommit } | { ok: false; issues: readonly Issue[] } {
	const applied = applyEvents(record.summary, events, { ...move, subjectId: record.subjectId, revision: revision?.revision ?? record.summary.revision });
	if (!applied.ok) return applied;
	const before = record.summary;
	const reentersFlight = !IN_FLIGHT_STATUSES.includes(before.status) && IN_FLIGHT_STATUSES.includes(applied.summary.status);
	return {
		ok: true,
		commit: {
			subjectId: record.subjectId,
			orderId: record.orderId,
			expected: { revision: before.revision, status: before.status, updatedAt: before.updatedAt },
			...(revision ? { revision } : {}),
			summary: applied.summary,
			audit: applied.audit,
			...(reentersFlight ? { exclusiveOf: IN_FLIGHT_STATUSES } : {})
		}
	};
}
