/**
 * Preconditions per operation (OP-1..21), domain-research §2, §3. The approved record, the
 * account binding and the other open orders come from the server (cached offline) as context.
 */
import type { Order } from '../order/order.ts';
import { isSamePerson } from '../person/person.ts';
import { issue, type Issue } from '../result.ts';
import type { Subject } from '../subject/subject.ts';
import type { Website } from '../website/website.ts';
import { cancellationConsequences } from './cancellation.ts';
import { addsWebsite, isCancelKind, isChangeKind, isFilingKind } from './operation-kind.ts';

export interface ApprovedRecord {
	readonly subject: Subject;
	readonly websites: readonly Website[];
	/** Other access providers per website id (for cancel-access). */
	readonly otherAccessProviders?: Readonly<Record<string, number>>;
}

export interface OperationContext {
	/** The subject certificate this account is bound to, if any (one subject per account). */
	readonly accountSubject?: { readonly certificateType: string; readonly certificateNumber: string };
	/** Other orders of the subject that are in flight. */
	readonly openOrders?: readonly { readonly id: string; readonly kind: string }[];
	/** The approved record, for change, cancel and access orders. */
	readonly approved?: ApprovedRecord;
}

const norm = (s: string) => s.replace(/\s/g, '').toUpperCase();
const NEEDS_RECORD = (o: Order) => isChangeKind(o.kind) || isCancelKind(o.kind) || o.kind === 'new-website' || o.kind === 'new-access';

function generalIssues(order: Order, ctx: OperationContext): Issue[] {
	const issues: Issue[] = [];
	const bound = ctx.accountSubject;
	if (bound && (bound.certificateType !== order.subject.certificateType || norm(bound.certificateNumber) !== norm(order.subject.certificateNumber))) {
		issues.push(issue('OP-1', 'error', { path: ['subject', 'certificateNumber'] }));
	}
	const others = (ctx.openOrders ?? []).filter((o) => o.id !== order.id);
	if (others.length > 0) issues.push(issue('OP-2', 'error', { params: { kind: others[0]?.kind ?? '' } }));
	if (NEEDS_RECORD(order) && !ctx.approved) issues.push(issue('OP-8', 'error'));
	const max = order.subject.type === 'individual' ? 1 : 10;
	if (isFilingKind(order.kind) && order.websites.length > max) issues.push(issue('OP-9', 'error', { path: ['websites'], params: { max } }));
	if (isFilingKind(order.kind) && order.websites.length === 0) issues.push(issue('OP-10', 'error', { path: ['websites'] }));
	if (addsWebsite(order.kind)) issues.push(issue('OP-19', 'info'));
	return issues;
}

function changeIssues(order: Order, approved: ApprovedRecord): Issue[] {
	const before = approved.subject;
	const now = order.subject;
	const issues: Issue[] = [];
	if (before.province !== now.province) issues.push(issue('OP-3', 'error', { path: ['subject', 'province'] }));
	if (before.type !== 'individual' && now.type === 'individual') issues.push(issue('OP-4', 'error', { path: ['subject', 'type'] }));
	if (before.type === 'individual' && now.type !== 'individual') issues.push(issue('OP-5', 'warning', { path: ['subject', 'type'] }));
	const nameChanged = before.name.trim() !== now.name.trim();
	if (nameChanged && norm(before.certificateNumber) !== norm(now.certificateNumber)) {
		issues.push(issue('OP-7', 'error', { path: ['subject', 'name'] }));
	}
	order.websites.forEach((site, i) => {
		const old = approved.websites.find((w) => w.id === site.id);
		if (order.kind === 'change-website' && (!old || old.domain.trim().toLowerCase() !== site.domain.trim().toLowerCase())) {
			issues.push(issue('OP-6', 'error', { path: ['websites', i, 'domain'] }));
		}
	});
	return issues;
}

function targetIssues(order: Order, approved: ApprovedRecord): Issue[] {
	const needsTarget = ['change-website', 'change-access', 'cancel-website', 'cancel-access'].includes(order.kind);
	const targets = order.targetWebsiteIds ?? [];
	if (!needsTarget) return [];
	if (targets.length === 0) return [issue('OP-10', 'error', { path: ['targetWebsiteIds'] })];
	return targets.flatMap((id, i) =>
		approved.websites.some((w) => w.id === id) ? [] : [issue('OP-10', 'error', { path: ['targetWebsiteIds', i] })]
	);
}

function accessIssues(order: Order, approved: ApprovedRecord): Issue[] {
	const before = approved.subject;
	const now = order.subject;
	const issues: Issue[] = [];
	if (order.kind === 'new-access' || order.kind === 'new-access-subject-elsewhere') {
		const same = before.name.trim() === now.name.trim() && norm(before.certificateNumber) === norm(now.certificateNumber);
		if (!same || !isSamePerson(before.leader, now.leader)) issues.push(issue('OP-11', 'error', { path: ['subject'] }));
	}
	if (order.kind === 'new-website' && !isSamePerson(before.leader, now.leader)) {
		issues.push(issue('OP-12', 'error', { path: ['subject', 'leader'] }));
	}
	return issues;
}

function cancelIssues(order: Order, approved: ApprovedRecord): Issue[] {
	if (order.kind === 'cancel-subject') return [issue('OP-16', 'info')];
	const targets = order.targetWebsiteIds ?? [];
	if (order.kind === 'cancel-website') {
		const remaining = approved.websites.filter((w) => !targets.includes(w.id)).length;
		const c = cancellationConsequences('cancel-website', { remainingWebsites: remaining });
		return [issue('OP-16', 'info'), ...(c.shellRisk === 'subject' ? [issue('OP-17', 'warning')] : [])];
	}
	if (order.kind !== 'cancel-access') return [];
	return targets.flatMap((id) =>
		(approved.otherAccessProviders?.[id] ?? 0) > 0 ? [] : [issue('OP-18', 'warning', { path: ['targetWebsiteIds'], params: { websiteId: id } })]
	);
}

/** Every precondition the order fails in its context. Never throws. */
export function checkPreconditions(order: Order, ctx: OperationContext = {}): Issue[] {
	const issues = generalIssues(order, ctx);
	const approved = ctx.approved;
	if (!approved) return issues;
	if (isChangeKind(order.kind)) issues.push(...changeIssues(order, approved));
	return [...issues, ...targetIssues(order, approved), ...accessIssues(order, approved), ...cancelIssues(order, approved)];
}
