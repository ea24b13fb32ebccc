/**
 * Interprets the province rule data (`province-rules-data.ts`) against an order. One generic
 * check per rule kind; which provinces have which rule is data only. Also PERSON-6, the
 * ≥ 18 fallback where the province publishes no age rule (§5.3 [C][T27]).
 */
import { daysBetween, type IsoDate } from '../calendar/iso-date.ts';
import { ageOn } from '../identity/resident-id.ts';
import type { Order } from '../order/order.ts';
import { birthDateOf, isSamePerson, type PersonInCharge } from '../person/person.ts';
import { issue, type Issue } from '../result.ts';
import { PROVINCE_RULES, type ProvinceRule, type ProvinceRuleKind } from './province-rules-data.ts';
import { provinceOfResidentId, type ProvinceCode } from './provinces.ts';

export interface ProvinceFacts {
	readonly order: Order;
	readonly today: IsoDate;
}

type Check = (rule: ProvinceRule, facts: ProvinceFacts) => Issue[];
type Path = readonly (string | number)[];

const at = (rule: ProvinceRule, path: Path, params: Issue['params'] = {}) =>
	issue(rule.id, rule.severity, { path, params });

/** The rules of one province, optionally of one kind. */
export function provinceRulesFor(province: ProvinceCode, kind?: ProvinceRuleKind): ProvinceRule[] {
	return PROVINCE_RULES.filter((r) => r.province === province && (kind === undefined || r.kind === kind));
}

function people(order: Order): { person: PersonInCharge; path: Path }[] {
	return [
		{ person: order.subject.leader, path: ['subject', 'leader'] },
		...order.websites.map((w, i) => ({ person: w.administrator, path: ['websites', i, 'administrator'] as Path }))
	];
}

/** Whether an individual files outside the province that issued the ID. */
export function filesOutOfProvince(order: Order): boolean {
	const s = order.subject;
	if (s.type !== 'individual' || s.certificateType !== 'resident-id-card') return false;
	const home = provinceOfResidentId(s.certificateNumber.trim());
	return home !== undefined && home !== s.province;
}

const siteIssues = (facts: ProvinceFacts, pick: (w: Order['websites'][number], i: number) => Issue[]) =>
	facts.order.websites.flatMap(pick);

const CHECKS: Record<ProvinceRuleKind, Check> = {
	'leader-legal-rep': (r, { order }) => (order.subject.leader.isLegalRepresentative ? [] : [at(r, ['subject', 'leader', 'isLegalRepresentative'])]),
	'leader-legal-rep-or-letter': (r, { order }) => (order.subject.leader.isLegalRepresentative ? [] : [at(r, ['subject', 'leader', 'isLegalRepresentative'])]),
	'cross-province-refused': (r, { order }) => (filesOutOfProvince(order) ? [at(r, ['subject', 'province'])] : []),
	'cross-province-permit': (r, { order }) => (filesOutOfProvince(order) ? [at(r, ['subject', 'province'])] : []),
	'min-age': (r, { order, today }) =>
		people(order).flatMap(({ person, path }) => {
			const birth = birthDateOf(person);
			const min = r.value ?? 18;
			return birth && ageOn(birth, today) < min ? [at(r, [...path, 'certificateNumber'], { min })] : [];
		}),
	'certificate-validity': (r, { order, today }) =>
		people(order).flatMap(({ person, path }) => {
			const until = person.certificateValidUntil;
			if (until === undefined || until === 'long-term') return [];
			return daysBetween(today, until as IsoDate) <= (r.value ?? 90) ? [at(r, [...path, 'certificateValidUntil'], { days: r.value ?? 90 })] : [];
		}),
	'investor-required': (r, { order }) => ((order.subject.investor ?? '').trim() === '' ? [at(r, ['subject', 'investor'])] : []),
	'admin-authorization-letter': (r, facts) =>
		siteIssues(facts, (w, i) => (w.administrator.isLegalRepresentative ? [] : [at(r, ['websites', i, 'administrator'])])),
	'domain-certificate': (r, { order }) =>
		order.websites.length >= (r.value ?? 1) && order.websites.length > 0 ? [at(r, ['websites'], { count: r.value ?? 1 })] : [],
	'party-building-letter': (r, { order }) =>
		['first-filing', 'new-website', 'new-website-subject-elsewhere'].includes(order.kind) ? [at(r, ['documents'])] : [],
	'mandatory-text': (r, facts) =>
		siteIssues(facts, (w, i) => {
			const remarks = w.remarks ?? '';
			const ok = r.pattern ? new RegExp(r.pattern, 'u').test(remarks) : remarks.includes(r.keyword ?? '');
			return ok ? [] : [at(r, ['websites', i, 'remarks'])];
		}),
	'individual-name-pattern': (r, facts) =>
		siteIssues(facts, (w, i) => (new RegExp(r.pattern ?? '.', 'u').test(w.name.trim()) ? [] : [at(r, ['websites', i, 'name'])])),
	'landline-required': (r, { order }) => ((order.subject.leader.landline ?? '').trim() === '' ? [at(r, ['subject', 'leader', 'landline'])] : []),
	'legal-rep-words': (r, facts) =>
		siteIssues(facts, (w, i) => {
			const word = (r.words ?? []).find((x) => w.name.includes(x));
			const both = facts.order.subject.leader.isLegalRepresentative && w.administrator.isLegalRepresentative;
			return word && !both ? [at(r, ['websites', i, 'name'], { word })] : [];
		}),
	'admin-differs-from-leader': (r, facts) =>
		siteIssues(facts, (w, i) => (isSamePerson(w.administrator, facts.order.subject.leader) ? [at(r, ['websites', i, 'administrator'])] : [])),
	'admin-is-leader-unless-legal-rep': (r, facts) =>
		facts.order.subject.leader.isLegalRepresentative
			? []
			: siteIssues(facts, (w, i) => (isSamePerson(w.administrator, facts.order.subject.leader) ? [] : [at(r, ['websites', i, 'administrator'])])),
	'all-languages': (r, facts) => siteIssues(facts, (_w, i) => [at(r, ['websites', i, 'languages'])])
};

function applies(rule: ProvinceRule, order: Order): boolean {
	const individual = order.subject.type === 'individual';
	return rule.appliesTo === 'all' || (rule.appliesTo === 'individual') === individual;
}

function adultFallback(facts: ProvinceFacts, rules: readonly ProvinceRule[]): Issue[] {
	if (rules.some((r) => r.kind === 'min-age')) return [];
	return people(facts.order).flatMap(({ person, path }) => {
		const birth = birthDateOf(person);
		return birth && ageOn(birth, facts.today) < 18 ? [issue('PERSON-6', 'warning', { path: [...path, 'certificateNumber'], params: { min: 18 } })] : [];
	});
}

/** Every province rule of the order's filing province that the order breaks or triggers. */
export function checkProvinceRules(facts: ProvinceFacts): Issue[] {
	const rules = provinceRulesFor(facts.order.subject.province).filter((r) => applies(r, facts.order));
	return [...rules.flatMap((r) => CHECKS[r.kind](r, facts)), ...adultFallback(facts, rules)];
}
