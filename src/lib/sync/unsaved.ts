/**
 * Which fields of a workspace doc hold edits the server has not saved: an edit is a Yjs item,
 * saved when the durable state (or what the server delivered on this connection) reaches its
 * last clock (`persisted.ts`). A field is a key of the subject map or of a website, order or
 * attachment record; a field with a Y.Text is unsaved while any of its characters is —
 * characters typed and deleted again included, since their insertion still has to reach the
 * server. Deletions alone create no item, and the state vector the server acknowledges does
 * not speak of them, so they count as saved like everywhere else in the app.
 *
 * The task list asks per task (`SyncScope`); the badge asks for the whole doc.
 */
import * as Y from 'yjs';
import { ROOT } from './doc-layout.ts';

export type SyncScope =
	| { kind: 'all' }
	| { kind: 'subject' }
	/** A website's own fields (`site`) or its access information (`access.*`). */
	| { kind: 'website'; id: string; part: 'site' | 'access' }
	/** The document references: the attachments map and the order's `documents`. */
	| { kind: 'documents'; orderId: string }
	| { kind: 'order'; orderId: string };

type Clocks = ReadonlyMap<number, number>;

function itemUnsaved(item: Y.Item, saved: Clocks): boolean {
	return (saved.get(item.id.client) ?? 0) < item.id.clock + item.length;
}

/** Whether the item, or anything inside the type it holds, is unsaved. */
function unsavedDeep(item: Y.Item, saved: Clocks): boolean {
	if (itemUnsaved(item, saved)) return true;
	return item.content instanceof Y.ContentType ? typeUnsaved(item.content.type, saved) : false;
}

function typeUnsaved(type: Y.AbstractType<unknown>, saved: Clocks): boolean {
	for (let item = type._start; item !== null; item = item.right) if (unsavedDeep(item, saved)) return true;
	for (const item of type._map.values()) if (unsavedDeep(item, saved)) return true;
	return false;
}

/** Unsaved fields of one record map (its keys, filtered), the record's own entry counting once when no field does. */
function recordFields(entry: Y.Item | undefined, saved: Clocks, keep: (key: string) => boolean = () => true): number {
	if (!entry) return 0;
	const record = entry.content instanceof Y.ContentType ? entry.content.type : null;
	let count = 0;
	if (record) for (const [key, item] of record._map) if (keep(key) && unsavedDeep(item, saved)) count += 1;
	return count === 0 && itemUnsaved(entry, saved) ? 1 : count;
}

function mapFields(map: Y.Map<unknown>, saved: Clocks, keep: (key: string) => boolean = () => true): number {
	let count = 0;
	for (const [key, item] of map._map) if (keep(key) && unsavedDeep(item, saved)) count += 1;
	return count;
}

function recordsFields(map: Y.Map<unknown>, saved: Clocks): number {
	let count = 0;
	for (const entry of map._map.values()) count += recordFields(entry, saved);
	return count;
}

const isAccess = (key: string) => key.startsWith('access.');

/** How many fields in `scope` hold edits not saved on the server (`saved`: per client, the clock saved up to). */
export function unsavedFields(doc: Y.Doc, scope: SyncScope, saved: Clocks): number {
	const records = (root: string) => doc.getMap(root);
	switch (scope.kind) {
		case 'all':
			return mapFields(records(ROOT.subject), saved) + recordsFields(records(ROOT.websites), saved) + recordsFields(records(ROOT.orders), saved) + mapFields(records(ROOT.attachments), saved);
		case 'subject':
			return mapFields(records(ROOT.subject), saved);
		case 'website':
			return recordFields(records(ROOT.websites)._map.get(scope.id), saved, scope.part === 'access' ? isAccess : (key) => !isAccess(key));
		case 'documents':
			return mapFields(records(ROOT.attachments), saved) + recordFields(records(ROOT.orders)._map.get(scope.orderId), saved, (key) => key === 'documents');
		case 'order':
			return recordFields(records(ROOT.orders)._map.get(scope.orderId), saved);
	}
}
