/**
 * A rejected order back in the applicant's hands (REV-8, REV-9): where each of the review desk's
 * reasons is fixed (the question page and the field on it, from the reason's path into the
 * Order), and which reasons still stand — a reason stays until the value at its path differs
 * from the one the desk rejected.
 */
import type { OrderStatus } from '../lifecycle/order-state.ts';
import { issue, type Issue } from '../result.ts';
import type { ReviewDecision, ReviewReason } from './review.ts';

/** Statuses in which a rejected order waits for the applicant's next revision. */
export const REVISABLE_STATUSES: readonly OrderStatus[] = ['draft', 'provider-rejected', 'administration-rejected'];

export type ReasonPage = 'subject' | 'website' | 'access' | 'tasks';

export interface ReasonTarget {
	readonly page: ReasonPage;
	/** The website the page edits (website and access pages). */
	readonly websiteId?: string;
	/** The field key on its page (`name`, `leader.mobile`, `ips`). */
	readonly field: string;
	/** The id of the field's input on its page (`subject-leader-mobile`, `website-name`, `access-ips`); `tasks` for the task list. */
	readonly fieldId: string;
}

const idOf = (prefix: string, field: string): string => (field ? `${prefix}-${field.replaceAll('.', '-')}` : prefix);

/**
 * The question page and field of a path (REV-8). `websiteIds` are the order's websites in order
 * (paths name them by index); a path into a website this order no longer has, or outside the
 * subject and websites (documents, acknowledgments), goes to the task list.
 */
export function reasonTarget(path: readonly (string | number)[], websiteIds: readonly string[]): ReasonTarget {
	const [root, index, ...rest] = path;
	if (root === 'subject') {
		const field = path.slice(1).join('.');
		return { page: 'subject', field, fieldId: idOf('subject', field) };
	}
	const websiteId = root === 'websites' && typeof index === 'number' ? websiteIds[index] : undefined;
	if (websiteId && rest[0] === 'access') {
		const field = rest.slice(1).join('.');
		return { page: 'access', websiteId, field, fieldId: idOf('access', field) };
	}
	if (websiteId) {
		const field = rest.join('.');
		return { page: 'website', websiteId, field, fieldId: idOf('website', field) };
	}
	return { page: 'tasks', field: path.join('.'), fieldId: 'tasks' };
}

function valueAt(node: unknown, path: readonly (string | number)[]): unknown {
	let at: unknown = node;
	for (const key of path) {
		if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
		at = Reflect.get(at, key);
	}
	return at;
}

/** Stable JSON (object keys sorted) so two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical(Reflect.get(value, k))}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'undefined';
}

/** Whether the value at `path` is the same in both orders (both absent counts as the same). */
export function sameAt(a: unknown, b: unknown, path: readonly (string | number)[]): boolean {
	return canonical(valueAt(a, path)) === canonical(valueAt(b, path));
}

export interface OpenReasonsInput {
	/** The order's status on the server. */
	readonly status: OrderStatus;
	/** The desk's last decision (from the facts doc). */
	readonly review: ReviewDecision | undefined;
	/** The order as the desk rejected it (this device's sent copy); null when this device has none. */
	readonly rejected: unknown;
	/** The order the draft would send now. */
	readonly current: unknown;
}

/**
 * The reasons that still stand (REV-9): only while the order waits for its next revision, and
 * each only until its field changes. Without the rejected copy (drafted on another device) every
 * reason stands: there is nothing to tell a change from.
 */
export function openReasons(input: OpenReasonsInput): ReviewReason[] {
	const { review } = input;
	if (!review || review.outcome !== 'rejected' || !REVISABLE_STATUSES.includes(input.status)) return [];
	if (input.rejected === null) return [...review.reasons];
	return review.reasons.filter((r) => sameAt(input.rejected, input.current, r.path));
}

/**
 * The standing reasons as issues on their fields (REV-8), so the question pages, check answers
 * and the error summary show them like any other error: params `code` (REVIEW_REASON_CODES)
 * and `note` (the reviewer's advice, '' when none).
 */
export function reasonIssues(reasons: readonly ReviewReason[]): Issue[] {
	return reasons.map((r) => issue('REV-8', 'error', { path: [...r.path], params: { code: r.code, note: r.note ?? '' } }));
}
