/**
 * Which workspace field a form element shows, as the field path presence carries (PRES-6):
 * `subject-<key>` on the subject forms, `website-<key>` and `access-<key>` on a website's pages,
 * with the key's dots written as dashes (`subject-leader-name` ↔ `subject.leader.name`). Pure.
 */
const SEGMENT = /^[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*$/;

/** The field path shown by the form element `id`, or null when it is no workspace field. */
export function fieldPathOfElement(id: string, websiteId: string | undefined): string | null {
	const match = /^(subject|website|access)-(.+)$/.exec(id);
	if (!match || !SEGMENT.test(match[2] ?? '')) return null;
	const [, form, rest = ''] = match;
	const key = rest.replaceAll('-', '.');
	if (form === 'subject') return `subject.${key}`;
	if (!websiteId || !SEGMENT.test(websiteId)) return null;
	return form === 'access' ? `websites.${websiteId}.access.${key}` : `websites.${websiteId}.${key}`;
}

/** The form element id for a field path on the page of `websiteId` (inverse of {@link fieldPathOfElement}). */
export function elementOfFieldPath(path: string): string | null {
	const parts = path.split('.');
	if (parts[0] === 'subject' && parts.length > 1) return `subject-${parts.slice(1).join('-')}`;
	if (parts[0] === 'websites' && parts.length > 2) {
		const key = parts.slice(2);
		return key[0] === 'access' && key.length > 1 ? `access-${key.slice(1).join('-')}` : `website-${key.join('-')}`;
	}
	return null;
}
