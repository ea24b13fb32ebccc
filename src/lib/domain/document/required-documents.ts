/**
 * The document matrix: which documents an order needs, computed from facts (DOC-1..17).
 * E-mail initialization reproduces the requirements page exactly [P]; filing orders follow
 * domain-research §6.1–6.2 with the province rule data. Each item names the rules behind it.
 */
import type { CertificateType } from '../identity/certificate-type.ts';
import type { OperationKind } from '../operation/operation-kind.ts';
import type { ApplicantRole } from '../account-request/account-request.ts';
import { provinceRulesFor } from '../province/province-check.ts';
import type { ProvinceCode } from '../province/provinces.ts';
import type { RuleId } from '../result.ts';
import type { SubjectType } from '../subject/subject-type.ts';
import type { PreApprovalCategory } from '../website/website.ts';
import type { DocumentKind, DocumentOwner } from './document-ref.ts';

export interface WebsiteDocumentFacts {
	readonly id: string;
	readonly adminIsLeader: boolean;
	readonly adminIsLegalRepresentative: boolean;
	readonly adminCertificateType: CertificateType;
	readonly preApprovals: readonly PreApprovalCategory[];
}

export interface DocumentFacts {
	readonly operation: OperationKind;
	readonly subjectType: SubjectType;
	readonly province: ProvinceCode;
	readonly leaderCertificateType: CertificateType;
	readonly leaderIsLegalRepresentative: boolean;
	/** An individual filing outside the province that issued the ID. */
	readonly outOfProvince?: boolean;
	/** E-mail initialization: who applies. */
	readonly applicantRole?: ApplicantRole;
	readonly websites?: readonly WebsiteDocumentFacts[];
	/** Change of subject: the name / the certificate number changes. */
	readonly nameChanged?: boolean;
	readonly numberChanged?: boolean;
}

export interface RequiredDocument {
	readonly kind: DocumentKind;
	readonly owner: DocumentOwner;
	readonly websiteId?: string;
	readonly preApprovalCategory?: PreApprovalCategory;
	readonly rules: readonly RuleId[];
}

const SUBJECT_NEW_HERE: readonly OperationKind[] = ['first-filing', 'new-website-subject-elsewhere', 'new-access-subject-elsewhere'];
const FILING: readonly OperationKind[] = [...SUBJECT_NEW_HERE, 'new-website', 'new-access'];
const ADDS_SITE: readonly OperationKind[] = ['first-filing', 'new-website', 'new-website-subject-elsewhere'];

/** Certificates without a back side worth photographing [I]. */
function hasBack(type: CertificateType): boolean {
	return type !== 'passport';
}

function idSides(owner: DocumentOwner, type: CertificateType, rules: readonly RuleId[], websiteId?: string): RequiredDocument[] {
	const front: RequiredDocument = { kind: 'id-front', owner, rules, ...(websiteId ? { websiteId } : {}) };
	return hasBack(type) ? [front, { ...front, kind: 'id-back' }] : [front];
}

function emailInitialization(facts: DocumentFacts): RequiredDocument[] {
	if (facts.subjectType === 'individual') {
		return [
			...idSides('applicant', facts.leaderCertificateType, ['DOC-1']),
			{ kind: 'holding-id-photo', owner: 'applicant', rules: ['DOC-2'] }
		];
	}
	const docs: RequiredDocument[] = [
		{ kind: 'holding-credential-photo', owner: 'applicant', rules: ['DOC-3'] },
		{ kind: 'id-front', owner: 'applicant', rules: ['DOC-4'] },
		{ kind: 'id-back', owner: 'applicant', rules: ['DOC-4'] }
	];
	if (facts.applicantRole === 'other') docs.push({ kind: 'email-init-authorization-letter', owner: 'subject', rules: ['DOC-5'] });
	return docs;
}

function ruleIds(province: ProvinceCode, kind: Parameters<typeof provinceRulesFor>[1]): string[] {
	return provinceRulesFor(province, kind).map((r) => r.id);
}

function subjectDocuments(facts: DocumentFacts): RequiredDocument[] {
	const organization = facts.subjectType !== 'individual';
	const docs: RequiredDocument[] = [];
	if (organization) docs.push({ kind: 'subject-certificate', owner: 'subject', rules: ['DOC-6'] });
	docs.push(...idSides('subject-leader', facts.leaderCertificateType, ['DOC-7']));
	const letter = ruleIds(facts.province, 'leader-legal-rep-or-letter');
	if (organization && !facts.leaderIsLegalRepresentative && letter.length > 0) {
		docs.push({ kind: 'leader-authorization-letter', owner: 'subject', rules: ['DOC-9', ...letter] });
	}
	if (!organization && facts.outOfProvince) {
		docs.push({ kind: 'residence-permit', owner: 'subject-leader', rules: ['DOC-12', ...ruleIds(facts.province, 'cross-province-permit')] });
	}
	return docs;
}

function websiteDocuments(facts: DocumentFacts): RequiredDocument[] {
	const sites = facts.websites ?? [];
	const organization = facts.subjectType !== 'individual';
	const adminLetter = ruleIds(facts.province, 'admin-authorization-letter');
	const domainRules = provinceRulesFor(facts.province, 'domain-certificate').filter((r) => sites.length >= (r.value ?? 1));
	return sites.flatMap((site) => {
		const docs: RequiredDocument[] = [];
		if (!site.adminIsLeader) docs.push(...idSides('website-admin', site.adminCertificateType, ['DOC-8'], site.id));
		if (organization && !site.adminIsLegalRepresentative && adminLetter.length > 0) {
			docs.push({ kind: 'admin-authorization-letter', owner: 'subject', websiteId: site.id, rules: ['DOC-10', ...adminLetter] });
		}
		if (domainRules.length > 0) {
			docs.push({ kind: 'domain-certificate', owner: 'subject', websiteId: site.id, rules: ['DOC-11', ...domainRules.map((r) => r.id)] });
		}
		for (const category of site.preApprovals) {
			docs.push({ kind: 'pre-approval-document', owner: 'subject', websiteId: site.id, preApprovalCategory: category, rules: ['DOC-13'] });
		}
		return docs;
	});
}

/** Every document the facts call for, each with the rule IDs that require it. Never throws. */
export function requiredDocuments(facts: DocumentFacts): RequiredDocument[] {
	const op = facts.operation;
	if (op === 'email-initialization') return emailInitialization(facts);
	if (op === 'claim') return idSides('subject-leader', facts.leaderCertificateType, ['DOC-17']);
	const docs: RequiredDocument[] = [];
	if (SUBJECT_NEW_HERE.includes(op)) docs.push(...subjectDocuments(facts));
	if (FILING.includes(op)) docs.push(...websiteDocuments(facts));
	const party = ruleIds(facts.province, 'party-building-letter');
	if (ADDS_SITE.includes(op) && party.length > 0) docs.push({ kind: 'party-building-letter', owner: 'subject', rules: ['DOC-14', ...party] });
	if (op === 'change-subject' && (facts.nameChanged || facts.numberChanged)) {
		docs.push({ kind: 'change-certificate', owner: 'subject', rules: ['DOC-15'] });
		if (facts.subjectType !== 'individual') docs.push({ kind: 'subject-certificate', owner: 'subject', rules: ['DOC-6', 'DOC-15'] });
	}
	return docs;
}
