// The website a website page is about: its draft, its index in the order, its issues.
import { page } from '$app/state';
import type { WebsiteDraft } from '$lib/domain/workspace/drafts.ts';
import type { Issue } from '$lib/domain/result.ts';
import { fieldMessages, type FieldMessage } from '$lib/state/issue-text.svelte.ts';
import { fieldIssues } from '$lib/state/order-issues.ts';
import type { OrderView } from '$lib/state/order-view.svelte.ts';

export interface SiteOfPage {
	site: WebsiteDraft;
	index: number;
	issues: (key: string) => Issue[];
	messages: (key: string) => FieldMessage[];
}

/** The page's website within `view`, or null when the order does not file it. */
export function siteOfPage(view: OrderView | null): SiteOfPage | null {
	const id = page.params.websiteId ?? '';
	const index = view?.websites.findIndex((w) => w.id === id) ?? -1;
	const site = view?.websites[index];
	if (!view || !site) return null;
	const issues = (key: string) => fieldIssues(view.issues, ['websites', index], key, view.workspace.websites.issuesOf(id, key));
	return { site, index, issues, messages: (key) => fieldMessages(issues(key)) };
}
