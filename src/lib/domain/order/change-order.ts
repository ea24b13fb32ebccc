/**
 * Change and cancel orders started from the approved record (issue 10): the fields a change form
 * offers per kind, their values read from the record, the edited values applied to a copy of it,
 * and the frozen order built from that — a change sends the whole edited subject or website (the
 * server re-checks it against the record), a cancellation the record's data and the reason.
 * Pure; the record is never modified.
 */
import type { CancelKind, ChangeKind } from '../operation/operation-kind.ts';
import type { Subject } from '../subject/subject.ts';
import type { Website } from '../website/website.ts';

/** The editable fields of each change kind, as keys of the subject or website (nested with `.`). */
export const CHANGE_FIELDS = {
	'change-subject': ['correspondenceAddress.detail', 'leader.mobile', 'leader.emergencyPhone', 'leader.email'],
	'change-website': ['name', 'homepageUrl', 'remarks'],
	'change-access': ['access.serviceCode', 'access.ips', 'access.region']
} as const satisfies Record<ChangeKind, readonly string[]>;

export type ChangeField = (typeof CHANGE_FIELDS)[ChangeKind][number];

/** List fields: one value per line in the form. */
const LIST_FIELDS = new Set<string>(['access.ips']);

export interface RecordParts {
	readonly subject: Subject;
	readonly websites: readonly Website[];
}

function get(value: unknown, key: string): unknown {
	return key.split('.').reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), value);
}

function set<T>(value: T, key: string, next: unknown): T {
	const [head, ...rest] = key.split('.');
	if (head === undefined) return value;
	const copy = { ...(value as Record<string, unknown>) };
	copy[head] = rest.length === 0 ? next : set(copy[head] ?? {}, rest.join('.'), next);
	return copy as T;
}

function targetOf(kind: ChangeKind, record: RecordParts, websiteId?: string): unknown {
	return kind === 'change-subject' ? record.subject : record.websites.find((w) => w.id === websiteId);
}

/** The form's starting values: the record's, as text (lists one per line). */
export function changeFieldValues(kind: ChangeKind, record: RecordParts, websiteId?: string): Record<string, string> {
	const target = targetOf(kind, record, websiteId);
	return Object.fromEntries(
		CHANGE_FIELDS[kind].map((key) => {
			const value = get(target, key);
			return [key, Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : ''];
		})
	);
}

/** The record's subject or website with the form's values in place (empty optional text left out). */
export function applyChangeFields<T extends Subject | Website>(target: T, kind: ChangeKind, values: Readonly<Record<string, string>>): T {
	let next = structuredClone(target);
	for (const key of CHANGE_FIELDS[kind]) {
		const raw = values[key] ?? '';
		const value = LIST_FIELDS.has(key) ? raw.split(/[\n,，]/).map((s) => s.trim()).filter((s) => s !== '') : raw.trim();
		const optional = get(target, key) === undefined;
		if (optional && value === '') continue;
		next = set(next, key, value);
	}
	return next;
}

export interface ChangeOrderInput {
	readonly id: string;
	/** The subject's server id: the order's `subject.id` (the outbox and the PUT address it). */
	readonly subjectId: string;
	readonly kind: ChangeKind;
	readonly created: string;
	readonly record: RecordParts;
	readonly websiteId?: string;
	readonly values: Readonly<Record<string, string>>;
}

/** The change order (Order v2 shape) to queue; null when the target website is not in the record. */
export function buildChangeOrder(input: ChangeOrderInput): Record<string, unknown> | null {
	const base = { version: 2, id: input.id, kind: input.kind, created: input.created, documents: [], acknowledgedWarnings: [] };
	if (input.kind === 'change-subject') {
		return { ...base, subject: { ...applyChangeFields(input.record.subject, input.kind, input.values), id: input.subjectId }, websites: [] };
	}
	const site = input.record.websites.find((w) => w.id === input.websiteId);
	if (!site) return null;
	return { ...base, subject: { ...structuredClone(input.record.subject), id: input.subjectId }, websites: [applyChangeFields(site, input.kind, input.values)], targetWebsiteIds: [site.id] };
}

export interface CancelOrderInput {
	readonly id: string;
	readonly subjectId: string;
	readonly kind: CancelKind;
	readonly created: string;
	readonly record: RecordParts;
	readonly websiteId?: string;
	readonly reason: { readonly code: string; readonly text?: string };
}

/** The cancellation order (Order v2 shape) to queue; null when the target website is not in the record. */
export function buildCancelOrder(input: CancelOrderInput): Record<string, unknown> | null {
	const text = input.reason.text?.trim();
	const base = {
		version: 2,
		id: input.id,
		kind: input.kind,
		created: input.created,
		subject: { ...structuredClone(input.record.subject), id: input.subjectId },
		documents: [],
		acknowledgedWarnings: [],
		cancellationReason: { code: input.reason.code, ...(text ? { text } : {}) }
	};
	if (input.kind === 'cancel-subject') return { ...base, websites: structuredClone([...input.record.websites]) };
	const site = input.record.websites.find((w) => w.id === input.websiteId);
	if (!site) return null;
	return { ...base, websites: [structuredClone(site)], targetWebsiteIds: [site.id] };
}
