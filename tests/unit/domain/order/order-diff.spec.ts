import { describe, expect, it } from 'vitest';
import { changeDiff, diffValues } from '../../../../src/lib/domain/order/order-diff.ts';
import { cancelSummary } from '../../../../src/lib/domain/operation/cancel-summary.ts';
import { makeSubject, makeWebsite } from '../../../support/factories.ts';

describe('order diff', () => {
	const subject = makeSubject();
	const site = makeWebsite();
	const approved = { subject, websites: [site, makeWebsite({ id: 'site-2', domain: 'other.cn', name: '另一个网站' })] };

	it('TRACK-1 an unchanged record gives no changes, so a change order with nothing changed is recognisable', () => {
		expect(changeDiff({ kind: 'change-subject', subject: structuredClone(subject), websites: [], approved })).toEqual([]);
		expect(changeDiff({ kind: 'change-website', subject, websites: [structuredClone(site)], approved, targetWebsiteIds: ['site-1'] })).toEqual([]);
	});

	it('TRACK-1 a website change lists each changed field with its path in the order, before and after, and leaves access out', () => {
		const edited = { ...site, name: '示例科技新官网', remarks: '  ', access: { ...site.access, ips: ['1.2.3.4'] } };
		const changes = changeDiff({ kind: 'change-website', subject, websites: [edited], approved, targetWebsiteIds: ['site-1'] });
		expect(changes).toEqual([
			{ path: ['websites', 0, 'name'], before: '示例科技官方网站', after: '示例科技新官网' },
			{ path: ['websites', 0, 'remarks'], before: site.remarks, after: null }
		]);
	});

	it('TRACK-1 an access change lists only the access fields; lists compare as lists', () => {
		const edited = { ...site, name: 'ignored here', access: { ...site.access, ips: ['47.96.1.10', '47.96.1.11'], region: 'cn-shanghai' } };
		expect(changeDiff({ kind: 'change-access', subject, websites: [edited], approved, targetWebsiteIds: ['site-1'] })).toEqual([
			{ path: ['websites', 0, 'access', 'ips'], before: '47.96.1.10', after: '47.96.1.10, 47.96.1.11' },
			{ path: ['websites', 0, 'access', 'region'], before: 'cn-hangzhou', after: 'cn-shanghai' }
		]);
	});

	it('TRACK-1 a subject change reaches nested fields (the leader) and ignores ids, versions and filing numbers', () => {
		const edited = { ...subject, id: 'other', filingNumber: '京ICP备1号', leader: { ...subject.leader, mobile: '13900000000' } };
		const changes = changeDiff({ kind: 'change-subject', subject: edited, websites: [], approved });
		expect(changes).toEqual([{ path: ['subject', 'leader', 'mobile'], before: subject.leader.mobile, after: '13900000000' }]);
	});

	it('TRACK-1 a website not in the target list is not diffed; text differing only in outer spaces is unchanged', () => {
		const other = { ...approved.websites[1]!, name: '改了名' };
		expect(changeDiff({ kind: 'change-website', subject, websites: [other], approved, targetWebsiteIds: ['site-1'] })).toEqual([]);
		expect(diffValues({ a: ' x ' }, { a: 'x' })).toEqual([]);
		expect(diffValues({ list: [{ n: 'a' }] }, { list: [{ n: 'a' }, { n: 'b' }] })).toEqual([{ path: ['list', 1, 'n'], before: null, after: 'b' }]);
	});
});

describe('cancel summary', () => {
	const websites = [
		{ id: 'a', name: '甲网站', domain: 'a.cn', filingNumber: '京ICP备12345678号-1' },
		{ id: 'b', name: '乙网站', domain: 'b.cn', filingNumber: '京ICP备12345678号-2' }
	];

	it('TRACK-5 OP-16 cancel subject removes every website’s filing and keeps none', () => {
		const s = cancelSummary({ kind: 'cancel-subject', approved: { websites }, targetWebsiteIds: [] });
		expect(s.affected.map((w) => w.id)).toEqual(['a', 'b']);
		expect(s.remaining).toBe(0);
		expect(s.consequences).toMatchObject({ removes: 'subject-and-all-websites', deletesRecord: true, shellRisk: 'none' });
	});

	it('TRACK-5 OP-17 cancel website names the site, counts the ones kept, and warns of a shell subject only for the last one', () => {
		const one = cancelSummary({ kind: 'cancel-website', approved: { websites }, targetWebsiteIds: ['a'] });
		expect(one).toMatchObject({ remaining: 1, consequences: { removes: 'one-website', shellRisk: 'none' } });
		expect(one.affected.map((w) => w.name)).toEqual(['甲网站']);
		const last = cancelSummary({ kind: 'cancel-website', approved: { websites: [websites[0]!] }, targetWebsiteIds: ['a'] });
		expect(last.consequences.shellRisk).toBe('subject');
		expect(last.consequences.rules).toContain('OP-17');
	});

	it('TRACK-5 OP-18 cancel access only unlinks this provider: the number survives, a shell website is left without another provider', () => {
		const alone = cancelSummary({ kind: 'cancel-access', approved: { websites }, targetWebsiteIds: ['b'] });
		expect(alone).toMatchObject({ remaining: 2, consequences: { removes: 'access-here', numberSurvives: true, deletesRecord: false, shellRisk: 'website' } });
		const shared = cancelSummary({ kind: 'cancel-access', approved: { websites, otherAccessProviders: { b: 1 } }, targetWebsiteIds: ['b'] });
		expect(shared.consequences.shellRisk).toBe('none');
	});

	it('TRACK-5 a target outside the approved record is reported', () => {
		expect(cancelSummary({ kind: 'cancel-website', approved: { websites }, targetWebsiteIds: ['zz'] }).unknownTargets).toEqual(['zz']);
	});
});
