import { describe, expect, it } from 'vitest';
import { checkWebsite, isPublicIp } from '../../../../src/lib/domain/website/website-rules.ts';
import { failure, issue } from '../../../../src/lib/domain/result.ts';
import { validateOrder } from '../../../../src/lib/domain/order/validate-order.ts';
import type { IsoDate } from '../../../../src/lib/domain/calendar/iso-date.ts';
import { makeIndividual, makeOrder, makeSubject, makeWebsite, TODAY } from '../../../support/factories.ts';

const today = TODAY as IsoDate;
const org = makeSubject();
const individual = makeIndividual();
const rules = (site: ReturnType<typeof makeWebsite>, subject = org) => checkWebsite(site, { subject, today }).map((i) => i.rule);
const personalSite = (o: Partial<ReturnType<typeof makeWebsite>> = {}) =>
	makeWebsite({ name: '星空摄影记录', serviceContent: ['other'], remarks: '本网站为个人网站，用于记录个人摄影作品和日常生活，不涉及经营。', ...o });

describe('website', () => {
	it('passes the default organisation website and a careful personal one', () => {
		expect(checkWebsite(makeWebsite(), { subject: org, today })).toEqual([]);
		expect(rules(personalSite({ administrator: individual.leader }), individual)).toEqual([]);
	});
	it('SITE-1 requires a domain', () => {
		expect(rules(makeWebsite({ domain: '' }))).toContain('SITE-1');
	});
	it('SITE-2 requires the homepage on the website domain', () => {
		expect(rules(makeWebsite({ homepageUrl: 'https://other.cn/' }))).toContain('SITE-2');
		expect(rules(makeWebsite({ homepageUrl: 'example-tech.cn/index.html' }))).not.toContain('SITE-2');
	});
	it('SITE-3 refuses forum and e-commerce sites for individuals', () => {
		expect(rules(personalSite({ serviceContent: ['forum'] }), individual)).toContain('SITE-3');
	});
	it('SITE-4 warns when an individual picks content other than "other"', () => {
		expect(rules(personalSite({ serviceContent: ['general-portal'] }), individual)).toContain('SITE-4');
	});
	it('SITE-5 refuses pre-approval items on personal sites', () => {
		expect(rules(personalSite({ preApprovals: [{ category: 'news', number: 'X-1' }] }), individual)).toContain('SITE-5');
	});
	it('SITE-6 requires the approval number of a pre-approval item', () => {
		expect(rules(makeWebsite({ preApprovals: [{ category: 'culture', number: ' ' }] }))).toContain('SITE-6');
	});
	it('SITE-7 warns that a bbs domain counts as a forum', () => {
		expect(rules(makeWebsite({ domain: 'bbs-example.cn', homepageUrl: 'https://bbs-example.cn' }))).toContain('SITE-7');
	});
	it('SITE-8 asks individuals for a descriptive remark', () => {
		expect(rules(personalSite({ remarks: '个人网站' }), individual)).toContain('SITE-8');
	});
	it('SITE-9 warns about forbidden words in the remarks', () => {
		expect(rules(personalSite({ remarks: '本网站为个人网站，介绍我在有限公司的摄影工作经历和作品。' }), individual)).toContain('SITE-9');
	});
	it('SITE-10 refuses private or malformed IPs', () => {
		expect(rules(makeWebsite({ access: { provider: 'aliyun', serviceCode: 'S', ips: ['192.168.1.2'] } }))).toContain('SITE-10');
		expect(isPublicIp('47.96.1.10')).toBe(true);
		expect(isPublicIp('2408:4000::1')).toBe(true);
		expect(isPublicIp('999.1.1.1')).toBe(false);
		expect(isPublicIp('fe80::1')).toBe(false);
	});
	it('SITE-11 requires provider and service code', () => {
		expect(rules(makeWebsite({ access: { provider: '', serviceCode: '', ips: ['47.96.1.10'] } })).filter((r) => r === 'SITE-11')).toHaveLength(2);
	});
	it('SITE-12 requires a language', () => {
		expect(rules(makeWebsite({ languages: [] }))).toContain('SITE-12');
	});
	it('SITE-13 requires a service content', () => {
		expect(rules(makeWebsite({ serviceContent: [] }))).toContain('SITE-13');
	});
	it('SITE-14 refuses regions outside mainland China', () => {
		expect(rules(makeWebsite({ access: { provider: 'aliyun', serviceCode: 'S', ips: ['47.96.1.10'], region: 'cn-hongkong' } }))).toContain('SITE-14');
	});
	it('SITE-15 refuses the same domain twice in one order', () => {
		const order = makeOrder({ websites: [makeWebsite(), makeWebsite({ id: 'site-2', name: '示例科技文档' })] });
		expect(validateOrder(order, { today: TODAY }).issues.map((i) => i.rule)).toContain('SITE-15');
	});
	it('passes domain issues of the injected parser with the domain path', () => {
		const parseDomain = () => failure([issue('DOMAIN-X', 'error')]);
		const issues = checkWebsite(makeWebsite(), { subject: org, today, parseDomain, path: ['websites', 0] });
		expect(issues[0]).toMatchObject({ rule: 'DOMAIN-X', path: ['websites', 0, 'domain'] });
	});
});
