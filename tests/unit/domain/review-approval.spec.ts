/** What an administration approval does to the filing (src/lib/domain/review/approval.ts). */
import { describe, expect, it } from 'vitest';
import { parseFilingNumber } from '../../../src/lib/domain/filing-number/filing-number.ts';
import { validateApprovedRecord } from '../../../src/lib/domain/operation/approved-record.ts';
import { approvedAfter, filingAbbrOf, needsSubjectNumber, registryLinesOf, subjectFilingNumber, websiteFilingNumbers } from '../../../src/lib/domain/review/approval.ts';
import type { IsoDate } from '../../../src/lib/domain/calendar/iso-date.ts';
import { makeApprovedRecord, makeOrder, makeOrderWithWebsites, makeWebsite } from '../../support/factories.ts';

const on = '2026-12-02' as IsoDate;

describe('filing numbers', () => {
	it('FNUM-10 uses 蜀, 滇 and 陇 for Sichuan, Yunnan and Gansu, with the year and a six-digit serial that parses strictly', () => {
		expect([filingAbbrOf('SC'), filingAbbrOf('YN'), filingAbbrOf('GS'), filingAbbrOf('ZJ')]).toEqual(['蜀', '滇', '陇', '浙']);
		const number = subjectFilingNumber('SC', 2026, 42);
		expect(number).toBe('蜀ICP备2026000042号');
		const parsed = parseFilingNumber(number, { expect: 'icp-subject' });
		expect(parsed.ok && parsed.issues).toEqual([]);
		expect(() => subjectFilingNumber('SC', 2026, 0)).toThrow();
	});

	it('FNUM-11 numbers websites -1, -2 … in order; existing websites keep theirs and new ones continue after the highest', () => {
		const sites = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
		expect(websiteFilingNumbers('京ICP备2026000001号', sites)).toEqual({ a: '京ICP备2026000001号-1', b: '京ICP备2026000001号-2', c: '京ICP备2026000001号-3' });
		expect(websiteFilingNumbers('京ICP备2026000001号', sites, { b: '京ICP备2026000001号-4' })).toEqual({ a: '京ICP备2026000001号-5', b: '京ICP备2026000001号-4', c: '京ICP备2026000001号-6' });
	});
});

describe('approved record after an approval', () => {
	it('APPR-2 a first filing needs a new subject number and gives a valid record (APPR-1)', () => {
		const order = makeOrderWithWebsites(2);
		expect(needsSubjectNumber(order, null)).toBe(true);
		const { record } = approvedAfter(order, null, { subjectId: 's1', approvedOn: on, subjectNumber: '京ICP备2026000007号' });
		expect(record?.filingNumbers.websites).toEqual({ 'site-1': '京ICP备2026000007号-1', 'site-2': '京ICP备2026000007号-2' });
		expect(validateApprovedRecord(record).ok).toBe(true);
		expect(() => approvedAfter(order, null, { subjectId: 's1', approvedOn: on })).toThrow();
	});

	it('APPR-2 a change replaces the subject and the website of the same id, keeping its number', () => {
		const approved = makeApprovedRecord({ subjectId: 's1' });
		const renamed = makeWebsite({ name: '示例科技新官网' });
		const order = makeOrder({ kind: 'change-website', websites: [renamed], targetWebsiteIds: [renamed.id] });
		expect(needsSubjectNumber(order, approved)).toBe(false);
		const { record } = approvedAfter(order, approved, { subjectId: 's1', approvedOn: on });
		expect(record?.websites.map((w) => w.name)).toEqual(['示例科技新官网']);
		expect(record?.filingNumbers).toEqual(approved.filingNumbers);
	});

	it('APPR-3 APPR-4 cancel subject leaves no record; cancel website removes it and a subject without websites is a shell', () => {
		const approved = makeApprovedRecord({ subjectId: 's1' });
		expect(approvedAfter(makeOrder({ kind: 'cancel-subject' }), approved, { subjectId: 's1', approvedOn: on }).record).toBeNull();
		const { record } = approvedAfter(makeOrder({ kind: 'cancel-website', targetWebsiteIds: ['site-1'] }), approved, { subjectId: 's1', approvedOn: on });
		expect(record?.websites).toEqual([]);
		expect(record?.filingNumbers.websites).toEqual({});
		expect(record?.shellFiling).toBe(true);
	});

	it('APPR-5 cancel access unlinks the website and flags a shell filing unless another provider serves it', () => {
		const approved = makeApprovedRecord({ subjectId: 's1' });
		const order = makeOrder({ kind: 'cancel-access', targetWebsiteIds: ['site-1'] });
		const alone = approvedAfter(order, approved, { subjectId: 's1', approvedOn: on }).record;
		expect(alone?.shellFiling).toBe(true);
		expect(alone?.websites[0]?.access).toMatchObject({ provider: '', serviceCode: '' });
		expect(alone?.filingNumbers).toEqual(approved.filingNumbers);
		const shared = approvedAfter(order, { ...approved, otherAccessProviders: { 'site-1': 1 } }, { subjectId: 's1', approvedOn: on }).record;
		expect(shared?.shellFiling).toBe(false);
	});
});

describe('registry lines', () => {
	it('REG-1 carries subject name and type, numbers, website name, domain, home URL and the date, and nothing personal', () => {
		const record = makeApprovedRecord({ subjectId: 's1' });
		const lines = registryLinesOf(record);
		expect(lines).toEqual([{ subjectName: record.subject.name, subjectType: 'enterprise', subjectNumber: '京ICP备12345678号', websiteName: record.websites[0]?.name, websiteNumber: '京ICP备12345678号-1', domain: 'example-tech.cn', homeUrl: 'https://www.example-tech.cn/', approvedOn: '2026-10-15', shellFiling: false }]);
		const text = JSON.stringify(lines);
		for (const secret of [record.subject.certificateNumber, record.subject.leader.name, record.subject.leader.mobile, record.subject.certificateAddress]) expect(text).not.toContain(secret);
		expect(registryLinesOf({ ...record, websites: [], filingNumbers: { subject: '京ICP备12345678号', websites: {} } })).toHaveLength(1);
		expect(registryLinesOf(null)).toEqual([]);
	});
});
