/**
 * The document matrix's facts from the drafts of a workspace (DOC-18): an order draft in the
 * making may not have them all yet, so instead of guessing, the checklist names each missing
 * fact (and, for a website's administrator, which website) and computes nothing until they are
 * answered. Pure: drafts in, facts or missing facts out; never throws.
 */
import { isSamePerson } from '../person/person.ts';
import type { CertificateType } from '../identity/certificate-type.ts';
import { provinceOfResidentId } from '../province/provinces.ts';
import type { OrderDraft, PersonDraft, SubjectDraft, WebsiteDraft } from '../workspace/drafts.ts';
import type { ApplicantRole } from '../account-request/account-request.ts';
import type { DocumentFacts, WebsiteDocumentFacts } from './required-documents.ts';

/** A fact the matrix needs; `websiteId` for the administrator facts of one website. */
export type MissingFact =
	| { readonly fact: 'operation' | 'subject-type' | 'province' | 'leader-certificate-type' | 'leader-is-legal-representative' | 'applicant-role' }
	| { readonly fact: 'admin-certificate-type' | 'admin-is-legal-representative'; readonly websiteId: string };

export type FactsOutcome = { readonly ok: true; readonly facts: DocumentFacts } | { readonly ok: false; readonly missing: readonly MissingFact[] };

export interface DraftFactsInput {
	readonly order: OrderDraft;
	readonly subject: SubjectDraft;
	readonly websites: readonly WebsiteDraft[];
	/** E-mail initialization (an account request): who applies. */
	readonly applicantRole?: ApplicantRole;
}

const ORGANISATION_ONLY = new Set(['leader-is-legal-representative', 'admin-is-legal-representative']);

function samePerson(a: PersonDraft, b: PersonDraft): boolean {
	const { certificateType: typeA } = a;
	const { certificateType: typeB } = b;
	if (!typeA || !typeB || a.certificateNumber.trim() === '') return false;
	return isSamePerson({ certificateType: typeA, certificateNumber: a.certificateNumber }, { certificateType: typeB, certificateNumber: b.certificateNumber });
}

/** DOC-18: the facts of the document matrix, or every fact still missing. */
export function documentFactsOfDrafts(input: DraftFactsInput): FactsOutcome {
	const { order, subject } = input;
	const missing: MissingFact[] = [];
	const need = (fact: MissingFact) => missing.push(fact);
	if (!order.kind) need({ fact: 'operation' });
	if (!subject.type) need({ fact: 'subject-type' });
	if (!subject.province) need({ fact: 'province' });
	if (!subject.leader.certificateType) need({ fact: 'leader-certificate-type' });
	const organisation = subject.type !== undefined && subject.type !== 'individual';
	if (organisation && subject.leader.isLegalRepresentative === undefined) need({ fact: 'leader-is-legal-representative' });
	if (order.kind === 'email-initialization' && organisation && !input.applicantRole) need({ fact: 'applicant-role' });
	const sites = input.websites.filter((w) => order.websiteIds.includes(w.id));
	const websites: WebsiteDocumentFacts[] = [];
	for (const site of sites) {
		const admin = site.administrator;
		const isLeader = samePerson(admin, subject.leader);
		if (!isLeader && !admin.certificateType) need({ fact: 'admin-certificate-type', websiteId: site.id });
		if (organisation && admin.isLegalRepresentative === undefined) need({ fact: 'admin-is-legal-representative', websiteId: site.id });
		websites.push({
			id: site.id,
			adminIsLeader: isLeader,
			adminIsLegalRepresentative: admin.isLegalRepresentative ?? false,
			adminCertificateType: (admin.certificateType ?? subject.leader.certificateType ?? 'resident-id-card') satisfies CertificateType,
			preApprovals: site.preApprovals.map((p) => p.category)
		});
	}
	const relevant = missing.filter((m) => organisation || !ORGANISATION_ONLY.has(m.fact));
	if (relevant.length > 0 || !order.kind || !subject.type || !subject.province || !subject.leader.certificateType) return { ok: false, missing: relevant };
	const home = subject.certificateType === 'resident-id-card' ? provinceOfResidentId(subject.certificateNumber.trim()) : undefined;
	return {
		ok: true,
		facts: {
			operation: order.kind,
			subjectType: subject.type,
			province: subject.province,
			leaderCertificateType: subject.leader.certificateType,
			leaderIsLegalRepresentative: subject.leader.isLegalRepresentative ?? false,
			outOfProvince: subject.type === 'individual' && home !== undefined && home !== subject.province,
			...(input.applicantRole ? { applicantRole: input.applicantRole } : {}),
			websites
		}
	};
}
