/**
 * Pre-submission rejection-risk check (RISK-1..8): one call listing everything in an order that
 * the sources name as a common rejection cause (domain-research §10, §11.2), errors first.
 * It adds facts the order itself does not hold (domain real-name status, instance, site online)
 * to the full order validation.
 */
import { chinaToday, daysBetween, toIsoDate, type IsoDate } from '../calendar/iso-date.ts';
import { addsWebsite } from '../operation/operation-kind.ts';
import { migrateOrder, type Order } from '../order/order.ts';
import { validateOrder, type OrderContext } from '../order/validate-order.ts';
import { issue, sortBySeverity, type Issue } from '../result.ts';

export interface DomainFacts {
	/** Day the registrar finished real-name verification. */
	readonly verifiedOn?: string;
	/** Whether the real-name holder equals the subject (name and certificate). */
	readonly holderMatchesSubject?: boolean;
	readonly expiresOn?: string;
}

export interface InstanceFacts {
	readonly mainland: boolean;
	readonly subscription: boolean;
	/** Days bought and days left on the subscription. */
	readonly daysBought: number;
	readonly daysLeft: number;
}

export interface RiskContext extends OrderContext {
	/** Per website id. */
	readonly domains?: Readonly<Record<string, DomainFacts>>;
	readonly instance?: InstanceFacts;
	/** Whether the site already resolves publicly (must be dark for new sites). */
	readonly siteOnline?: boolean;
}

function domainRisks(order: Order, ctx: RiskContext, today: IsoDate): Issue[] {
	return order.websites.flatMap((site, i) => {
		const facts = ctx.domains?.[site.id];
		const path = ['websites', i, 'domain'];
		const issues: Issue[] = [];
		const verified = toIsoDate(facts?.verifiedOn);
		if (verified && daysBetween(verified, today) < 3) issues.push(issue('RISK-1', 'warning', { path, params: { days: 3 } }));
		if (facts?.holderMatchesSubject === false) issues.push(issue('RISK-2', 'error', { path }));
		const expires = toIsoDate(facts?.expiresOn);
		if (expires && daysBetween(today, expires) < 90) issues.push(issue('RISK-3', 'warning', { path, params: { date: expires } }));
		return issues;
	});
}

function personRisks(order: Order, today: IsoDate): Issue[] {
	const people = [
		{ p: order.subject.leader, path: ['subject', 'leader'] as (string | number)[] },
		...order.websites.map((w, i) => ({ p: w.administrator, path: ['websites', i, 'administrator'] }))
	];
	return people.flatMap(({ p, path }) => {
		const until = toIsoDate(p.certificateValidUntil);
		if (!until) return [];
		const left = daysBetween(today, until);
		return left >= 0 && left < 90 ? [issue('RISK-6', 'warning', { path: [...path, 'certificateValidUntil'], params: { date: until } })] : [];
	});
}

function contextRisks(order: Order, ctx: RiskContext): Issue[] {
	const issues: Issue[] = [];
	if (addsWebsite(order.kind) && ctx.siteOnline === true) issues.push(issue('RISK-4', 'warning'));
	const inst = ctx.instance;
	if (inst && (!inst.mainland || !inst.subscription || inst.daysBought < 90 || inst.daysLeft < 30)) {
		issues.push(issue('RISK-5', 'error', { path: ['websites'] }));
	}
	if (order.kind === 'new-website') issues.push(issue('RISK-8', 'info'));
	issues.push(issue('RISK-7', 'info'));
	return issues;
}

/** Everything in the order that commonly leads to rejection, errors first. Never throws. */
export function assessRejectionRisk(input: unknown, context: RiskContext = {}): Issue[] {
	const parsed = migrateOrder(input);
	if (!parsed.ok) return sortBySeverity(parsed.issues);
	const order = parsed.value;
	const today = toIsoDate(context.today) ?? chinaToday();
	const validated = validateOrder(order, context);
	return sortBySeverity([
		...validated.issues,
		...domainRisks(order, context, today),
		...personRisks(order, today),
		...contextRisks(order, context)
	]);
}
