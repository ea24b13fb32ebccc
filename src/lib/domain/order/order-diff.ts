/**
 * What a change order changes: a field-by-field diff of the edited draft against the approved
 * record (TRACK-1), with paths in the order's own shape (`['subject', 'name']`,
 * `['websites', 0, 'access', 'ips']`) so each line can link to its field. Text is compared
 * trimmed, lists of plain values as lists; ids, versions and the filing numbers (never edited)
 * are left out. Pure, never throws.
 */
import type { ChangeKind } from '../operation/operation-kind.ts';
/** A field path, as in `Issue.path`. */
export type Path = readonly (string | number)[];

export interface FieldChange {
	readonly path: Path;
	/** The approved value as text (lists joined with `, `); null when the field was empty. */
	readonly before: string | null;
	readonly after: string | null;
}

/** Keys that identify or number a record rather than describe it. */
const IGNORED_KEYS = new Set(['version', 'id', 'filingNumber', 'documentSha256']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (Array.isArray(value)) {
		const items = value.map(asText).filter((v): v is string => v !== null);
		return items.length === 0 ? null : items.join(', ');
	}
	if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}

const isLeafList = (value: unknown) => Array.isArray(value) && value.every((v) => !isPlainObject(v));

/** Every leaf that differs between `before` and `after` under `prefix`. */
export function diffValues(before: unknown, after: unknown, prefix: Path = []): FieldChange[] {
	if (isPlainObject(before) || isPlainObject(after)) {
		const b = isPlainObject(before) ? before : {};
		const a = isPlainObject(after) ? after : {};
		const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED_KEYS.has(k));
		return keys.flatMap((key) => diffValues(b[key], a[key], [...prefix, key]));
	}
	if ((Array.isArray(before) || Array.isArray(after)) && !(isLeafList(before ?? []) && isLeafList(after ?? []))) {
		const b = Array.isArray(before) ? before : [];
		const a = Array.isArray(after) ? after : [];
		return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => diffValues(b[i], a[i], [...prefix, i])).flat();
	}
	const was = asText(before);
	const now = asText(after);
	return was === now ? [] : [{ path: prefix, before: was, after: now }];
}

interface Described {
	readonly id: string;
	readonly access?: unknown;
}

export interface ChangeDiffInput {
	readonly kind: ChangeKind;
	readonly subject: unknown;
	readonly websites: readonly Described[];
	readonly approved: { readonly subject: unknown; readonly websites: readonly Described[] };
	/** The websites the order is about (change-website, change-access). */
	readonly targetWebsiteIds?: readonly string[];
}

/**
 * The changes a change order proposes: the subject's fields (change-subject), a target website's
 * fields except its access (change-website), or its access information (change-access).
 */
export function changeDiff(input: ChangeDiffInput): FieldChange[] {
	if (input.kind === 'change-subject') return diffValues(input.approved.subject, input.subject, ['subject']);
	const targets = new Set(input.targetWebsiteIds ?? input.websites.map((w) => w.id));
	return input.websites.flatMap((site, i) => {
		if (!targets.has(site.id)) return [];
		const old = input.approved.websites.find((w) => w.id === site.id);
		if (input.kind === 'change-access') return diffValues(old?.access, site.access, ['websites', i, 'access']);
		const strip = (w: Described | undefined) => (w ? { ...w, access: undefined } : undefined);
		return diffValues(strip(old), strip(site), ['websites', i]);
	});
}
