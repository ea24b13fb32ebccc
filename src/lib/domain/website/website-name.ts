/**
 * Website-name rules NAME-1..15 (domain-research §5.5, the most common rejection cause).
 * National rules are errors; provider and provincial word lists are warnings that say why.
 * Word lists live in `name-words.ts`; province lists in the province rule data.
 */
import { issue, type Issue } from '../result.ts';
import { isStateBody, type SubjectType } from '../subject/subject-type.ts';
import {
	COMPANY_WORDS,
	INDIVIDUAL_WORDS,
	INDIVIDUAL_WORDS_PROVINCIAL,
	PRE_APPROVAL_WORDS,
	PROVINCIAL_PRE_APPROVALS,
	SENSITIVE_WORDS,
	SENSITIVE_WORDS_REPORTED,
	STATE_PREFIXES,
	STATE_PREFIXES_REPORTED,
	wordsIn
} from './name-words.ts';
import type { PreApprovalCategory } from './website.ts';

export interface WebsiteNameFacts {
	readonly name: string;
	/** The website's domain (for NAME-6). */
	readonly domain?: string;
	readonly subjectType: SubjectType;
	/** Subject name: an individual's own name (NAME-15) or the organisation's (NAME-14). */
	readonly subjectName?: string;
	/** Categories the website holds an approval for. */
	readonly approvals?: readonly PreApprovalCategory[];
	/** Field path of the name, default `['name']`. */
	readonly path?: readonly (string | number)[];
}

const HAN = /\p{Script=Han}/gu;
const ALLOWED = /^[\p{Script=Han}A-Za-z0-9 ()（）\-·]*$/u;

function countHan(text: string): number {
	return text.match(HAN)?.length ?? 0;
}

function shapeIssues(name: string, domain: string | undefined, path: Issue['path']): Issue[] {
	const issues: Issue[] = [];
	const han = countHan(name);
	if (han < 3) issues.push(issue('NAME-1', 'error', { path, params: { count: han } }));
	if (han === 0 && /^[A-Za-z0-9 .\-_]+$/.test(name)) issues.push(issue('NAME-2', 'error', { path }));
	if (!ALLOWED.test(name)) issues.push(issue('NAME-3', 'error', { path }));
	const bare = (s: string) => s.toLowerCase().replace(/^www\./, '').replace(/\s/g, '');
	if (domain && (bare(name) === bare(domain) || bare(name) === bare(domain).split('.')[0])) {
		issues.push(issue('NAME-6', 'error', { path, params: { domain } }));
	}
	return issues;
}

function wordIssues(facts: WebsiteNameFacts, path: Issue['path']): Issue[] {
	const { name } = facts;
	const issues: Issue[] = [];
	if (!isStateBody(facts.subjectType)) {
		for (const w of STATE_PREFIXES.words) if (name.startsWith(w)) issues.push(issue('NAME-4', 'error', { path, params: { word: w } }));
		for (const w of STATE_PREFIXES_REPORTED.words) if (name.startsWith(w)) issues.push(issue('NAME-5', 'warning', { path, params: { word: w } }));
	}
	for (const word of wordsIn(name, SENSITIVE_WORDS)) issues.push(issue('NAME-7', 'error', { path, params: { word } }));
	for (const word of wordsIn(name, SENSITIVE_WORDS_REPORTED)) issues.push(issue('NAME-8', 'warning', { path, params: { word } }));
	const approvals = new Set(facts.approvals ?? []);
	for (const [word, category] of Object.entries(PRE_APPROVAL_WORDS)) {
		if (!name.includes(word) || approvals.has(category)) continue;
		const provincial = PROVINCIAL_PRE_APPROVALS.includes(category);
		issues.push(issue(provincial ? 'NAME-10' : 'NAME-9', provincial ? 'warning' : 'error', { path, params: { word, category } }));
	}
	return issues;
}

function individualIssues(facts: WebsiteNameFacts, path: Issue['path']): Issue[] {
	const { name } = facts;
	const issues: Issue[] = [];
	for (const word of wordsIn(name, COMPANY_WORDS)) issues.push(issue('NAME-11', 'error', { path, params: { word } }));
	for (const word of wordsIn(name, INDIVIDUAL_WORDS)) {
		issues.push(issue('NAME-12', 'warning', { path, params: { word, source: INDIVIDUAL_WORDS.source } }));
	}
	for (const word of wordsIn(name, INDIVIDUAL_WORDS_PROVINCIAL)) {
		issues.push(issue('NAME-13', 'warning', { path, params: { word, source: INDIVIDUAL_WORDS_PROVINCIAL.source } }));
	}
	const own = facts.subjectName?.trim() ?? '';
	if (own.length >= 2 && name.includes(own)) issues.push(issue('NAME-15', 'warning', { path, params: { word: own } }));
	return issues;
}

function sharesPair(a: string, b: string): boolean {
	for (let i = 0; i + 2 <= a.length; i += 1) if (b.includes(a.slice(i, i + 2))) return true;
	return false;
}

/** All website-name issues of one name. Never throws; empty when the name passes. */
export function checkWebsiteName(facts: WebsiteNameFacts): Issue[] {
	const path = facts.path ?? ['name'];
	const name = typeof facts.name === 'string' ? facts.name.trim().slice(0, 1000) : '';
	const sane = { ...facts, name };
	const issues = [...shapeIssues(name, facts.domain, path), ...wordIssues(sane, path)];
	if (facts.subjectType === 'individual') issues.push(...individualIssues(sane, path));
	else if (facts.subjectName && name && !sharesPair(facts.subjectName, name)) {
		issues.push(issue('NAME-14', 'info', { path, params: { subject: facts.subjectName } }));
	}
	return issues;
}
