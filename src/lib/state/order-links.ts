/**
 * Where the applicant fixes an issue of an order: the page of its task and the id of its field
 * there (an error summary links to `page#field`; the page focuses that field when it opens).
 */
import type { Issue } from '../domain/result.ts';

export interface FieldLink {
	/** The app path of the page (without the hash). */
	page: string;
	/** The field's element id on that page, or null for the page as a whole. */
	field: string | null;
}

/** The element id of a subject / website / access field key (`leader.name` → `subject-leader-name`). */
export function fieldId(section: 'subject' | 'website' | 'access', key: readonly (string | number)[]): string {
	return `${section}-${key.join('-')}`;
}

export function orderPath(orderId: string, rest = ''): string {
	return `/orders/${encodeURIComponent(orderId)}${rest}`;
}

/** The page and field of an issue (paths into the Order; `websiteIds` in the order's website order). */
export function fieldLink(orderId: string, issue: Pick<Issue, 'path' | 'rule'>, websiteIds: readonly string[]): FieldLink {
	const [head, index, ...rest] = issue.path;
	if (head === 'subject') {
		const key = issue.path.slice(1);
		return { page: orderPath(orderId, '/subject'), field: key.length > 0 ? fieldId('subject', key) : null };
	}
	if (head === 'websites' && typeof index === 'number' && websiteIds[index] !== undefined) {
		const site = orderPath(orderId, `/websites/${encodeURIComponent(websiteIds[index])}`);
		if (rest[0] === 'access') return { page: `${site}/access`, field: rest.length > 1 ? fieldId('access', rest.slice(1)) : null };
		return { page: site, field: rest.length > 0 ? fieldId('website', rest) : null };
	}
	if (head === 'documents' || issue.rule.startsWith('DOC-') || issue.rule.startsWith('IMG-')) return { page: orderPath(orderId, '/documents'), field: null };
	return { page: orderPath(orderId), field: null };
}

/** `page#field` (or the page). */
export function linkHref(link: FieldLink): string {
	return link.field ? `${link.page}#${link.field}` : link.page;
}
