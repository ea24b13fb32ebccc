/**
 * Website rules SITE-1..14 (domain-research §5.4, §5.7, §5.8) plus the name rules of
 * `website-name.ts`. Domain parsing (tldts, ≈ 47 KB) is injected by the caller so screens that
 * do not need it never load it.
 */
import type { IsoDate } from '../calendar/iso-date.ts';
import { checkLeaderAdminPair, checkPerson } from '../person/person-rules.ts';
import { atPath, issue, type Issue, type Result } from '../result.ts';
import type { Subject } from '../subject/subject.ts';
import { checkFreeText } from '../text/sanitize.ts';
import { WEBSITE_FIELDS as F } from '../workspace/layout.ts';
import { COMPANY_WORDS, SENSITIVE_WORDS, wordsIn } from './name-words.ts';
import { checkWebsiteName } from './website-name.ts';
import type { Website } from './website.ts';

export type DomainParser = (input: unknown) => Result<unknown>;

export interface WebsiteCheckOptions {
	readonly subject: Subject;
	readonly today: IsoDate;
	readonly path?: readonly (string | number)[];
	readonly parseDomain?: DomainParser;
}

const PRIVATE_V4 = [/^10\./, /^127\./, /^0\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];
const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const V6 = /^[0-9a-f:]{2,39}$/i;
/** Regions outside mainland China (cannot be filed, §2.5 [C][T12][A16]). */
const OFFSHORE_REGION = /(hongkong|hong-kong|hk|macau|taiwan|^ap-|^us-|^eu-|^me-|^sa-|^na-|overseas|singapore|tokyo|frankfurt|silicon)/i;

/** Whether an address is a syntactically valid public IPv4/IPv6 address (SITE-10). */
export function isPublicIp(ip: string): boolean {
	const value = ip.trim();
	if (V4.test(value)) return !PRIVATE_V4.some((r) => r.test(value));
	if (!V6.test(value) || !value.includes(':') || (value.match(/::/g)?.length ?? 0) > 1) return false;
	return !/^(::1?$|fe[89ab]|f[cd])/i.test(value);
}

function homepageOnDomain(url: string, domain: string): boolean {
	const host = /^(?:https?:\/\/)?([^/:?#\s]+)/i.exec(url.trim())?.[1]?.toLowerCase();
	const d = domain.trim().toLowerCase();
	return host !== undefined && d !== '' && (host === d || host.endsWith(`.${d}`));
}

function contentIssues(site: Website, individual: boolean): Issue[] {
	const issues: Issue[] = [];
	if (site.serviceContent.length === 0) issues.push(issue('SITE-13', 'error', { path: ['serviceContent'] }));
	if (site.languages.length === 0) issues.push(issue('SITE-12', 'error', { path: ['languages'] }));
	site.preApprovals.forEach((p, i) => {
		if (p.number.trim() === '') issues.push(issue('SITE-6', 'error', { path: ['preApprovals', i, 'number'], params: { category: p.category } }));
	});
	const hasBulletin = site.preApprovals.some((p) => p.category === 'electronic-bulletin');
	if (/bbs/i.test(site.domain) && !hasBulletin) issues.push(issue('SITE-7', 'warning', { path: ['domain'] }));
	if (!individual) return issues;
	for (const content of site.serviceContent) {
		if (content === 'forum' || content === 'e-commerce') issues.push(issue('SITE-3', 'error', { path: ['serviceContent'], params: { content } }));
		else if (content !== 'other') issues.push(issue('SITE-4', 'warning', { path: ['serviceContent'], params: { content } }));
	}
	if (site.preApprovals.length > 0) issues.push(issue('SITE-5', 'error', { path: ['preApprovals'] }));
	if ((site.remarks ?? '').trim().length < 20) issues.push(issue('SITE-8', 'warning', { path: ['remarks'], params: { min: 20 } }));
	return issues;
}

function remarkWordIssues(site: Website, individual: boolean): Issue[] {
	const remarks = site.remarks ?? '';
	const words = [...wordsIn(remarks, SENSITIVE_WORDS), ...(individual ? wordsIn(remarks, COMPANY_WORDS) : [])];
	return words.map((word) => issue('SITE-9', 'warning', { path: ['remarks'], params: { word } }));
}

function accessIssues(site: Website): Issue[] {
	const issues: Issue[] = [];
	if (site.access.provider.trim() === '') issues.push(issue('SITE-11', 'error', { path: ['access', 'provider'] }));
	if (site.access.serviceCode.trim() === '') issues.push(issue('SITE-11', 'error', { path: ['access', 'serviceCode'] }));
	if (site.access.ips.length === 0) issues.push(issue('TEXT-4', 'error', { path: ['access', 'ips'] }));
	site.access.ips.forEach((ip, i) => {
		if (!isPublicIp(ip)) issues.push(issue('SITE-10', 'error', { path: ['access', 'ips', i], params: { ip: ip.slice(0, 64) } }));
	});
	if (site.access.region && OFFSHORE_REGION.test(site.access.region)) {
		issues.push(issue('SITE-14', 'error', { path: ['access', 'region'], params: { region: site.access.region.slice(0, 64) } }));
	}
	return issues;
}

function domainIssues(site: Website, parse: DomainParser | undefined): Issue[] {
	if (site.domain.trim() === '') return [issue('SITE-1', 'error', { path: ['domain'] })];
	const issues = parse ? atPath(['domain'], [...parse(site.domain).issues]) : [];
	if (!homepageOnDomain(site.homepageUrl, site.domain)) issues.push(issue('SITE-2', 'error', { path: ['homepageUrl'] }));
	return issues;
}

/** Every issue of one website, its administrator included. Never throws. */
export function checkWebsite(site: Website, options: WebsiteCheckOptions): Issue[] {
	const { subject } = options;
	const individual = subject.type === 'individual';
	const issues: Issue[] = [
		...checkFreeText(site.name, { path: ['name'], required: true, max: F.name.max }),
		...checkWebsiteName({
			name: site.name,
			domain: site.domain,
			subjectType: subject.type,
			subjectName: subject.name,
			approvals: site.preApprovals.filter((p) => p.number.trim() !== '').map((p) => p.category)
		}),
		...domainIssues(site, options.parseDomain),
		...contentIssues(site, individual),
		...checkFreeText(site.remarks, { path: ['remarks'], max: F.remarks.max, multiline: true }),
		...remarkWordIssues(site, individual),
		...accessIssues(site),
		...checkPerson(site.administrator, { today: options.today, path: ['administrator'] }),
		...checkLeaderAdminPair(subject.leader, site.administrator, ['administrator'])
	];
	return atPath(options.path ?? [], issues);
}
