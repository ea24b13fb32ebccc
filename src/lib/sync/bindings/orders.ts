/**
 * The orders binding: order drafts in the `orders` map, each naming its operation and the
 * websites and documents of this doc it refers to. Sending freezes a draft into an Order
 * (OrderSchema) built from the subject and websites it references.
 */
import type * as Y from 'yjs';
import type { OperationKind } from '../../domain/operation/operation-kind.ts';
import type { Issue } from '../../domain/result.ts';
import { OrderDraftSchema, type OrderDraft } from '../../domain/workspace/drafts.ts';
import { ORDER_FIELDS, type OrderFieldKey } from '../../domain/workspace/layout.ts';
import { createRecord, recordMap, recordsMap } from '../doc-layout.ts';
import { dataIssue, writeValue } from './fields.ts';
import { newRecordId, readRecords } from './records.ts';
import type { BindingRead } from './subject.ts';

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
		documents: []
	});
	return id;
}

export function removeOrderDraft(doc: Y.Doc, id: string): void {
	recordsMap(doc, 'orders').delete(id);
}

/** Sets one field of an order draft (checked by its schema). */
export function setOrderValue(doc: Y.Doc, id: string, field: OrderFieldKey, value: unknown): Issue[] {
	const order = recordMap(doc, 'orders', id);
	return order ? writeValue(order, field, ORDER_FIELDS[field], value, ['orders', id, field]) : [];
}

/** The Y.Map a subscriber observes (deeply) for changes to the order drafts. */
export function ordersSource(doc: Y.Doc): Y.Map<unknown> {
	return recordsMap(doc, 'orders');
}
