/**
 * The orders of a subject (issue 10): accepting a sent order as an immutable revision after
 * re-validating it with the domain core, the applicant's lifecycle moves, the listing, the
 * approved record and the filing-type facts. Every transition goes through the domain
 * lifecycle (`order-transitions.ts`), into the audit log (same commit) and into the subject's
 * facts doc. One subject's order writes run one after another (`#serial`), and the store's
 * commit checks the state it was computed from, so a burst of identical PUTs stores one order.
 */
import { createHash } from 'node:crypto';
import { chinaToday } from '../../../src/lib/domain/calendar/iso-date.ts';
import { IN_FLIGHT_STATUSES, newOrderState, type OrderEvent } from '../../../src/lib/domain/lifecycle/order-state.ts';
import { approvedContext, type ApprovedRecordData } from '../../../src/lib/domain/operation/approved-record.ts';
import { isAccountKind, isCancelKind } from '../../../src/lib/domain/operation/operation-kind.ts';
import { SERVICE_CODE_PATTERN } from '../../../src/lib/domain/order/order-checks.ts';
import { migrateOrder, type Order } from '../../../src/lib/domain/order/order.ts';
import type { FilingFactsResponse, OrderEventRequest, ProviderResponse } from '../../../src/lib/domain/order/order-wire.ts';
import { validateSubmission } from '../../../src/lib/domain/order/validate-order.ts';
import type { OrderSummary } from '../../../src/lib/domain/workspace/facts-layout.ts';
import { fail, FORBIDDEN, succeed, type Outcome } from '../accounts/outcome.ts';
import type { Logger } from '../log.ts';
import type { OrderRecord, OrderRevisionRecord } from '../storage/records/order-store.ts';
import type { Records } from '../storage/records/records.ts';
import { commitFor, type Move } from './order-transitions.ts';

/** The access provider a server names when `ACCESS_PROVIDER_NAME` is not set. */
export const DEFAULT_ACCESS_PROVIDER = '备案助手示例接入服务';

/** What the service writes to a subject's facts doc (the sync server's FactsWriter). */
export interface OrderFacts {
	writeOrder(subjectId: string, summary: OrderSummary): Promise<void>;
	writeApproved(record: ApprovedRecordData): Promise<void>;
}

export interface OrderServiceOptions {
	readonly records: Records;
	readonly facts: OrderFacts;
	readonly logger: Logger;
	readonly now: () => number;
	/** The access provider operating this server (ORDER-4). */
	readonly provider: string;
}

export interface AcceptedOrder {
	/** True for a new order or a new revision (201), false for a resend of the current one (200). */
	readonly created: boolean;
	readonly order: Order;
	readonly summary: OrderSummary;
}

/** Statuses in which a different body is the next revision (after `edit` for a rejection). */
const OPEN_FOR_REVISION = new Set(['draft', 'provider-rejected', 'administration-rejected']);

const orderOf = (revision: OrderRevisionRecord): Order => JSON.parse(revision.body) as Order;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class OrderService {
	#o: OrderServiceOptions;
	#queues = new Map<string, Promise<unknown>>();
	/** The approved record last written to each subject's facts doc (JSON), so a read publishes a seeded or changed record once. */
	#published = new Map<string, string>();

	constructor(options: OrderServiceOptions) {
		this.#o = options;
	}

	provider(): ProviderResponse {
		return { name: this.#o.provider, serviceCodePattern: SERVICE_CODE_PATTERN.source };
	}

	/** Runs `work` after every earlier write of the subject has finished. */
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

	async #member(accountId: string, subjectId: string, write: boolean): Promise<Outcome<true>> {
		const role = await this.#o.records.memberships.roleOf(accountId, subjectId);
		if (role === null || (write && role === 'viewer')) return { ok: false, failure: FORBIDDEN };
		return succeed(true);
	}

	async list(accountId: string, subjectId: string): Promise<Outcome<OrderSummary[]>> {
		const member = await this.#member(accountId, subjectId, false);
		if (!member.ok) return member;
		await this.#publishApproved(await this.#o.records.approved.get(subjectId));
		return succeed(await this.#o.records.orders.list(subjectId));
	}

	async get(accountId: string, subjectId: string, orderId: string): Promise<Outcome<{ order: Order; summary: OrderSummary }>> {
		const member = await this.#member(accountId, subjectId, false);
		if (!member.ok) return member;
		const record = await this.#o.records.orders.get(subjectId, orderId);
		return record ? succeed({ order: orderOf(record.current), summary: record.summary }) : fail(404, 'not-found', 'No such order');
	}

	async approved(accountId: string, subjectId: string): Promise<Outcome<ApprovedRecordData | null>> {
		const member = await this.#member(accountId, subjectId, false);
		if (!member.ok) return member;
		const record = await this.#o.records.approved.get(subjectId);
		await this.#publishApproved(record);
		return succeed(record);
	}

	async filingFacts(accountId: string, subjectId: string, domain: string | null): Promise<Outcome<FilingFactsResponse>> {
		const member = await this.#member(accountId, subjectId, false);
		if (!member.ok) return member;
		const subjectHere = (await this.#o.records.approved.get(subjectId)) !== null;
		if (domain === null) return succeed({ subjectHere, domain: null });
		const holders = await this.#o.records.approved.subjectsWithDomain(domain);
		return succeed({ subjectHere, domain: { name: domain.trim().toLowerCase(), filedHere: holders.length > 0, bySubject: holders.includes(subjectId) } });
	}

	/** Stores an approved record and publishes it in the facts doc (the review desk; tests; the admin seed). */
	async putApproved(record: ApprovedRecordData): Promise<void> {
		await this.#o.records.approved.put(record, this.#o.now());
		await this.#publishApproved(record);
	}

	/** Writes the approved record into the facts doc unless this process already wrote this very record. */
	async #publishApproved(record: ApprovedRecordData | null): Promise<void> {
		if (!record) return;
		const json = JSON.stringify(record);
		if (this.#published.get(record.subjectId) === json) return;
		await this.#o.facts.writeApproved(record).then(
			() => void this.#published.set(record.subjectId, json),
			(error: unknown) => this.#o.logger.log('error', 'writing approved facts failed', { subjectId: record.subjectId, error: String(error) })
		);
	}

	/** `PUT /api/subjects/:subjectId/orders/:orderId`. */
	async put(accountId: string, subjectId: string, orderId: string, raw: Record<string, unknown>): Promise<Outcome<AcceptedOrder>> {
		const member = await this.#member(accountId, subjectId, true);
		if (!member.ok) return member;
		if (raw.id !== orderId) return fail(400, 'invalid-input', 'order.id must be the order id of the path');
		if (isAccountKind(raw.kind)) return fail(422, 'kind-not-an-order', `${String(raw.kind)} is an account request, not an order`);
		const parsed = migrateOrder(raw);
		if (!parsed.ok) return fail(422, 'order-invalid', 'The order does not match its schema', { issues: parsed.issues });
		const order = parsed.value;
		const body = JSON.stringify(order);
		const hash = sha256(body);
		return this.#serial(subjectId, async () => {
			const existing = await this.#o.records.orders.get(subjectId, orderId);
			const same = existing?.current.hash === hash;
			if (existing && same && existing.summary.status !== 'draft') return succeed({ created: false, order: orderOf(existing.current), summary: existing.summary });
			if (existing && !same && !OPEN_FOR_REVISION.has(existing.summary.status)) return fail(409, 'order-frozen', `The order is ${existing.summary.status}: it can no longer be changed`);
			const refused = await this.#check(subjectId, order);
			if (refused) return refused;
			const move: Move = { actor: accountId, at: this.#o.now(), why: null };
			const revision: OrderRevisionRecord | undefined = same ? undefined : { subjectId, orderId, revision: (existing?.summary.revision ?? 0) + 1, body, hash, createdAt: move.at, createdBy: accountId };
			const stored = existing ?? this.#newRecord(subjectId, order, move.at, revision as OrderRevisionRecord);
			const events: OrderEvent[] = existing && existing.summary.status !== 'draft' ? [{ type: 'edit' }, { type: 'submit' }] : [{ type: 'submit' }];
			const next = commitFor(stored, events, { ...move, why: revision && revision.revision > 1 ? `revision ${revision.revision}` : null }, revision);
			if (!next.ok) return fail(409, 'transition-not-allowed', 'The lifecycle does not allow sending now', { issues: next.issues });
			const commit = existing ? next.commit : { ...next.commit, expected: null, exclusiveOf: IN_FLIGHT_STATUSES };
			const outcome = await this.#o.records.orders.commit({ ...commit, exclusiveOf: IN_FLIGHT_STATUSES });
			if (outcome.outcome === 'in-flight') return fail(409, 'order-in-flight', 'Another order of this subject is in flight', { orderId: outcome.orderId });
			if (outcome.outcome === 'conflict') return fail(409, 'order-frozen', 'The order changed meanwhile; fetch it and try again');
			await this.#publish(subjectId, next.commit.summary);
			return succeed({ created: revision !== undefined, order, summary: next.commit.summary });
		});
	}

	/** `POST …/orders/:orderId/events`: the applicant's moves (withdraw, abandon, reopen, edit). */
	async event(accountId: string, subjectId: string, orderId: string, request: OrderEventRequest): Promise<Outcome<OrderSummary>> {
		const member = await this.#member(accountId, subjectId, true);
		if (!member.ok) return member;
		return this.#serial(subjectId, () => this.applyEvent(subjectId, orderId, { type: request.type }, { actor: accountId, at: this.#o.now(), why: request.reason ?? null }));
	}

	/** Applies one lifecycle event to a stored order (the applicant's, or later the review desk's). */
	async applyEvent(subjectId: string, orderId: string, event: OrderEvent, move: Move): Promise<Outcome<OrderSummary>> {
		const record = await this.#o.records.orders.get(subjectId, orderId);
		if (!record) return fail(404, 'not-found', 'No such order');
		const next = commitFor(record, [event], move);
		if (!next.ok) return fail(409, 'transition-not-allowed', `${event.type} is not allowed while the order is ${record.summary.status}`, { issues: next.issues });
		const outcome = await this.#o.records.orders.commit(next.commit);
		if (outcome.outcome === 'in-flight') return fail(409, 'order-in-flight', 'Another order of this subject is in flight', { orderId: outcome.orderId });
		if (outcome.outcome === 'conflict') return fail(409, 'transition-not-allowed', 'The order changed meanwhile; fetch it and try again');
		await this.#publish(subjectId, next.commit.summary);
		return succeed(next.commit.summary);
	}

	/** The server's checks of a sent order: in flight, the rules (with the approved record), the documents. */
	async #check(subjectId: string, order: Order): Promise<Outcome<never> | null> {
		const { records } = this.#o;
		const other = (await records.orders.list(subjectId)).find((o) => o.id !== order.id && IN_FLIGHT_STATUSES.includes(o.status));
		if (other) return fail(409, 'order-in-flight', 'Another order of this subject is in flight', { orderId: other.id });
		const subject = await records.subjects.byId(subjectId);
		const approved = await records.approved.get(subjectId);
		await this.#publishApproved(approved);
		const result = validateSubmission(order, {
			today: chinaToday(this.#o.now()),
			accessProvider: this.#o.provider,
			...(subject ? { accountSubject: { certificateType: subject.certificateType, certificateNumber: subject.certificateNumber } } : {}),
			...(approved ? { approved: approvedContext(approved) } : {})
		});
		if (!result.ok) return fail(422, 'order-invalid', 'The order breaks the filing rules', { issues: result.issues });
		const hashes = [...new Set(order.documents.map((d) => d.sha256))];
		const held = await Promise.all(hashes.map((h) => records.files.subjectHoldsBlob(subjectId, h)));
		const missing = hashes.filter((_, i) => !held[i]);
		return missing.length > 0 ? fail(422, 'document-missing', 'Some documents have not been uploaded to this subject', { hashes: missing }) : null;
	}

	#newRecord(subjectId: string, order: Order, at: number, revision: OrderRevisionRecord): OrderRecord {
		const when = new Date(at).toISOString();
		const state = newOrderState({ isCancellation: isCancelKind(order.kind) });
		const summary: OrderSummary = { id: order.id, kind: order.kind, revision: revision.revision, ...state, created: order.created, submittedAt: when, updatedAt: when, history: [] };
		return { subjectId, orderId: order.id, summary, current: revision };
	}

	async #publish(subjectId: string, summary: OrderSummary): Promise<void> {
		await this.#o.facts.writeOrder(subjectId, summary).catch((error: unknown) => this.#o.logger.log('error', 'writing order facts failed', { subjectId, orderId: summary.id, error: String(error) }));
	}
}
