import { describe, expect, it } from 'vitest';
import { requiredDocuments, type DocumentFacts } from '../../../../src/lib/domain/document/required-documents.ts';
import { checkDocuments } from '../../../../src/lib/domain/document/document-check.ts';
import { makeAdmin, makeIndividual, makeOrder, makeSubject, makeWebsite } from '../../../support/factories.ts';

const base: DocumentFacts = {
	operation: 'first-filing', subjectType: 'enterprise', province: 'BJ', leaderCertificateType: 'resident-id-card', leaderIsLegalRepresentative: true
};
const kinds = (f: Partial<DocumentFacts>) => requiredDocuments({ ...base, ...f }).map((d) => `${d.kind}/${d.owner}`);
const site = (o: Partial<NonNullable<DocumentFacts['websites']>[number]> = {}) => ({
	id: 's1', adminIsLeader: false, adminIsLegalRepresentative: false, adminCertificateType: 'resident-id-card' as const, preApprovals: [], ...o
});
const rulesOf = (f: Partial<DocumentFacts>) => requiredDocuments({ ...base, ...f }).flatMap((d) => d.rules);

describe('document matrix', () => {
	it('DOC-1 e-mail initialization, individual: ID front and back', () => {
		expect(kinds({ operation: 'email-initialization', subjectType: 'individual' }).slice(0, 2)).toEqual(['id-front/applicant', 'id-back/applicant']);
	});
	it('DOC-2 e-mail initialization, individual: exactly ID front, back and half-length photo holding the ID', () => {
		expect(kinds({ operation: 'email-initialization', subjectType: 'individual' })).toEqual(['id-front/applicant', 'id-back/applicant', 'holding-id-photo/applicant']);
	});
	it('DOC-3 e-mail initialization, organisation: photo holding the subject credential', () => {
		expect(kinds({ operation: 'email-initialization', applicantRole: 'subject-leader' })[0]).toBe('holding-credential-photo/applicant');
	});
	it('DOC-4 e-mail initialization, organisation: applicant ID front and back, no letter for an administrator', () => {
		expect(kinds({ operation: 'email-initialization', applicantRole: 'website-admin' })).toEqual(['holding-credential-photo/applicant', 'id-front/applicant', 'id-back/applicant']);
	});
	it('DOC-5 e-mail initialization, organisation: sealed authorization letter when the applicant is neither administrator', () => {
		expect(kinds({ operation: 'email-initialization', applicantRole: 'other' })).toEqual([
			'holding-credential-photo/applicant', 'id-front/applicant', 'id-back/applicant', 'email-init-authorization-letter/subject'
		]);
	});
	it('DOC-6 organisation filing: subject certificate', () => {
		expect(kinds({})).toContain('subject-certificate/subject');
		expect(kinds({ subjectType: 'individual' })).not.toContain('subject-certificate/subject');
	});
	it('DOC-7 filing: subject leader identity document, front only for a passport', () => {
		expect(kinds({})).toEqual(['subject-certificate/subject', 'id-front/subject-leader', 'id-back/subject-leader']);
		expect(kinds({ leaderCertificateType: 'passport' })).not.toContain('id-back/subject-leader');
	});
	it('DOC-8 filing: website administrator ID when not the leader', () => {
		const docs = requiredDocuments({ ...base, websites: [site()] }).filter((d) => d.owner === 'website-admin');
		expect(docs.map((d) => [d.kind, d.websiteId])).toEqual([['id-front', 's1'], ['id-back', 's1']]);
		expect(kinds({ websites: [site({ adminIsLeader: true })] })).not.toContain('id-front/website-admin');
	});
	it('DOC-9 leader authorization letter where the province allows it (Sichuan), citing the province rule', () => {
		const docs = requiredDocuments({ ...base, province: 'SC', leaderIsLegalRepresentative: false });
		expect(docs.find((d) => d.kind === 'leader-authorization-letter')?.rules).toEqual(['DOC-9', 'PROV-SC-1']);
		expect(kinds({ leaderIsLegalRepresentative: false })).not.toContain('leader-authorization-letter/subject');
	});
	it('DOC-10 website administrator authorization letter by province', () => {
		expect(rulesOf({ province: 'SH', websites: [site()] })).toContain('DOC-10');
		expect(rulesOf({ province: 'BJ', websites: [site()] })).not.toContain('DOC-10');
	});
	it('DOC-11 domain certificate by province and domain count', () => {
		expect(rulesOf({ province: 'JS', websites: [site()] })).toContain('DOC-11');
		expect(rulesOf({ province: 'HA', websites: [site(), site({ id: 's2' }), site({ id: 's3' })] })).not.toContain('DOC-11');
		expect(rulesOf({ province: 'HA', websites: ['a', 'b', 'c', 'd'].map((id) => site({ id })) })).toContain('DOC-11');
	});
	it('DOC-12 residence permit for an individual filing outside the ID province', () => {
		expect(kinds({ subjectType: 'individual', outOfProvince: true })).toContain('residence-permit/subject-leader');
	});
	it('DOC-13 pre-approval document per item', () => {
		const docs = requiredDocuments({ ...base, websites: [site({ preApprovals: ['news', 'culture'] })] }).filter((d) => d.kind === 'pre-approval-document');
		expect(docs.map((d) => d.preApprovalCategory)).toEqual(['news', 'culture']);
	});
	it('DOC-14 Xinjiang party-building letter for first filings and new websites only', () => {
		expect(rulesOf({ province: 'XJ' })).toContain('DOC-14');
		expect(rulesOf({ province: 'XJ', operation: 'new-access' })).not.toContain('DOC-14');
	});
	it('DOC-15 change certificate when the subject name or number changes', () => {
		expect(kinds({ operation: 'change-subject', nameChanged: true })).toContain('change-certificate/subject');
		expect(kinds({ operation: 'change-subject' })).toEqual([]);
	});
	it('DOC-16 reports each required document that is missing', () => {
		const order = makeOrder({ documents: [] });
		const missing = checkDocuments(order);
		expect(missing.map((i) => i.params.kind)).toEqual(['subject-certificate', 'id-front', 'id-back', 'id-front', 'id-back']);
		expect(missing.every((i) => i.rule === 'DOC-16' && i.severity === 'error')).toBe(true);
		expect(checkDocuments(makeOrder())).toEqual([]);
	});
	it('DOC-17 claim: the leader identity document', () => {
		expect(rulesOf({ operation: 'claim' })).toEqual(['DOC-17', 'DOC-17']);
	});
	it('derives facts from an order: an individual whose admin is the leader needs only the ID', () => {
		const s = makeIndividual();
		const order = makeOrder({ subject: s, websites: [makeWebsite({ administrator: s.leader })], documents: [] });
		expect(checkDocuments(order).map((i) => i.params.kind)).toEqual(['id-front', 'id-back']);
		expect(makeSubject().leader).not.toEqual(makeAdmin());
	});
});
