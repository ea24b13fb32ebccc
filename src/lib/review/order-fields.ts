/**
 * The order's fields as the reviewer reads them: flattened to `path → text` per group (the
 * subject, each website), the paths a rejection reason can point at, and the differences
 * against the approved record for change orders. Pure.
 */
import type { ApprovedRecordData } from '../domain/operation/approved-record.ts';
import type { Order } from '../domain/order/order.ts';

export type FieldPath = (string | number)[];
export interface FieldRow {
	readonly path: FieldPath;
	readonly text: string;
}

/** Every leaf of `value` below `prefix`, arrays of scalars joined. */
export function flatten(value: unknown, prefix: FieldPath): FieldRow[] {
	if (value === null || value === undefined) return [];
	if (Array.isArray(value)) {
		if (value.every((v) => typeof v !== 'object' || v === null)) return [{ path: prefix, text: value.join(', ') }];
		return value.flatMap((v, i) => flatten(v, [...prefix, i]));
	}
	if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'version' || k === 'id' ? [] : flatten(v, [...prefix, k])));
	return [{ path: prefix, text: String(value) }];
}

export interface FieldGroup {
	readonly key: string;
	readonly title: { readonly kind: 'subject' } | { readonly kind: 'website'; readonly n: number; readonly name: string };
	readonly rows: FieldRow[];
}

/** The subject's fields, then each website's, as the applicant filled them in. */
export function fieldGroups(order: Order): FieldGroup[] {
	return [
		{ key: 'subject', title: { kind: 'subject' }, rows: flatten(order.subject, ['subject']) },
		...order.websites.map((site, i) => ({ key: `website-${site.id}`, title: { kind: 'website' as const, n: i + 1, name: site.name }, rows: flatten(site, ['websites', i]) }))
	];
}

export const pathKey = (path: readonly (string | number)[]): string => path.join('.');

export interface FieldChange {
	readonly field: string;
	readonly before: string;
	readonly after: string;
}

/** What a change order changes against the approved record (subject, and websites by id). */
export function diffAgainstApproved(order: Order, approved: ApprovedRecordData | null): FieldChange[] {
	if (!approved) return [];
	const pairs: [unknown, unknown, string][] = [[approved.subject, order.subject, 'subject']];
	for (const site of order.websites) pairs.push([approved.websites.find((w) => w.id === site.id) ?? null, site, `websites.${site.id}`]);
	return pairs.flatMap(([before, after, prefix]) => {
		const old = new Map(flatten(before, [prefix]).map((r) => [pathKey(r.path), r.text]));
		const rows = flatten(after, [prefix]);
		const changes = rows.filter((r) => old.get(pathKey(r.path)) !== r.text).map((r) => ({ field: pathKey(r.path), before: old.get(pathKey(r.path)) ?? '', after: r.text }));
		const gone = [...old.keys()].filter((k) => !rows.some((r) => pathKey(r.path) === k)).map((k) => ({ field: k, before: old.get(k) ?? '', after: '' }));
		return [...changes, ...gone];
	});
}
