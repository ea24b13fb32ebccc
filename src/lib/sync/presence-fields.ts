/**
 * Where a person is, in terms both the form and the workspace doc understand (PRES-6, PRES-7):
 * the field path presence carries (`subject.leader.name`, `websites.<id>.access.region`), the
 * form element that shows it, the Y.Text behind a free-text field with a selection encoded as
 * Yjs relative positions (so a caret stays on its character while others type), and who wrote a
 * choice's current value.
 *
 * Element ids and field paths map to each other in `domain/presence/field-paths.ts`.
 */
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { PresenceSelection } from '../domain/presence/presence.ts';
import { WORKSPACE_ROOT } from '../domain/workspace/layout.ts';
import { recordMap } from './doc-layout.ts';

/** The Y.Map and key holding a field path's value, or null. */
function locate(doc: Y.Doc, path: string): { map: Y.Map<unknown>; key: string } | null {
	const parts = path.split('.');
	if (parts[0] === 'subject' && parts.length > 1) return { map: doc.getMap(WORKSPACE_ROOT.subject), key: parts.slice(1).join('.') };
	if (parts[0] === 'websites' && parts.length > 2) {
		const map = recordMap(doc, 'websites', parts[1] ?? '');
		return map ? { map, key: parts.slice(2).join('.') } : null;
	}
	return null;
}

/** The Y.Text of a free-text field, or null (a choice, a list, no such record). */
export function textOfFieldPath(doc: Y.Doc, path: string): Y.Text | null {
	const found = locate(doc, path);
	const value = found?.map.get(found.key);
	return value instanceof Y.Text ? value : null;
}

/** A selection (`anchor`, `head` as character indices) in `text`, as relative positions; a caret (nothing selected) as its anchor alone. */
export function encodeSelection(text: Y.Text, anchor: number, head: number): PresenceSelection {
	const length = text.length;
	const clamp = (index: number) => Math.max(0, Math.min(index, length));
	const at = (index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)));
	return clamp(anchor) === clamp(head) ? { anchor: at(clamp(anchor)) } : { anchor: at(clamp(anchor)), head: at(clamp(head)) };
}

/** The character indices a received selection points at now, or null when it is not in `text`. */
export function decodeSelection(doc: Y.Doc, text: Y.Text, selection: PresenceSelection): { anchor: number; head: number } | null {
	const index = (encoded: string): number | null => {
		try {
			const absolute = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(encoded)), doc);
			return absolute && absolute.type === text ? absolute.index : null;
		} catch {
			return null;
		}
	};
	const anchor = index(selection.anchor);
	const head = selection.head === undefined ? anchor : index(selection.head);
	return anchor === null || head === null ? null : { anchor, head };
}

/** The Yjs client id that wrote a plain field's current value, or null (unset, a Y.Text, no record). */
export function authorOfValue(doc: Y.Doc, path: string): number | null {
	const found = locate(doc, path);
	if (!found) return null;
	// Y.Map keeps the item that holds each key's current value; its id names the writing client.
	const item = (found.map as unknown as { _map: Map<string, { id: { client: number }; deleted: boolean }> })._map.get(found.key);
	return item && !item.deleted ? item.id.client : null;
}

/** The field path of a change to key `key` of the Y.Map `target`, when it is a workspace field. */
export function fieldPathOfChange(doc: Y.Doc, target: Y.AbstractType<unknown>, key: string): string | null {
	if (target === doc.getMap(WORKSPACE_ROOT.subject)) return `subject.${key}`;
	const parent = target.parent;
	const id = target._item?.parentSub;
	if (parent === doc.getMap(WORKSPACE_ROOT.websites) && typeof id === 'string') return `websites.${id}.${key}`;
	return null;
}
