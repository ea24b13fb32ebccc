/**
 * Live field rules for drafts: what the person sees next to a field while typing. Runs the
 * domain rules that apply to a field on its own (text rules with the layout's bounds, the
 * certificate rules with their warnings and info, address and contact rules, website names);
 * a field that is still empty says nothing — "required" is checked when an order is sent.
 * Never throws.
 */
import { parseEmail } from '../contact/email.ts';
import { parseLandline, parseMobile } from '../contact/phone.ts';
import { parseCertificateNumber } from '../identity/certificate-number.ts';
import { atPath, issue, type Issue } from '../result.ts';
import { checkAddressDetail } from '../subject/subject-rules.ts';
import { acceptsCertificate } from '../subject/subject-type.ts';
import { checkFreeText } from '../text/sanitize.ts';
import { checkWebsiteName } from '../website/website-name.ts';
import type { PersonDraft, SubjectDraft, WebsiteDraft } from './drafts.ts';
import { SUBJECT_FIELDS, WEBSITE_FIELDS, fieldPath, type FieldSpec } from './layout.ts';

function textIssues(fields: Readonly<Record<string, FieldSpec>>, read: (key: string) => unknown, prefix: readonly (string | number)[]): Issue[] {
	const issues: Issue[] = [];
	for (const [key, spec] of Object.entries(fields)) {
		if (spec.kind !== 'text') continue;
		const value = read(key);
		if (typeof value !== 'string' || value === '') continue;
		issues.push(...checkFreeText(value, { path: [...prefix, ...fieldPath(key)], max: spec.max, multiline: spec.multiline }));
	}
	return issues;
}

function valueAt(draft: object, key: string): unknown {
	let node: unknown = draft;
	for (const part of fieldPath(key)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
	return node;
}

/** Contact and certificate rules of a person in charge, on the fields filled in so far. */
export function checkPersonDraft(person: PersonDraft, path: readonly (string | number)[]): Issue[] {
	const issues: Issue[] = [];
	if (person.certificateType && person.certificateNumber.trim() !== '') {
		issues.push(...atPath([...path, 'certificateNumber'], parseCertificateNumber(person.certificateType, person.certificateNumber).issues));
	}
	if (person.mobile.trim() !== '') issues.push(...atPath([...path, 'mobile'], parseMobile(person.mobile).issues));
	if (person.emergencyPhone.trim() !== '') issues.push(...atPath([...path, 'emergencyPhone'], parseMobile(person.emergencyPhone).issues));
	if (person.landline.trim() !== '') issues.push(...atPath([...path, 'landline'], parseLandline(person.landline).issues));
	if (person.email.trim() !== '') issues.push(...atPath([...path, 'email'], parseEmail(person.email).issues));
	return issues;
}

/** Every live issue of a subject draft, with paths as in SubjectSchema. */
export function checkSubjectDraft(draft: SubjectDraft): Issue[] {
	const issues = textIssues(SUBJECT_FIELDS, (key) => valueAt(draft, key), []);
	if (draft.type && draft.certificateType && !acceptsCertificate(draft.type, draft.certificateType)) {
		issues.push(issue('SUBJ-1', 'error', { path: ['certificateType'], params: { type: draft.type, certificate: draft.certificateType } }));
	} else if (draft.certificateType && draft.certificateNumber.trim() !== '') {
		issues.push(...atPath(['certificateNumber'], parseCertificateNumber(draft.certificateType, draft.certificateNumber).issues));
	}
	const address = draft.correspondenceAddress;
	if (address.detail.trim() !== '') {
		// Only the detail's own rules: city and district are checked as text above.
		const detail = checkAddressDetail({ province: address.province ?? 'ZJ', city: '-', district: '-', detail: address.detail }, ['correspondenceAddress']);
		issues.push(...detail.filter((i) => i.rule === 'SUBJ-2' || i.rule === 'SUBJ-3'));
	}
	issues.push(...checkPersonDraft(draft.leader, ['leader']));
	return dedupe(issues);
}

/** Every live issue of one website draft, paths relative to the website. */
export function checkWebsiteDraft(draft: WebsiteDraft, subject: SubjectDraft): Issue[] {
	const issues = textIssues(WEBSITE_FIELDS, (key) => valueAt(draft, key), []);
	if (draft.name.trim() !== '' && subject.type) {
		const approvals = draft.preApprovals.map((p) => p.category);
		issues.push(...checkWebsiteName({ name: draft.name, domain: draft.domain, subjectType: subject.type, subjectName: subject.name, approvals }));
	}
	issues.push(...checkPersonDraft(draft.administrator, ['administrator']));
	return dedupe(issues);
}

function dedupe(issues: Issue[]): Issue[] {
	const seen = new Set<string>();
	return issues.filter((i) => {
		const key = `${i.rule}|${i.path.join('.')}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
