/**
 * ROOM-6 on a Yjs workspace doc, shared by the server (which drops an update that breaks it) and
 * the app (which refuses an undo that would, before applying or sending it): the same field
 * bounds the app applies before writing (`src/lib/domain/workspace/field-bounds.ts`). It lives
 * in `sync/`, not the domain, because the domain is Yjs-free (STYLE.md); the rules it applies are
 * the domain's. Pure functions:
 * `checkFieldBounds(doc)` lists every field over its bound; `updateBreaksFieldBounds(doc, update)`
 * says whether applying `update` would put a field over its bound that was within it before,
 * without changing `doc` (so the room can drop the update and answer MESSAGE_ERROR
 * `field-bound`; the sender keeps its text).
 */
import * as Y from 'yjs';
import type { Issue } from '../domain/result.ts';
import { textBoundIssues } from '../domain/workspace/field-bounds.ts';
import { AGGREGATE_FIELDS, RECORD_LAYOUTS, WORKSPACE_ROOT, fieldPath, type FieldSpec, type RecordAggregate } from '../domain/workspace/layout.ts';
import { issue } from '../domain/result.ts';

/** Largest JSON of a key the layout does not know (other app versions may add keys). */
export const UNKNOWN_KEY_MAX_JSON = 2048;

function checkMap(map: Y.Map<unknown>, fields: Readonly<Record<string, FieldSpec>>, prefix: readonly (string | number)[], out: Issue[]): void {
	for (const [key, value] of map) {
		const spec = Object.hasOwn(fields, key) ? fields[key] : undefined;
		const path = [...prefix, ...fieldPath(key)];
		if (value instanceof Y.Text) {
			out.push(...textBoundIssues(spec?.kind === 'text' ? spec : { kind: 'text', max: UNKNOWN_KEY_MAX_JSON, multiline: true }, value.toString(), path));
		} else if (!(value instanceof Y.AbstractType)) {
			const max = spec?.kind === 'value' ? spec.maxJson : UNKNOWN_KEY_MAX_JSON;
			const length = JSON.stringify(value ?? null).length;
			if (length > max) out.push(issue('ROOM-6', 'error', { path, params: { max, length } }));
		}
	}
}

/** Every field of the workspace doc that is over its bound (empty when all are within). */
export function checkFieldBounds(doc: Y.Doc): Issue[] {
	const out: Issue[] = [];
	checkMap(doc.getMap(WORKSPACE_ROOT.subject), AGGREGATE_FIELDS.subject, [], out);
	for (const aggregate of Object.keys(RECORD_LAYOUTS) as RecordAggregate[]) {
		for (const [id, record] of doc.getMap(WORKSPACE_ROOT[aggregate])) {
			if (record instanceof Y.Map) checkMap(record, AGGREGATE_FIELDS[aggregate], [aggregate, id], out);
		}
	}
	return out;
}

/** The bound of a Y.Text in the workspace layout (unknown keys get the generic bound). */
function maxOf(text: Y.Text, doc: Y.Doc): number {
	// Type the roots first: a root first seen in an update is untyped until getMap (which re-points its items' parent).
	const subject = doc.getMap(WORKSPACE_ROOT.subject);
	const records = (Object.keys(RECORD_LAYOUTS) as RecordAggregate[]).map((aggregate) => [aggregate, doc.getMap(WORKSPACE_ROOT[aggregate])] as const);
	const item = text._item;
	const key = item?.parentSub;
	const parent = item?.parent;
	if (!key || !(parent instanceof Y.Map)) return UNKNOWN_KEY_MAX_JSON;
	let fields: Readonly<Record<string, FieldSpec>> | undefined;
	if (parent === subject) fields = AGGREGATE_FIELDS.subject;
	else for (const [aggregate, map] of records) if (parent._item?.parent === map) fields = AGGREGATE_FIELDS[aggregate];
	const spec = fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
	return spec?.kind === 'text' ? spec.max : UNKNOWN_KEY_MAX_JSON;
}

/** The Y.Text an inserted item goes into, when the doc already has its parent or origin; else null. */
function targetOf(doc: Y.Doc, item: Y.Item): Y.Text | null {
	let parent: unknown = item.parent;
	const anchor = item.origin ?? item.rightOrigin;
	if ((parent === null || !(parent instanceof Y.AbstractType)) && anchor) {
		if (anchor.clock >= Y.getState(doc.store, anchor.client)) return null;
		const known = Y.getItem(doc.store, anchor);
		parent = known instanceof Y.Item ? known.parent : null;
	} else if (parent && typeof parent === 'object' && 'client' in parent) {
		const id = parent as Y.ID;
		if (id.clock >= Y.getState(doc.store, id.client)) return null;
		const known = Y.getItem(doc.store, id);
		parent = known instanceof Y.Item && known.content instanceof Y.ContentType ? known.content.type : null;
	}
	return parent instanceof Y.Text ? parent : null;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
const STRICT_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff<>]/u;
const SMALLEST_VALUE_JSON = 256;

/**
 * The fast path (a keystroke): each new string goes into a Y.Text the doc knows and fits in that
 * field's remaining room, none holds a character any field refuses, and each new plain value is
 * smaller than any value bound.
 */
function withinSlack(doc: Y.Doc, structs: readonly (Y.Item | Y.GC | Y.Skip)[]): boolean {
	const inserted = new Map<Y.Text, number>();
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		const content = s.content;
		if (content instanceof Y.ContentDeleted || content instanceof Y.ContentType) continue;
		if (content instanceof Y.ContentString) {
			if (STRICT_FORBIDDEN.test(content.str)) return false;
			const target = targetOf(doc, s);
			if (!target) return false;
			inserted.set(target, (inserted.get(target) ?? 0) + content.str.length);
		} else if (content instanceof Y.ContentAny) {
			if (JSON.stringify(content.arr).length > SMALLEST_VALUE_JSON) return false;
		} else return false;
	}
	for (const [text, count] of inserted) if (text.length + count > maxOf(text, doc)) return false;
	return true;
}

const keyOf = (i: Issue) => `${i.rule}|${i.path.join('.')}`;

/** Visible characters of `text` that `client` wrote. */
function ownVisible(text: Y.Text, client: number): number {
	let count = 0;
	for (let item = text._start; item; item = item.right) if (!item.deleted && item.countable && item.id.client === client) count += item.length;
	return count;
}

/** Every text field of a workspace doc with its bound. */
function textFields(doc: Y.Doc): { text: Y.Text; max: number; path: string }[] {
	const out: { text: Y.Text; max: number; path: string }[] = [];
	const visit = (map: Y.Map<unknown>, fields: Readonly<Record<string, FieldSpec>>, prefix: string) => {
		for (const [key, value] of map) {
			if (!(value instanceof Y.Text)) continue;
			const spec = Object.hasOwn(fields, key) ? fields[key] : undefined;
			out.push({ text: value, max: spec?.kind === 'text' ? spec.max : UNKNOWN_KEY_MAX_JSON, path: prefix + key });
		}
	};
	visit(doc.getMap(WORKSPACE_ROOT.subject), AGGREGATE_FIELDS.subject, '');
	for (const aggregate of Object.keys(RECORD_LAYOUTS) as RecordAggregate[]) {
		for (const [id, record] of doc.getMap(WORKSPACE_ROOT[aggregate])) if (record instanceof Y.Map) visit(record, AGGREGATE_FIELDS[aggregate], `${aggregate}.${id}.`);
	}
	return out;
}

/**
 * Whether applying `update` to `doc` would break a bound. Characters and plain values are
 * checked on the state after the update (an issue that was not there before breaks it). Length
 * is the merge-safe rule: concurrent honest edits may together pass a field's maximum (each
 * device kept within it in its own view, and the app's live TEXT-3 then asks to shorten), so an
 * update breaks a length bound only when, in a field over its maximum, a client writing in this
 * update has more visible characters of its own than the maximum — which no device that applies
 * the bound before writing ever has. Builds the state after the update on a copy (one encode +
 * apply of the doc), only when the fast path cannot decide.
 */
export function updateBreaksFieldBounds(doc: Y.Doc, update: Uint8Array): boolean {
	const { structs } = Y.decodeUpdate(update);
	if (withinSlack(doc, structs)) return false;
	const writers = new Set(structs.filter((s) => s instanceof Y.Item && s.content instanceof Y.ContentString).map((s) => s.id.client));
	const after = new Y.Doc({ gc: false });
	Y.applyUpdate(after, Y.encodeStateAsUpdate(doc));
	Y.applyUpdate(after, update);
	try {
		return changeBreaksFieldBounds(doc, after, writers);
	} finally {
		after.destroy();
	}
}

/**
 * The rule of {@link updateBreaksFieldBounds} on two states of one workspace: whether `after`
 * has a bound issue `before` did not, or a field over its maximum where one of `writers` has
 * more visible characters of its own than the maximum. The app's undo guard checks a step tried
 * on a copy with it.
 */
export function changeBreaksFieldBounds(before: Y.Doc, after: Y.Doc, writers: ReadonlySet<number>): boolean {
	const known = new Set(checkFieldBounds(before).filter((i) => i.rule !== 'TEXT-3').map(keyOf));
	if (checkFieldBounds(after).some((i) => i.rule !== 'TEXT-3' && !known.has(keyOf(i)))) return true;
	return textFields(after).some(({ text, max }) => text.length > max && [...writers].some((client) => ownVisible(text, client) > max));
}
