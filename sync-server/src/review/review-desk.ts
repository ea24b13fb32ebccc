/**
 * The review desk (issue 12): the queue, one order's file, and the reviewers' decisions. Every
 * decision is one domain lifecycle event and one audit-log entry (through `commitFor`, like the
 * applicant's moves); a rejection writes its reasons into the order's summary, so the facts doc
 * carries every reason to its field. The administration's approval issues the filing numbers
 * (the numbers store, one serial per call), uses the service codes and writes the approved
 * record and the registry. The desk's clock (`tick`) fires `sms-timeout` after the SMS window
 * and `expire` for orders idle past the domain's limit. Each decision and each fired event then
 * reaches the inbox of every member of the order's subject (NOTE-2, `order-notices.ts`).
 *
 * Writes for one subject run one after another (`#serial`); the order store's commit still
 * checks the state it was computed from.
 */
import { chinaDateOf, chinaToday, daysBetween, yearOf } from '../../../src/lib/domain/calendar/iso-date.ts';
import { deadlineFor, IDLE_EXPIRY_DAYS, SMS_WINDOW_HOURS, type DeadlineKind } from '../../../src/lib/domain/calendar/deadlines.ts';
import { USER_WAITING_STATUSES, type OrderEvent, type OrderStatus } from '../../../src/lib/domain/lifecycle/order-state.ts';
import { approvedContext, validateApprovedRecord, type ApprovedRecordData } from '../../../src/lib/domain/operation/approved-record.ts';
import { isCancelKind } from '../../../src/lib/domain/operation/operation-kind.ts';
import type { Order } from '../../../src/lib/domain/order/order.ts';
import type { ProvinceCode } from '../../../src/lib/domain/province/provinces.ts';
import { approvedAfter, filingAbbrOf, needsSubjectNumber, registryLinesOf, subjectFilingNumber } from '../../../src/lib/domain/review/approval.ts';
import { REJECTING_ACTIONS, REVIEW_ACTIONS, type ReviewDecisionRequest, type ReviewQueueItem } from '../../../src/lib/domain/review/review-wire.ts';
import { REVIEW_VERSION, validateReviewDecision, type ReviewDecision } from '../../../src/lib/domain/review/review.ts';
import { assessRejectionRisk } from '../../../src/lib/domain/risk/rejection-risk.ts';
import type { Issue } from '../../../src/lib/domain/result.ts';
import type { OrderSummary } from '../../../src/lib/domain/workspace/facts-layout.ts';
import { fail, succeed, type Outcome } from '../accounts/outcome.ts';
import type { Logger } from '../log.ts';
import { commitFor, type Move } from '../orders/order-transitions.ts';
import type { OrderService } from '../orders/order-service.ts';
import type { AuditEntry, OrderRecord } from '../storage/records/order-store.ts';
import type { Records } from '../storage/records/records.ts';
import type { ReviewRecords } from '../storage/review/review-stores.ts';
import type { InboxStore } from '../storage/legacy/legacy-stores.ts';
import { notifyMembers, type OrderNotice } from './order-notices.ts';
import { serviceCodesOf } from './service-codes.ts';

export interface ReviewDeskOptions {
	readonly records: Records;
	readonly review: ReviewRecords;
	readonly orders: OrderService;
	readonly logger: Logger;
	readonly now: () => number;
	readonly provider: string;
	/** Where decisions reach the subject's members (NOTE-2); the account inboxes of `LegacyRecords`. */
	readonly inbox: InboxStore;
}

export interface QueueFilter {
	readonly state?: OrderStatus | 'all';
	readonly province?: ProvinceCode;
	readonly kind?: string;
}

export interface ReviewOrderView {
	readonly subjectId: string;
	readonly order: Order;
	readonly summary: OrderSummary;
	readonly approved: ApprovedRecordData | null;
	readonly risks: readonly Issue[];
	readonly audit: readonly AuditEntry[];
	readonly revisions: number;
}

/** Statuses the desk acts on: the default queue. */
export const DESK_STATUSES: readonly OrderStatus[] = ['provider-review', 'miit-submission', 'sms-verification', 'administration-review'];

/** The actor named in the audit log for the desk's own clock. */
export const SYSTEM_ACTOR = 'system';

const orderOf = (record: OrderRecord): Order => JSON.parse(record.current.body) as Order;

/** When the order entered its current status (the last history entry into it), else its last change. */
export function enteredStatusAt(summary: OrderSummary): string {
	for (let i = summary.history.length - 1; i >= 0; i--) {
		const entry = summary.history[i];
		if (entry && entry.to === summary.status && entry.from !== summary.status) return entry.at;
	}
	return summary.updatedAt;
}

function deadlineKindOf(summary: OrderSummary): DeadlineKind | null {
	if (summary.status === 'provider-review') return 'provider-review';
	if (summary.status === 'miit-submission') return 'miit-submission';
	if (summary.status === 'sms-verification') return 'sms-verification';
	if (summary.status === 'administration-review') return summary.isCancellation ? 'cancellation-review' : 'administration-review';
	if (USER_WAITING_STATUSES.includes(summary.status)) return 'idle-expiry';
	return null;
}

export class ReviewDesk {
	#o: ReviewDeskOptions;
	#queues = new Map<string, Promise<unknown>>();

	constructor(options: ReviewDeskOptions) {
		this.#o = options;
	}

	#notify(notice: OrderNotice): Promise<number> {
		return notifyMembers({ memberships: this.#o.records.memberships, inbox: this.#o.inbox, logger: this.#o.logger }, notice);
	}

	#serial<T>(subjectId: string, work: () => Promise<T>): Promise<T> {
		const before = this.#queues.get(subjectId) ?? Promise.resolve();
		const run = before.then(work, work);
		const settled = run.catch(() => undefined);
		this.#queues.set(subjectId, settled);
		void settled.then(() => {
			if (this.#queues.get(subjectId) === settled) this.#queues.delete(subjectId);
		});
		return run;
	}

	/** The queue, soonest deadline first (REV-6); fires the clock's events first. */
	async queue(filter: QueueFilter): Promise<ReviewQueueItem[]> {
		await this.tick();
		const today = chinaToday(this.#o.now());
		const items: ReviewQueueItem[] = [];
		for (const { subjectId, summary } of await this.#o.records.orders.all()) {
			const inState = filter.state === 'all' || (filter.state === undefined ? DESK_STATUSES.includes(summary.status) : summary.status === filter.state);
			if (!inState || (filter.kind !== undefined && summary.kind !== filter.kind)) continue;
			const record = await this.#o.records.orders.get(subjectId, summary.id);
			if (!record) continue;
			const order = orderOf(record);
			if (filter.province !== undefined && order.subject.province !== filter.province) continue;
			const since = enteredStatusAt(summary);
			const kind = deadlineKindOf(summary);
			const deadline = kind ? deadlineFor({ kind, start: since, province: order.subject.province }) : null;
			const value = deadline?.ok ? deadline.value : null;
			items.push({
				subjectId,
				orderId: summary.id,
				kind: summary.kind,
				status: summary.status,
				province: order.subject.province,
				subjectName: order.subject.name,
				submittedAt: summary.submittedAt,
				since,
				ageDays: Math.max(0, daysBetween(chinaDateOf(summary.submittedAt) ?? today, today)),
				due: value?.due ?? null,
				...(value?.dueAt ? { dueAt: value.dueAt } : {}),
				provisional: value?.provisional ?? false
			});
		}
		return items.sort((a, b) => (a.dueAt ?? a.due ?? '9999').localeCompare(b.dueAt ?? b.due ?? '9999') || a.submittedAt.localeCompare(b.submittedAt));
	}

	/** Finds an order by id across subjects (order ids are the devices' random ids). */
	async #find(orderId: string): Promise<OrderRecord | null> {
		const found = (await this.#o.records.orders.all()).find((o) => o.summary.id === orderId);
		return found ? this.#o.records.orders.get(found.subjectId, orderId) : null;
	}

	async view(orderId: string): Promise<Outcome<ReviewOrderView>> {
		await this.tick();
		const record = await this.#find(orderId);
		if (!record) return fail(404, 'not-found', 'No such order');
		const order = orderOf(record);
		const approved = await this.#o.records.approved.get(record.subjectId);
		const risks = assessRejectionRisk(order, { today: chinaToday(this.#o.now()), accessProvider: this.#o.provider, ...(approved ? { approved: approvedContext(approved) } : {}) });
		const audit = await this.#o.records.orders.audit(record.subjectId, orderId);
		return succeed({ subjectId: record.subjectId, order, summary: record.summary, approved, risks, audit, revisions: record.summary.revision });
	}

	/** The hashes an order references, in any of its revisions (what a reviewer may download). */
	async documentsOf(orderId: string): Promise<{ subjectId: string; hashes: Set<string> } | null> {
		const record = await this.#find(orderId);
		if (!record) return null;
		const revisions = await this.#o.records.orders.revisions(record.subjectId, orderId);
		const hashes = new Set(revisions.flatMap((r) => (JSON.parse(r.body) as Order).documents.map((d) => d.sha256)));
		return { subjectId: record.subjectId, hashes };
	}

	/** `POST /api/review/orders/:orderId/decisions`. */
	async decide(reviewerId: string, orderId: string, request: ReviewDecisionRequest): Promise<Outcome<{ summary: OrderSummary; approved: ApprovedRecordData | null }>> {
		const located = await this.#find(orderId);
		if (!located) return fail(404, 'not-found', 'No such order');
		return this.#serial(located.subjectId, async () => {
			const record = await this.#o.records.orders.get(located.subjectId, orderId);
			if (!record) return fail(404, 'not-found', 'No such order');
			const order = orderOf(record);
			const at = this.#o.now();
			const reasons = request.reasons ?? [];
			const rejecting = REJECTING_ACTIONS.includes(request.action);
			const decision: ReviewDecision = { version: REVIEW_VERSION, orderId, outcome: rejecting ? 'rejected' : 'approved', reviewer: reviewerId, decidedAt: new Date(at).toISOString(), reasons };
			const checked = validateReviewDecision(decision, order);
			const errors = checked.issues.filter((i) => i.severity === 'error' || (!rejecting && i.rule === 'REV-3'));
			if (errors.length > 0) return fail(422, 'invalid-input', 'The decision does not fit the order', { issues: errors });
			const event: OrderEvent = { type: REVIEW_ACTIONS[request.action] };
			const why = rejecting ? reasons.map((r) => `${r.path.join('.')}: ${r.code}`).join('; ').slice(0, 500) : request.action;
			const next = commitFor(record, [event], { actor: reviewerId, at, why });
			if (!next.ok) return fail(409, 'transition-not-allowed', `${request.action} is not allowed while the order is ${record.summary.status}`, { issues: next.issues });
			let approved = await this.#o.records.approved.get(record.subjectId);
			if (event.type === 'administration-approve') {
				const used = isCancelKind(order.kind) ? 'used' : await this.#o.review.serviceCodes.use(serviceCodesOf(order), { subjectId: record.subjectId, orderId, at });
				if (used === 'refused') return fail(422, 'service-code-invalid', 'A service code of the order is unknown or used by another filing');
				approved = await this.#approve(record.subjectId, order, approved, at);
			}
			const summary = rejecting ? { ...next.commit.summary, review: decision } : next.commit.summary;
			const outcome = await this.#o.records.orders.commit({ ...next.commit, summary });
			if (outcome.outcome !== 'committed') return fail(409, 'transition-not-allowed', 'The order changed meanwhile; fetch it and try again');
			await this.#o.orders.publishSummary(record.subjectId, summary);
			await this.#notify({ subjectId: record.subjectId, orderId, action: request.action, reasons, at });
			this.#o.logger.log('info', 'review decision', { orderId, action: request.action, to: summary.status });
			return succeed({ summary, approved });
		});
	}

	/** Issues the numbers a first approval needs and writes the record, the registry and the facts doc. */
	async #approve(subjectId: string, order: Order, approved: ApprovedRecordData | null, at: number): Promise<ApprovedRecordData | null> {
		const today = chinaToday(at);
		const subjectNumber = needsSubjectNumber(order, approved) ? subjectFilingNumber(order.subject.province, yearOf(today), await this.#o.review.numbers.next(filingAbbrOf(order.subject.province), yearOf(today))) : undefined;
		const { record } = approvedAfter(order, approved, { subjectId, approvedOn: today, ...(subjectNumber ? { subjectNumber } : {}) });
		if (record === null) {
			await this.#o.orders.removeApproved(subjectId);
		} else {
			const valid = validateApprovedRecord(record);
			if (!valid.ok || valid.issues.some((i) => i.severity === 'error')) this.#o.logger.log('error', 'approved record breaks APPR-1', { subjectId, issues: valid.issues });
			await this.#o.orders.putApproved(record);
		}
		await this.#o.review.registry.replace(subjectId, registryLinesOf(record));
		return record;
	}

	/** The desk's clock: `sms-timeout` past the SMS window, `expire` past the idle limit (REV-7). Returns how many orders moved. */
	async tick(): Promise<number> {
		const now = this.#o.now();
		const today = chinaToday(now);
		let moved = 0;
		for (const { subjectId, summary } of await this.#o.records.orders.all()) {
			let event: { type: 'sms-timeout' } | { type: 'expire'; idleDays: number } | null = null;
			const since = enteredStatusAt(summary);
			if (summary.status === 'sms-verification' && now > Date.parse(since) + SMS_WINDOW_HOURS * 3_600_000) event = { type: 'sms-timeout' };
			if (USER_WAITING_STATUSES.includes(summary.status)) {
				const idleDays = daysBetween(chinaDateOf(summary.updatedAt) ?? today, today);
				if (idleDays >= IDLE_EXPIRY_DAYS) event = { type: 'expire', idleDays };
			}
			if (!event) continue;
			const fired = event;
			const move: Move = { actor: SYSTEM_ACTOR, at: now, why: fired.type === 'expire' ? `idle ${fired.idleDays} days` : `SMS window of ${SMS_WINDOW_HOURS} h passed` };
			const outcome = await this.#serial(subjectId, async () => {
				const applied = await this.#o.orders.applyEvent(subjectId, summary.id, fired, move);
				if (applied.ok) await this.#notify({ subjectId, orderId: summary.id, action: fired.type, reasons: [], at: now });
				return applied;
			});
			if (outcome.ok) moved++;
		}
		return moved;
	}
}
