/**
 * ROOM-5: client ids reserved for layout items. Root templates are built with fixed client ids
 * (1, 2, …) and record layout versions with derived ids (≥ 2^32), so that every device makes
 * identical items and `ensureLayout` can tell a template is present from the state vector. A
 * hostile peer writing other content as such an id could make every device skip a template; the
 * room refuses any update whose structs for a reserved id are not exactly the layout's own items
 * (or those items deleted / garbage-collected — any editor may delete a field). Pure: reads the
 * room's doc, changes nothing.
 */
import * as Y from 'yjs';
import {
	LAYOUT_TEMPLATES,
	RECORD_LAYOUTS,
	WORKSPACE_ROOT,
	isReservedClientId,
	recordLayoutClientId,
	type LayoutTemplate,
	type RecordAggregate
} from '../../../src/lib/domain/workspace/layout.ts';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
type Layouts = Readonly<Record<RecordAggregate, readonly { version: number; texts: readonly string[] }[]>>;

/** The template's items as every device builds them (the same recipe as src/lib/sync/doc-layout.ts). */
function templateStructs(template: LayoutTemplate): Map<number, Struct> {
	const scratch = new Y.Doc();
	scratch.clientID = template.clientId;
	const map = scratch.getMap(template.root);
	scratch.transact(() => {
		for (const key of template.texts) map.set(key, new Y.Text());
	});
	const structs = new Map(Y.decodeUpdate(Y.encodeStateAsUpdate(scratch)).structs.map((s) => [s.id.clock, s]));
	scratch.destroy();
	return structs;
}

const TEMPLATES = new Map<number, Map<number, Struct>>(LAYOUT_TEMPLATES.map((t) => [t.clientId, templateStructs(t)]));

const sameId = (a: Y.ID | null, b: Y.ID | null) => (a === null || b === null ? a === b : a.client === b.client && a.clock === b.clock);
const sameParent = (a: unknown, b: unknown) => (typeof a === 'string' || typeof b === 'string' || a === null || b === null ? a === b : sameId(a as Y.ID, b as Y.ID));

function isDeleted(struct: Struct): boolean {
	return struct instanceof Y.GC || (struct instanceof Y.Item && struct.content instanceof Y.ContentDeleted);
}

function isTextItem(struct: Struct): struct is Y.Item {
	return struct instanceof Y.Item && struct.content instanceof Y.ContentType && struct.content.type instanceof Y.Text;
}

function templateAllows(expected: Map<number, Struct>, struct: Struct): boolean {
	const end = Math.max(...[...expected.values()].map((s) => s.id.clock + s.length));
	if (struct.id.clock + struct.length > end) return false;
	if (isDeleted(struct)) return true;
	const own = expected.get(struct.id.clock);
	if (!own || !(own instanceof Y.Item) || !(struct instanceof Y.Item) || !isTextItem(struct)) return false;
	return struct.length === own.length && struct.parentSub === own.parentSub && sameParent(struct.parent, own.parent) && sameId(struct.origin, own.origin) && sameId(struct.rightOrigin, own.rightOrigin);
}

/** The records (by item id of their Y.Map) in the doc and in the update itself. */
function recordItems(doc: Y.Doc, structs: readonly Struct[]): { aggregate: RecordAggregate; id: string; item: Y.ID }[] {
	const found: { aggregate: RecordAggregate; id: string; item: Y.ID }[] = [];
	for (const aggregate of Object.keys(RECORD_LAYOUTS) as RecordAggregate[]) {
		for (const [id, value] of doc.getMap(WORKSPACE_ROOT[aggregate])) if (value instanceof Y.Map && value._item) found.push({ aggregate, id, item: value._item.id });
		for (const s of structs) {
			if (s instanceof Y.Item && (s.parent as unknown) === WORKSPACE_ROOT[aggregate] && typeof s.parentSub === 'string' && s.content instanceof Y.ContentType) found.push({ aggregate, id: s.parentSub, item: s.id });
		}
	}
	return found;
}

function recordLayoutAllows(doc: Y.Doc, structs: readonly Struct[], struct: Struct, layouts: Layouts): boolean {
	if (isDeleted(struct)) return true;
	if (!isTextItem(struct) || struct.length !== 1 || typeof struct.parentSub !== 'string' || struct.origin !== null) return false;
	const parent = struct.parent;
	if (parent === null || typeof parent === 'string' || !('client' in (parent as object))) return false;
	for (const record of recordItems(doc, structs)) {
		if (!sameId(record.item, parent as Y.ID)) continue;
		for (const layout of layouts[record.aggregate]) {
			if (layout.version <= 1 || recordLayoutClientId(record.aggregate, record.id, layout.version) !== struct.id.client) continue;
			const index = layout.texts.indexOf(struct.parentSub);
			return index >= 0 && index === struct.id.clock;
		}
	}
	return false;
}

/**
 * Whether `update` may be applied to `doc` as far as reserved client ids go (ROOM-5). Throws for
 * malformed bytes, like Y.applyUpdate would.
 */
export function usesReservedClientsOnlyForLayout(doc: Y.Doc, update: Uint8Array, layouts: Layouts = RECORD_LAYOUTS): boolean {
	const meta = Y.parseUpdateMeta(update);
	if (![...meta.to.keys()].some(isReservedClientId)) return true;
	const { structs } = Y.decodeUpdate(update);
	for (const struct of structs) {
		const client = struct.id.client;
		if (!isReservedClientId(client) || struct instanceof Y.Skip) continue;
		const template = TEMPLATES.get(client);
		const allowed = template ? templateAllows(template, struct) : recordLayoutAllows(doc, structs, struct, layouts);
		if (!allowed) return false;
	}
	return true;
}
