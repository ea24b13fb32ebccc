/**
 * Reading and writing one aggregate's Y.Map by its layout field table. Reads never throw: a value
 * of the wrong type (a plain string where a Y.Text belongs, a choice outside its list) reads as
 * empty and becomes a DATA-3 issue on that field. Writes apply the field's bounds first
 * (`boundText`), so an honest client never sends an update the room refuses.
 */
import * as Y from 'yjs';
import { issue, type Issue } from '../../domain/result.ts';
import { boundText } from '../../domain/workspace/field-bounds.ts';
import { LIST_FIELDS } from '../../domain/workspace/drafts.ts';
import { fieldPath, type FieldSpec, type TextFieldSpec, type ValueFieldSpec } from '../../domain/workspace/layout.ts';
import { spliceBetween } from '../text-diff.ts';

/** The kind of a stored value, for DATA-3's message. */
function kindOf(value: unknown): string {
	if (value instanceof Y.Text) return 'text';
	if (value instanceof Y.AbstractType) return 'shared-type';
	if (Array.isArray(value)) return 'list';
	return value === null ? 'null' : typeof value;
}

export function dataIssue(path: readonly (string | number)[], found: unknown): Issue {
	return issue('DATA-3', 'error', { path, params: { found: kindOf(found) } });
}

/** Reads every field of `map` into a nested object (`leader.name` → `{ leader: { name } }`). */
export function readFields(map: Y.Map<unknown>, fields: Readonly<Record<string, FieldSpec>>, prefix: readonly (string | number)[]): { value: Record<string, unknown>; issues: Issue[] } {
	const value: Record<string, unknown> = {};
	const issues: Issue[] = [];
	for (const [key, spec] of Object.entries(fields)) {
		const stored = map.get(key);
		const path = [...prefix, ...fieldPath(key)];
		let read: unknown;
		if (spec.kind === 'text') {
			if (stored instanceof Y.Text) read = stored.toString();
			else {
				read = '';
				if (stored !== undefined) issues.push(dataIssue(path, stored));
			}
		} else if (stored !== undefined) {
			const parsed = spec.schema.safeParse(stored);
			if (parsed.success) read = parsed.data;
			else issues.push(dataIssue(path, stored));
		}
		if (read === undefined && LIST_FIELDS.has(key)) read = [];
		setPath(value, fieldPath(key), read);
	}
	return { value, issues };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
	let node = target;
	for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
	const last = path[path.length - 1];
	if (last !== undefined && value !== undefined) node[last] = value;
}

/**
 * Replaces the text of `key` with `input` (bounded), as one minimal splice that keeps others'
 * concurrent edits. A wrong-typed value is replaced by a new Y.Text: the person's typing repairs
 * the field. Returns what the bounds refused (empty when everything was kept).
 */
export function writeText(map: Y.Map<unknown>, key: string, spec: TextFieldSpec, input: string, path: readonly (string | number)[]): Issue[] {
	const bounded = boundText(spec, input, path);
	const doc = map.doc;
	const apply = () => {
		const current = map.get(key);
		if (!(current instanceof Y.Text)) {
			map.set(key, new Y.Text(bounded.text));
			return;
		}
		const splice = spliceBetween(current.toString(), bounded.text);
		if (!splice) return;
		if (splice.remove > 0) current.delete(splice.index, splice.remove);
		if (splice.insert) current.insert(splice.index, splice.insert);
	};
	if (doc) doc.transact(apply);
	else apply();
	return bounded.issues;
}

/** Sets a plain value after checking it with the field's schema; `undefined` clears it. */
export function writeValue(map: Y.Map<unknown>, key: string, spec: ValueFieldSpec, value: unknown, path: readonly (string | number)[]): Issue[] {
	if (value === undefined) {
		map.delete(key);
		return [];
	}
	const parsed = spec.schema.safeParse(value);
	if (!parsed.success || JSON.stringify(parsed.data).length > spec.maxJson) return [issue('DATA-1', 'error', { path, params: { code: 'invalid-value' } })];
	if (JSON.stringify(map.get(key)) !== JSON.stringify(parsed.data)) map.set(key, parsed.data);
	return [];
}
