import { describe, expect, it } from 'vitest';
import { applyChangeFields, buildCancelOrder, buildChangeOrder, changeFieldValues } from '../../../../src/lib/domain/order/change-order.ts';
import { changeDiff } from '../../../../src/lib/domain/order/order-diff.ts';
import { makeSubject, makeWebsite } from '../../../support/factories.ts';

const record = { subject: makeSubject(), websites: [makeWebsite(), makeWebsite({ id: 'site-2', domain: 'two.cn' })] };

describe('change and cancel orders from the approved record', () => {
	it('TRACK-1 the form starts from the record’s values (lists one per line) and an untouched form changes nothing', () => {
		const values = changeFieldValues('change-access', record, 'site-1');
		expect(values).toEqual({ 'access.serviceCode': 'SVC-0001', 'access.ips': '47.96.1.10', 'access.region': 'cn-hangzhou' });
		const site = applyChangeFields(record.websites[0]!, 'change-access', values);
		expect(changeDiff({ kind: 'change-access', subject: record.subject, websites: [site], approved: record, targetWebsiteIds: ['site-1'] })).toEqual([]);
	});

	it('TRACK-1 edited values land in a copy (the record is untouched), lists split on lines and commas', () => {
		const before = structuredClone(record);
		const site = applyChangeFields(record.websites[0]!, 'change-access', { 'access.serviceCode': ' SVC-9 ', 'access.ips': '1.1.1.1\n2.2.2.2, 3.3.3.3', 'access.region': '' });
		expect(site.access).toEqual({ provider: 'aliyun', serviceCode: 'SVC-9', ips: ['1.1.1.1', '2.2.2.2', '3.3.3.3'], region: '' });
		expect(record).toEqual(before);
	});

	it('a change-website order carries the edited website as its target, the record’s subject, and no acknowledgments yet', () => {
		const order = buildChangeOrder({ id: 'o-1', subjectId: 'abcdefghijklmnop', kind: 'change-website', created: '2026-03-02T10:00:00+08:00', record, websiteId: 'site-2', values: { name: '新名字', homepageUrl: 'https://two.cn/', remarks: '' } });
		expect(order).toMatchObject({ version: 2, id: 'o-1', kind: 'change-website', targetWebsiteIds: ['site-2'], documents: [], acknowledgedWarnings: [], subject: { ...record.subject, id: 'abcdefghijklmnop' } });
		expect((order?.websites as { name: string }[])[0]?.name).toBe('新名字');
		expect(buildChangeOrder({ id: 'o', subjectId: 's', kind: 'change-website', created: '2026-03-02T10:00:00+08:00', record, websiteId: 'nope', values: {} })).toBeNull();
	});

	it('OP-16 a cancel-subject order carries every website and the reason; cancel-website only its target', () => {
		const all = buildCancelOrder({ id: 'c', subjectId: 's', kind: 'cancel-subject', created: '2026-03-02T10:00:00+08:00', record, reason: { code: 'subject-deregistered', text: '  ' } });
		expect((all?.websites as unknown[]).length).toBe(2);
		expect(all?.cancellationReason).toEqual({ code: 'subject-deregistered' });
		const one = buildCancelOrder({ id: 'c', subjectId: 's', kind: 'cancel-website', created: '2026-03-02T10:00:00+08:00', record, websiteId: 'site-1', reason: { code: 'other', text: '网站不再运营' } });
		expect(one).toMatchObject({ targetWebsiteIds: ['site-1'], cancellationReason: { code: 'other', text: '网站不再运营' } });
	});
});
