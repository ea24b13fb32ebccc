/**
 * Full validation of an order: schema (DATA), subject, websites, province rules, documents,
 * images and operation preconditions. The same call runs on the phone (offline) and on the
 * server (authoritative). Never throws; every issue's path points into the order.
 */
import { chinaToday, toIsoDate, type IsoDate } from '../calendar/iso-date.ts';
import { checkDocuments } from '../document/document-check.ts';
import { checkImage } from '../image/image-acceptance.ts';
import { isCancelKind, isChangeKind, isFilingKind } from '../operation/operation-kind.ts';
import { checkPreconditions, type OperationContext } from '../operation/preconditions.ts';
import { checkProvinceRules } from '../province/province-check.ts';
import { atPath, failure, issue, resultOf, sortBySeverity, type Issue, type Result } from '../result.ts';
import { checkSubject } from '../subject/subject-rules.ts';
import { checkWebsite, type DomainParser } from '../website/website-rules.ts';
import { migrateOrder, type Order } from './order.ts';
import { checkOrderExtras, unacknowledgedWarnings, type SubmissionContext } from './order-checks.ts';

export interface OrderContext extends OperationContext, SubmissionContext {
	/** Today in China (ISO date); default: the device clock. */
	readonly today?: string;
	/** Domain parser (part of the heavy `tldts` chunk); domains are only shape-checked without it. */
	readonly parseDomain?: DomainParser;
}

function websiteIssues(order: Order, today: IsoDate, parseDomain: DomainParser | undefined): Issue[] {
	const seen = new Map<string, number>();
	return order.websites.flatMap((site, i) => {
		const issues = checkWebsite(site, { subject: order.subject, today, path: ['websites', i], ...(parseDomain ? { parseDomain } : {}) });
		const key = site.domain.trim().toLowerCase();
		if (key !== '' && seen.has(key)) issues.push(issue('SITE-15', 'error', { path: ['websites', i, 'domain'], params: { domain: key.slice(0, 253) } }));
		seen.set(key, i);
		return issues;
	});
}

function imageIssues(order: Order): Issue[] {
	return order.documents.flatMap((doc, i) => atPath(['documents', i], [...checkImage(doc).issues]));
}

/** Every issue of an order in its context, errors first. */
export function validateOrder(input: unknown, context: OrderContext = {}): Result<Order> {
	const parsed = migrateOrder(input);
	if (!parsed.ok) return parsed;
	const order = parsed.value;
	const today = toIsoDate(context.today) ?? chinaToday();
	const dataOrder = isFilingKind(order.kind) || isChangeKind(order.kind);
	try {
		const issues: Issue[] = [
			...(dataOrder ? atPath(['subject'], checkSubject(order.subject, { today })) : []),
			...(dataOrder ? websiteIssues(order, today, context.parseDomain) : []),
			...(dataOrder ? checkProvinceRules({ order, today }) : []),
			...checkOrderExtras(order, context),
			...(isCancelKind(order.kind) ? [] : checkDocuments(order, context.approved?.subject)),
			...imageIssues(order),
			...checkPreconditions(order, context)
		];
		return resultOf(order, sortBySeverity(issues));
	} catch {
		// Defensive: an injected parser may throw; the caller still gets a typed result.
		return failure([issue('DATA-1', 'error', { params: { code: 'validation_failed' } })]);
	}
}

/**
 * What sending checks (the server's re-validation and the app's last check before "send"):
 * `validateOrder`, plus ORDER-2 for every warning the applicant has not acknowledged.
 */
export function validateSubmission(input: unknown, context: OrderContext = {}): Result<Order> {
	const result = validateOrder(input, context);
	if (!result.ok) return result;
	return resultOf(result.value, sortBySeverity([...result.issues, ...unacknowledgedWarnings(result.value, result.issues)]));
}
