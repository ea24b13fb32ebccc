import { describe, expect, it } from 'vitest';
import { documentFactsOfDrafts } from '../../../../src/lib/domain/document/draft-facts.ts';
import { requiredDocuments } from '../../../../src/lib/domain/document/required-documents.ts';
import type { OrderDraft, SubjectDraft, WebsiteDraft } from '../../../../src/lib/domain/workspace/drafts.ts';
import { emptySubject } from '../../../../src/lib/sync/bindings/subject.ts';

const person = { name: '', certificateNumber: '', mobile: '', emergencyPhone: '', landline: '', email: '' };
const order = (overrides: Partial<OrderDraft> = {}): OrderDraft => ({ id: 'o1', layout: 1, kind: 'first-filing', websiteIds: [], targetWebsiteIds: [], documents: [], acknowledgedWarnings: [], cancellationReason: { text: '' }, ...overrides });
const subject = (overrides: Partial<SubjectDraft> = {}): SubjectDraft => ({
	...emptySubject(),
	type: 'enterprise',
	certificateType: 'uscc-certificate',
	province: 'BJ',
	leader: { ...person, name: '张三', certificateType: 'resident-id-card', certificateNumber: '110101199003074578', isLegalRepresentative: true },
	...overrides
});
const website = (overrides: Partial<WebsiteDraft> = {}): WebsiteDraft => ({
	id: 'w1', layout: 1, name: '示例', domain: 'example.cn', homepageUrl: '', serviceContent: [], languages: [], preApprovals: [],
	administrator: { ...person }, access: { provider: '', serviceCode: '', ips: [], region: '' }, remarks: '', ...overrides
});

describe('checklist facts from drafts', () => {
	it('DOC-18 names every missing fact and computes nothing until they are answered', () => {
		const outcome = documentFactsOfDrafts({ order: order({ kind: undefined }), subject: { ...emptySubject(), type: 'enterprise' }, websites: [] });
		expect(outcome).toEqual({
			ok: false,
			missing: [{ fact: 'operation' }, { fact: 'province' }, { fact: 'leader-certificate-type' }, { fact: 'leader-is-legal-representative' }]
		});
	});

	it('DOC-18 an individual is not asked whether anyone is the legal representative', () => {
		const outcome = documentFactsOfDrafts({ order: order({ websiteIds: ['w1'] }), subject: subject({ type: 'individual', leader: { ...person, certificateType: 'resident-id-card' } }), websites: [website()] });
		expect(outcome).toEqual({ ok: false, missing: [{ fact: 'admin-certificate-type', websiteId: 'w1' }] });
	});

	it('DOC-8 a website administrator who is the subject leader (same certificate) needs no own ID; another does', () => {
		const same = website({ administrator: { ...person, certificateType: 'resident-id-card', certificateNumber: '110101199003074578', isLegalRepresentative: true } });
		const other = website({ id: 'w2', administrator: { ...person, certificateType: 'resident-id-card', certificateNumber: '110101199512120016', isLegalRepresentative: false } });
		const outcome = documentFactsOfDrafts({ order: order({ websiteIds: ['w1', 'w2'] }), subject: subject(), websites: [same, other] });
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		const docs = requiredDocuments(outcome.facts).map((d) => `${d.kind}/${d.owner}/${d.websiteId ?? ''}`);
		expect(docs).toEqual(['subject-certificate/subject/', 'id-front/subject-leader/', 'id-back/subject-leader/', 'id-front/website-admin/w2', 'id-back/website-admin/w2']);
	});

	it('DOC-12 an individual filing outside the province of the ID is out of province', () => {
		const outcome = documentFactsOfDrafts({
			order: order(),
			subject: subject({ type: 'individual', certificateType: 'resident-id-card', certificateNumber: '110101199003074578', province: 'GD' }),
			websites: []
		});
		expect(outcome.ok && outcome.facts.outOfProvince).toBe(true);
	});
});
