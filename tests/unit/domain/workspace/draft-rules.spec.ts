import { describe, expect, it } from 'vitest';
import { checkSubjectDraft, checkWebsiteDraft } from '../../../../src/lib/domain/workspace/draft-rules.ts';
import type { SubjectDraft, WebsiteDraft } from '../../../../src/lib/domain/workspace/drafts.ts';

const person = { name: '', certificateNumber: '', mobile: '', emergencyPhone: '', landline: '', email: '' };
const subject = (over: Partial<SubjectDraft> = {}): SubjectDraft => ({
	certificateNumber: '',
	name: '',
	certificateAddress: '',
	correspondenceAddress: { city: '', district: '', detail: '' },
	investor: '',
	leader: person,
	remarks: '',
	...over
});

describe('live rules on drafts', () => {
	it('USCC-3 a wrong check character is a warning on the certificate number field of the draft', () => {
		const issues = checkSubjectDraft(subject({ type: 'enterprise', certificateType: 'uscc-certificate', certificateNumber: '91350100M000100Y4A' }));
		expect(issues).toContainEqual(expect.objectContaining({ rule: 'USCC-3', severity: 'warning', path: ['certificateNumber'] }));
		expect(checkSubjectDraft(subject({ type: 'enterprise', certificateType: 'uscc-certificate', certificateNumber: '91350100M000100Y43' }))).toEqual([]);
	});

	it('TEXT-2 markup in the subject name is an error on the name while typing; an empty draft says nothing', () => {
		expect(checkSubjectDraft(subject())).toEqual([]);
		const issues = checkSubjectDraft(subject({ name: '杭州&amp;科技' }));
		expect(issues).toEqual([expect.objectContaining({ rule: 'TEXT-2', path: ['name'] })]);
	});

	it('SUBJ-1 a certificate the subject type does not accept is an error on the certificate type', () => {
		const issues = checkSubjectDraft(subject({ type: 'individual', certificateType: 'uscc-certificate', certificateNumber: '91350100M000100Y43' }));
		expect(issues).toContainEqual(expect.objectContaining({ rule: 'SUBJ-1', path: ['certificateType'] }));
	});

	it('NAME-2 website names run their rules live, paths relative to the website', () => {
		const site: WebsiteDraft = {
			id: 'w1',
			layout: 1,
			name: 'abcdef',
			domain: '',
			homepageUrl: '',
			serviceContent: [],
			languages: [],
			preApprovals: [],
			administrator: person,
			access: { provider: '', serviceCode: '', ips: [], region: '' },
			remarks: ''
		};
		expect(checkWebsiteDraft(site, subject({ type: 'enterprise', name: '杭州示例科技有限公司' }))).toContainEqual(expect.objectContaining({ rule: 'NAME-2', path: ['name'] }));
	});
});
