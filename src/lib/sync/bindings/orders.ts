/**
 * The orders binding: order drafts in the `orders` map, each naming its operation and the
 * websites and documents of this doc it refers to. Sending freezes a draft into an Order
 * (OrderSchema) built from the subject and websites it references.
 */
import type * as Y from 'yjs';
import type { OperationKind } from '../../domain/operation/operation-kind.ts';
import type { Issue } from '../../domain/result.ts';
import { OrderDraftSchema, type OrderDraft } from '../../domain/workspace/drafts.ts';
import { ORDER_FIELDS, fieldPath, type OrderFieldKey } from '../../domain/workspace/layout.ts';
import { createRecord, ensureRecordLayout, recordMap, recordsMap } from '../doc-layout.ts';
import { dataIssue, writeText, writeValue } from './fields.ts';
import { newRecordId, readRecords } from './records.ts';
import type { BindingRead } from './subject.ts';

type Fields = typeof ORDER_FIELDS;
export type OrderTextField = { [K in OrderFieldKey]: Fields[K]['kind'] extends 'text' ? K : never }[OrderFieldKey];
export type OrderValueField = Exclude<OrderFieldKey, OrderTextField>;

/** Every order draft of the doc, by id. Never throws. */
export function readOrders(doc: Y.Doc): BindingRead<OrderDraft[]> {
	const { records, issues } = readRecords(doc, 'orders');
	const value: OrderDraft[] = [];
	for (const record of records) {
		const parsed = OrderDraftSchema.safeParse(record);
		if (parsed.success) value.push(parsed.data);
		else issues.push(dataIssue(['orders', String(record.id)], record));
	}
	return { value, issues };
}

/** Starts an order draft for `kind` about `websiteIds`; returns its id. */
export function addOrderDraft(doc: Y.Doc, input: { kind: OperationKind; websiteIds: readonly string[]; created: string }, id: string = newRecordId()): string {
	createRecord(doc, 'orders', id, {
		kind: input.kind,
		created: input.created,
		websiteIds: [...input.websiteIds],
		targetWebsiteIds: [],
		documents: [],
		acknowledgedWarnings: []
	});
	return id;
}

export function removeOrderDraft(doc: Y.Doc, id: string): void {
	recordsMap(doc, 'orders').delete(id);
}

/** Sets one plain field of an order draft (checked by its schema); `undefined` clears it. */
export function setOrderValue(doc: Y.Doc, id: string, field: OrderValueField, value: unknown): Issue[] {
	const order = recordMap(doc, 'orders', id);
	return order ? writeValue(order, field, ORDER_FIELDS[field], value, ['orders', id, ...fieldPath(field)]) : [];
}

/** Replaces an order draft's text (the cancellation reason's free text), bounded first. */
export function setOrderText(doc: Y.Doc, id: string, field: OrderTextField, text: string): Issue[] {
	ensureRecordLayout(doc, 'orders', id);
	const order = recordMap(doc, 'orders', id);
	return order ? writeText(order, field, ORDER_FIELDS[field], text, ['orders', id, ...fieldPath(field)]) : [];
}

/** The Y.Map a subscriber observes (deeply) for changes to the order drafts. */
export function ordersSource(doc: Y.Doc): Y.Map<unknown> {
	return recordsMap(doc, 'orders');
}
