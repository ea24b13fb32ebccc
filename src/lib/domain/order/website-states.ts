/**
 * TRACK-7: the state of each of the subject's websites as the start page shows it — filed (with
 * its number, from the approved record), in review or rejected (the newest order the server has
 * that names it), queued (in this device's outbox), or draft. Pure: the app passes what the facts
 * doc and the workspace hold; the record's websites that no draft names are listed too.
 */
import type { OrderStatus } from '../lifecycle/order-state.ts';

export const WEBSITE_STATES = ['draft', 'queued', 'in-review', 'rejected', 'filed'] as const;
export type WebsiteState = (typeof WEBSITE_STATES)[number];

/** Statuses in which an order is with a reviewer (the provider's desk or the administration). */
const IN_REVIEW: ReadonlySet<OrderStatus> = new Set(['provider-review', 'miit-submission', 'sms-verification', 'administration-review']);
const REJECTED: ReadonlySet<OrderStatus> = new Set(['provider-rejected', 'administration-rejected']);

export interface WebsiteStateInput {
	/** The workspace's website drafts, in their order. */
	readonly websites: readonly { readonly id: string; readonly name: string; readonly domain?: string }[];
	/** The workspace's order drafts: which websites each names. */
	readonly drafts: readonly { readonly id: string; readonly websiteIds: readonly string[]; readonly targetWebsiteIds?: readonly string[] }[];
	/** What the server has of the orders (facts doc), any order. */
	readonly orders: readonly { readonly id: string; readonly status: OrderStatus; readonly updatedAt: string }[];
	/** Ids of the orders waiting in this device's outbox. */
	readonly queued: readonly string[];
	/** The approved record's websites and their filing numbers, or null before the first approval. */
	readonly approved: { readonly websites: readonly { readonly id: string; readonly name: string; readonly domain: string }[]; readonly numbers: Readonly<Record<string, string>> } | null;
}

export interface WebsiteStateRow {
	readonly id: string;
	readonly name: string;
	readonly domain: string;
	readonly state: WebsiteState;
	/** The website's filing number once filed (also while a change of it is in review). */
	readonly filingNumber: string | null;
}

/** TRACK-7: every website of the subject (drafts first, then the record's others) with its state. */
export function websiteStates(input: WebsiteStateInput): WebsiteStateRow[] {
	const named = new Map<string, string[]>();
	for (const draft of input.drafts) named.set(draft.id, [...draft.websiteIds, ...(draft.targetWebsiteIds ?? [])]);
	const newestFirst = [...input.orders].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
	const recordSite = new Map((input.approved?.websites ?? []).map((w) => [w.id, w]));

	function stateOf(id: string): { state: WebsiteState; filingNumber: string | null } {
		const filingNumber = input.approved?.numbers[id] ?? null;
		for (const order of newestFirst) {
			if (!named.get(order.id)?.includes(id)) continue;
			if (IN_REVIEW.has(order.status)) return { state: 'in-review', filingNumber };
			if (REJECTED.has(order.status)) return { state: 'rejected', filingNumber };
			break;
		}
		if (input.queued.some((orderId) => named.get(orderId)?.includes(id))) return { state: 'queued', filingNumber };
		if (filingNumber !== null) return { state: 'filed', filingNumber };
		return { state: 'draft', filingNumber: null };
	}

	const rows: WebsiteStateRow[] = input.websites.map((site) => {
		const record = recordSite.get(site.id);
		return { id: site.id, name: site.name || record?.name || '', domain: site.domain || record?.domain || '', ...stateOf(site.id) };
	});
	const listed = new Set(rows.map((r) => r.id));
	for (const site of input.approved?.websites ?? []) {
		if (!listed.has(site.id)) rows.push({ id: site.id, name: site.name, domain: site.domain, ...stateOf(site.id) });
	}
	return rows;
}

/** What the applicant does next, from the websites' states and the order in flight (TRACK-3, TRACK-7). */
export type HomeNextStep = 'start' | 'continue' | 'wait-send' | 'wait-review' | 'fix-rejected' | 'all-filed';

export function homeNextStep(input: { rows: readonly WebsiteStateRow[]; hasDraft: boolean; draftQueued: boolean }): HomeNextStep {
	if (input.rows.some((r) => r.state === 'rejected')) return 'fix-rejected';
	if (input.draftQueued) return 'wait-send';
	if (input.hasDraft) return 'continue';
	if (input.rows.some((r) => r.state === 'in-review')) return 'wait-review';
	if (input.rows.length > 0 && input.rows.every((r) => r.state === 'filed')) return 'all-filed';
	return 'start';
}
