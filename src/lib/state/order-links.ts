/**
 * Where the applicant fixes an issue of an order: the page of its task and the id of its field
 * there (an error summary links to `page#field`; the page focuses that field when it opens).
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import type { Issue } from '../domain/result.ts';

export interface FieldLink {
	/** The app path of the page (without the hash). */
	page: ResolvedPathname;
	/** The field's element id on that page, or null for the page as a whole. */
	field: string | null;
}

/** The element id of a subject / website / access field key (`leader.name` → `subject-leader-name`). */
export function fieldId(section: 'subject' | 'website' | 'access', key: readonly (string | number)[]): string {
	return `${section}-${key.join('-')}`;
}

/** The path of an order's page (`rest` below `/orders/<id>`, already encoded), through `resolve`. */
export function orderPath(orderId: string, rest = ''): ResolvedPathname {
	return `${resolve('/orders/[orderId]', { orderId })}${rest}` as ResolvedPathname;
}

/** `href` with the element id `field` as its hash (a field page focuses it when it opens). */
export function withHash(href: ResolvedPathname, field: string): ResolvedPathname {
	return `${href}#${field}` as ResolvedPathname;
}

/** The page and field of an issue (paths into the Order; `websiteIds` in the order's website order). */
export function fieldLink(orderId: string, issue: Pick<Issue, 'path' | 'rule'>, websiteIds: readonly string[]): FieldLink {
	const [head, index, ...rest] = issue.path;
	if (head === 'subject') {
		const key = issue.path.slice(1);
		return { page: orderPath(orderId, '/subject'), field: key.length > 0 ? fieldId('subject', key) : null };
	}
	if (head === 'websites' && typeof index === 'number' && websiteIds[index] !== undefined) {
		const site = `/websites/${encodeURIComponent(websiteIds[index])}`;
		if (rest[0] === 'access') return { page: orderPath(orderId, `${site}/access`), field: rest.length > 1 ? fieldId('access', rest.slice(1)) : null };
		return { page: orderPath(orderId, site), field: rest.length > 0 ? fieldId('website', rest) : null };
	}
	if (head === 'documents' || issue.rule.startsWith('DOC-') || issue.rule.startsWith('IMG-')) return { page: orderPath(orderId, '/documents'), field: null };
	return { page: orderPath(orderId), field: null };
}

/** `page#field` (or the page). */
export function linkHref(link: FieldLink): ResolvedPathname {
	return link.field ? withHash(link.page, link.field) : link.page;
}
