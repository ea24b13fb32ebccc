import { describe, expect, it } from 'vitest';
import { CURRENT_DRAFT_ORDER, letterFieldsFor, type LetterSource } from '../../../../src/lib/domain/letter/letter-fields.ts';
import type { OrderDraft, PersonDraft, SubjectDraft, WebsiteDraft } from '../../../../src/lib/domain/workspace/drafts.ts';

function person(overrides: Partial<PersonDraft> = {}): PersonDraft {
	return { name: '', certificateNumber: '', mobile: '', emergencyPhone: '', landline: '', email: '', ...overrides };
}

const LEADER = person({ name: ' 王五 ', certificateType: 'resident-id-card', certificateNumber: '11010519491231002X', certificateValidUntil: '2031-05-06', mobile: '13800138000' });

function subject(overrides: Partial<SubjectDraft> = {}): SubjectDraft {
	return {
		type: 'enterprise',
		certificateType: 'uscc-certificate',
		certificateNumber: '91110000101623741K',
		name: '北京示例科技有限公司',
		certificateAddress: '',
		correspondenceAddress: { city: '北京市', district: ' ', detail: '海淀区中关村大街1号' },
		investor: '',
		leader: LEADER,
		remarks: '',
		...overrides
	};
}

function website(id: string, overrides: Partial<WebsiteDraft> = {}): WebsiteDraft {
	return {
		id,
		layout: 1,
		name: `网站${id}`,
		domain: `${id}.example.cn`,
		homepageUrl: '',
		serviceContent: [],
		languages: [],
		preApprovals: [],
		administrator: person(),
		access: { provider: '', serviceCode: '', ips: [], region: '' },
		remarks: '',
		...overrides
	};
}

function order(id: string, overrides: Partial<OrderDraft> = {}): OrderDraft {
	return { id, layout: 1, kind: 'first-filing', created: '2026-11-30T18:30:00Z', websiteIds: [], targetWebsiteIds: [], documents: [], acknowledgedWarnings: [], cancellationReason: { text: '' }, ...overrides };
}

const ADMIN_A = person({ name: '李四', certificateType: 'resident-id-card', certificateNumber: '110101199003074477' });

function source(overrides: Partial<LetterSource> = {}): LetterSource {
	return {
		subject: subject(),
		websites: [
			website('a', { administrator: ADMIN_A, access: { provider: '阿里云', serviceCode: '', ips: [], region: '' } }),
			website('b', { administrator: { ...LEADER, certificateNumber: '11010519491231002x' }, access: { provider: '阿里云', serviceCode: '', ips: [], region: '' } }),
			website('c')
		],
		orders: [order('o1', { websiteIds: ['b', 'missing'], targetWebsiteIds: ['a', 'b'] })],
		...overrides
	};
}

describe('letter fields', () => {
	it('PRINT-1 an order id that names no order of the draft gives no fields', () => {
		expect(letterFieldsFor('nope', source())).toBeNull();
	});

	it('PRINT-1 an order lists its filed then targeted websites once each, skipping ids the draft lacks', () => {
		const fields = letterFieldsFor('o1', source());
		expect(fields?.orderId).toBe('o1');
		expect(fields?.operation).toBe('first-filing');
		expect(fields?.websites.map((w) => w.id)).toEqual(['b', 'a']);
		expect(fields?.accessProviders).toEqual(['阿里云']);
	});

	it('PRINT-1 the order’s start date is its China date (18:30 UTC is the next day in Beijing)', () => {
		expect(letterFieldsFor('o1', source())?.started).toEqual({ year: 2026, month: 12, day: 1 });
	});

	it('PRINT-1 `current` is the subject and every website of the draft, with no order date or operation', () => {
		const fields = letterFieldsFor(CURRENT_DRAFT_ORDER, source({ orders: [] }));
		expect(fields?.orderId).toBeNull();
		expect(fields?.operation).toBeUndefined();
		expect(fields?.started).toBeNull();
		expect(fields?.websites.map((w) => w.id)).toEqual(['a', 'b', 'c']);
	});

	it('PRINT-2 texts are trimmed, empty ones stay empty strings, and the address joins only what was typed', () => {
		const fields = letterFieldsFor(CURRENT_DRAFT_ORDER, source());
		expect(fields?.leader.name).toBe('王五');
		expect(fields?.leader.email).toBe('');
		expect(fields?.leader.certificateValidUntil).toEqual({ year: 2031, month: 5, day: 6 });
		expect(fields?.subject.certificateAddress).toBe('');
		expect(fields?.subject.correspondenceAddress).toBe('北京市 海淀区中关村大街1号');
		expect(fields?.websites[2]?.administrator).toEqual({ name: '', certificateNumber: '', certificateValidUntil: null, mobile: '', email: '' });
		expect(JSON.stringify(fields)).not.toContain('undefined');
	});

	it('PRINT-2 markup typed into a field is kept as the characters typed (the page prints it as text)', () => {
		const fields = letterFieldsFor(CURRENT_DRAFT_ORDER, source({ subject: subject({ name: '杭州&amp;科技' }) }));
		expect(fields?.subject.name).toBe('杭州&amp;科技');
	});

	it('PRINT-3 the leader (not marked legal representative) and each other administrator are authorized once, by certificate', () => {
		const fields = letterFieldsFor(CURRENT_DRAFT_ORDER, source());
		expect(fields?.authorized.map((p) => p.name)).toEqual(['王五', '李四']);
	});

	it('PRINT-3 a leader marked legal representative and a legal-representative administrator are not authorized', () => {
		const sites = [website('a', { administrator: { ...ADMIN_A, isLegalRepresentative: true } }), website('b', { administrator: person({ name: '赵六' }) })];
		const fields = letterFieldsFor(CURRENT_DRAFT_ORDER, source({ subject: subject({ leader: { ...LEADER, isLegalRepresentative: true } }), websites: sites }));
		expect(fields?.authorized.map((p) => p.name)).toEqual(['赵六']);
	});

	it('PRINT-3 an administrator without a number who has the leader’s name counts as the leader; with nobody, one blank person', () => {
		const sites = [website('a', { administrator: person({ name: '王五' }) }), website('b')];
		const fields = letterFieldsFor(CURRENT_DRAFT_ORDER, source({ subject: subject({ leader: { ...LEADER, isLegalRepresentative: true } }), websites: sites }));
		expect(fields?.authorized).toEqual([{ name: '', certificateNumber: '', certificateValidUntil: null, mobile: '', email: '' }]);
	});

	it('PRINT-4 an order about no website has no websites (the form prints its website fields blank)', () => {
		const fields = letterFieldsFor('o2', source({ orders: [order('o2', { kind: 'change-subject' })] }));
		expect(fields?.websites).toEqual([]);
		expect(fields?.operation).toBe('change-subject');
	});

	it('PRINT-6 organisations get seal blocks and an individual does not; the legal representative’s name only when marked', () => {
		const company = letterFieldsFor(CURRENT_DRAFT_ORDER, source());
		expect(company?.hasSeal).toBe(true);
		expect(company?.legalRepresentativeName).toBe('');
		const marked = letterFieldsFor(CURRENT_DRAFT_ORDER, source({ subject: subject({ leader: { ...LEADER, isLegalRepresentative: true } }) }));
		expect(marked?.legalRepresentativeName).toBe('王五');
		const individual = letterFieldsFor(CURRENT_DRAFT_ORDER, source({ subject: subject({ type: 'individual' }) }));
		expect(individual?.hasSeal).toBe(false);
	});
});
