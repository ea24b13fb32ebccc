import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkWebsiteName, type WebsiteNameFacts } from '../../../../src/lib/domain/website/website-name.ts';

const org = (name: string, extra: Partial<WebsiteNameFacts> = {}) =>
	checkWebsiteName({ name, subjectType: 'enterprise', subjectName: '北京示例科技有限公司', ...extra }).map((i) => i.rule);
const person = (name: string) => checkWebsiteName({ name, subjectType: 'individual', subjectName: '张三' }).map((i) => i.rule);

describe('website name', () => {
	it('accepts a good organisation name', () => {
		expect(org('示例科技官网')).toEqual([]);
	});
	it('NAME-1 refuses a name shorter than 3 Chinese characters', () => {
		expect(org('示例')).toContain('NAME-1');
		expect(org('')).toContain('NAME-1');
	});
	it('NAME-2 refuses a name of only digits or Latin letters', () => {
		expect(org('Example 123')).toContain('NAME-2');
	});
	it('NAME-3 refuses special symbols but allows ( ) -', () => {
		expect(org('示例科技★官网')).toContain('NAME-3');
		expect(org('示例科技(北京)-官网')).not.toContain('NAME-3');
	});
	it('NAME-4 refuses national prefixes for non-national units, not for government', () => {
		expect(org('中国示例科技网')).toContain('NAME-4');
		expect(checkWebsiteName({ name: '中国政府示例网', subjectType: 'government' }).map((i) => i.rule)).not.toContain('NAME-4');
	});
	it('NAME-5 warns about 全国 and 华夏 prefixes', () => {
		expect(org('华夏示例科技网')).toContain('NAME-5');
	});
	it('NAME-6 refuses the domain as name', () => {
		expect(org('example', { domain: 'example.cn' })).toContain('NAME-6');
		expect(org('www.example.cn', { domain: 'example.cn' })).toContain('NAME-6');
	});
	it('NAME-7 refuses sensitive words', () => {
		expect(org('示例赌博游戏')).toContain('NAME-7');
	});
	it('NAME-8 warns about reported sensitive words', () => {
		expect(org('示例科技投诉中心')).toContain('NAME-8');
	});
	it('NAME-9 refuses pre-approval words without the approval', () => {
		expect(org('示例科技新闻网')).toContain('NAME-9');
		expect(org('示例科技新闻网', { approvals: ['news'] })).not.toContain('NAME-9');
	});
	it('NAME-10 warns about education, medical and forum words without approval', () => {
		expect(org('示例科技论坛')).toContain('NAME-10');
		expect(org('示例科技论坛')).not.toContain('NAME-9');
	});
	it('NAME-11 refuses company words in an individual site name', () => {
		expect(person('张家有限公司')).toContain('NAME-11');
	});
	it('NAME-12 warns about words providers refuse for personal sites, with the source', () => {
		const issue = checkWebsiteName({ name: '星空摄影工作室', subjectType: 'individual' }).find((i) => i.rule === 'NAME-12');
		expect(issue?.params).toMatchObject({ word: '工作室' });
		expect(String(issue?.params.source)).toContain('X13');
	});
	it('NAME-13 warns about words some provinces refuse for individuals', () => {
		expect(person('星空视频记录')).toContain('NAME-13');
	});
	it('NAME-14 suggests a product remark when the organisation name is unrelated', () => {
		expect(org('星空摄影记录')).toContain('NAME-14');
		expect(org('示例科技官网')).not.toContain('NAME-14');
	});
	it('NAME-15 warns when an individual uses a person name', () => {
		expect(person('张三的摄影记录')).toContain('NAME-15');
	});
	it('never throws on arbitrary names', () => {
		fc.assert(fc.property(fc.string(), fc.constantFrom('individual', 'enterprise', 'government') , (name, t) =>
			Array.isArray(checkWebsiteName({ name, subjectType: t as 'individual' }))));
	});
});
