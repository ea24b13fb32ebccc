import { describe, expect, it } from 'vitest';
import { checkProvinceRules, provinceRulesFor } from '../../../../src/lib/domain/province/province-check.ts';
import { PROVINCE_RULES } from '../../../../src/lib/domain/province/province-rules-data.ts';
import { PROVINCE_CODES } from '../../../../src/lib/domain/province/provinces.ts';
import type { IsoDate } from '../../../../src/lib/domain/calendar/iso-date.ts';
import { TODAY } from '../../../support/factories.ts';
import { scenarioFor } from './province-scenarios.ts';

const today = TODAY as IsoDate;

/** The rule fires for an order that breaks it and stays silent for one that complies. */
function expectProvinceRule(id: string): void {
	const rule = PROVINCE_RULES.find((r) => r.id === id);
	expect(rule, id).toBeDefined();
	if (!rule) return;
	const { breaking, compliant } = scenarioFor(rule);
	const fired = checkProvinceRules({ order: breaking, today }).filter((i) => i.rule === id);
	expect(fired.length, `${id} should fire`).toBeGreaterThan(0);
	expect(fired.every((i) => i.severity === rule.severity)).toBe(true);
	expect(checkProvinceRules({ order: compliant, today }).map((i) => i.rule)).not.toContain(id);
}

describe('province rule data', () => {
	it('gives every row a unique ID of its own province, an asOf date and a source', () => {
		const ids = PROVINCE_RULES.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const r of PROVINCE_RULES) {
			expect(r.id.startsWith(`PROV-${r.province}-`)).toBe(true);
			expect(r.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(r.source).toMatch(/§/);
			expect(PROVINCE_CODES).toContain(r.province);
		}
		expect(provinceRulesFor('BJ')).toEqual([]);
	});
	it('never blocks: province rules warn or inform only', () => {
		expect(PROVINCE_RULES.every((r) => r.severity !== 'error')).toBe(true);
	});
});

describe('province rules', () => {
	it('PROV-TJ-1 Tianjin: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-TJ-1'));
	it('PROV-HE-1 Hebei: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-HE-1'));
	it('PROV-NM-1 Inner Mongolia: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-NM-1'));
	it('PROV-HL-1 Heilongjiang: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-HL-1'));
	it('PROV-SH-1 Shanghai: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-SH-1'));
	it('PROV-ZJ-1 Zhejiang: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-ZJ-1'));
	it('PROV-FJ-1 Fujian: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-FJ-1'));
	it('PROV-JX-1 Jiangxi: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-JX-1'));
	it('PROV-SD-1 Shandong: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-SD-1'));
	it('PROV-HA-1 Henan: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-HA-1'));
	it('PROV-HN-1 Hunan: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-HN-1'));
	it('PROV-HB-1 Hubei: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-HB-1'));
	it('PROV-GD-1 Guangdong: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-GD-1'));
	it('PROV-GX-1 Guangxi: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-GX-1'));
	it('PROV-CQ-1 Chongqing: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-CQ-1'));
	it('PROV-GZ-1 Guizhou: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-GZ-1'));
	it('PROV-YN-1 Yunnan: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-YN-1'));
	it('PROV-XZ-1 Tibet: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-XZ-1'));
	it('PROV-SN-1 Shaanxi: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-SN-1'));
	it('PROV-QH-1 Qinghai: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-QH-1'));
	it('PROV-NX-1 Ningxia: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-NX-1'));
	it('PROV-XJ-1 Xinjiang: The subject leader of an organisation must be its legal representative', () => expectProvinceRule('PROV-XJ-1'));
	it('PROV-JL-1 Jilin: A subject leader who is not the legal representative needs the legal representative\'s authorization letter', () => expectProvinceRule('PROV-JL-1'));
	it('PROV-AH-1 Anhui: A subject leader who is not the legal representative needs the legal representative\'s authorization letter', () => expectProvinceRule('PROV-AH-1'));
	it('PROV-SC-1 Sichuan: A subject leader who is not the legal representative needs the legal representative\'s authorization letter', () => expectProvinceRule('PROV-SC-1'));
	it('PROV-GS-1 Gansu: A subject leader who is not the legal representative needs the legal representative\'s authorization letter', () => expectProvinceRule('PROV-GS-1'));
	it('PROV-HL-2 Heilongjiang: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-HL-2'));
	it('PROV-GS-2 Gansu: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-GS-2'));
	it('PROV-NX-2 Ningxia: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-NX-2'));
	it('PROV-QH-2 Qinghai: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-QH-2'));
	it('PROV-SX-1 Shanxi: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-SX-1'));
	it('PROV-HA-2 Henan: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-HA-2'));
	it('PROV-CQ-2 Chongqing: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-CQ-2'));
	it('PROV-XJ-2 Xinjiang: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-XJ-2'));
	it('PROV-YN-2 Yunnan: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-YN-2'));
	it('PROV-GZ-2 Guizhou: Individuals whose ID was issued in another province are refused', () => expectProvinceRule('PROV-GZ-2'));
	it('PROV-JL-2 Jilin: Individuals with an ID from another province need a local residence (or temporary) permit', () => expectProvinceRule('PROV-JL-2'));
	it('PROV-NM-2 Inner Mongolia: Individuals with an ID from another province need a local residence (or temporary) permit', () => expectProvinceRule('PROV-NM-2'));
	it('PROV-JS-1 Jiangsu: Individuals with an ID from another province need a local residence (or temporary) permit', () => expectProvinceRule('PROV-JS-1'));
	it('PROV-SH-2 Shanghai: Individuals with an ID from another province need a local residence (or temporary) permit', () => expectProvinceRule('PROV-SH-2'));
	it('PROV-HB-2 Hubei: Individuals with an ID from another province need a local residence (or temporary) permit', () => expectProvinceRule('PROV-HB-2'));
	it('PROV-FJ-2 Fujian: Individuals with an ID from another province need a local residence (or temporary) permit', () => expectProvinceRule('PROV-FJ-2'));
	it('PROV-JX-2 Jiangxi: Individuals with an ID from another province need a local residence (or temporary) permit', () => expectProvinceRule('PROV-JX-2'));
	it('PROV-SC-2 Sichuan: Individuals with an ID from another province need a local residence (or temporary) permit', () => expectProvinceRule('PROV-SC-2'));
	it('PROV-GZ-3 Guizhou: Persons in charge must be at least 14 years old', () => expectProvinceRule('PROV-GZ-3'));
	it('PROV-QH-3 Qinghai: Persons in charge must be at least 14 years old', () => expectProvinceRule('PROV-QH-3'));
	it('PROV-FJ-3 Fujian: Persons in charge must be at least 14 years old', () => expectProvinceRule('PROV-FJ-3'));
	it('PROV-GD-2 Guangdong: Persons in charge must be at least 16 years old', () => expectProvinceRule('PROV-GD-2'));
	it('PROV-JS-2 Jiangsu: Persons in charge must be at least 16 years old', () => expectProvinceRule('PROV-JS-2'));
	it('PROV-TJ-2 Tianjin: Persons in charge must be at least 16 years old', () => expectProvinceRule('PROV-TJ-2'));
	it('PROV-QH-4 Qinghai: Certificates of persons in charge must stay valid for more than 3 months', () => expectProvinceRule('PROV-QH-4'));
	it('PROV-HB-3 Hubei: Certificates of persons in charge must stay valid for more than 3 months', () => expectProvinceRule('PROV-HB-3'));
	it('PROV-SH-3 Shanghai: Certificates of persons in charge must stay valid for more than 3 months', () => expectProvinceRule('PROV-SH-3'));
	it('PROV-JL-3 Jilin: The investor or parent body (投资人/主管单位) must be filled in', () => expectProvinceRule('PROV-JL-3'));
	it('PROV-NX-3 Ningxia: The investor or parent body (投资人/主管单位) must be filled in', () => expectProvinceRule('PROV-NX-3'));
	it('PROV-FJ-4 Fujian: The investor or parent body (投资人/主管单位) must be filled in', () => expectProvinceRule('PROV-FJ-4'));
	it('PROV-TJ-3 Tianjin: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-TJ-3'));
	it('PROV-SH-4 Shanghai: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-SH-4'));
	it('PROV-AH-2 Anhui: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-AH-2'));
	it('PROV-FJ-5 Fujian: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-FJ-5'));
	it('PROV-JX-3 Jiangxi: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-JX-3'));
	it('PROV-HN-2 Hunan: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-HN-2'));
	it('PROV-HB-4 Hubei: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-HB-4'));
	it('PROV-CQ-3 Chongqing: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-CQ-3'));
	it('PROV-SC-3 Sichuan: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-SC-3'));
	it('PROV-GZ-4 Guizhou: A website administrator who is not the legal representative needs an authorization letter', () => expectProvinceRule('PROV-GZ-4'));
	it('PROV-HA-3 Henan: Domain certificates are required when the order has 4 or more domains', () => expectProvinceRule('PROV-HA-3'));
	it('PROV-SN-2 Shaanxi: Domain certificates are required when the order has 5 or more domains', () => expectProvinceRule('PROV-SN-2'));
	it('PROV-JS-3 Jiangsu: Domain certificates are required when the order has 1 or more domains', () => expectProvinceRule('PROV-JS-3'));
	it('PROV-HN-3 Hunan: Domain certificates are required when the order has 1 or more domains', () => expectProvinceRule('PROV-HN-3'));
	it('PROV-YN-3 Yunnan: Domain certificates are required when the order has 1 or more domains', () => expectProvinceRule('PROV-YN-3'));
	it('PROV-XJ-3 Xinjiang: First filings and new websites need a party-building confirmation letter (党建确认函)', () => expectProvinceRule('PROV-XJ-3'));
	it('PROV-TJ-4 Tianjin: Individual sites must carry the province\'s mandatory declaration in the website remarks', () => expectProvinceRule('PROV-TJ-4'));
	it('PROV-GX-2 Guangxi: Individual sites must carry the province\'s mandatory declaration in the website remarks', () => expectProvinceRule('PROV-GX-2'));
	it('PROV-GS-3 Gansu: Individual sites must carry the province\'s mandatory declaration in the website remarks', () => expectProvinceRule('PROV-GS-3'));
	it('PROV-JS-4 Jiangsu: Individual sites must carry the province\'s mandatory declaration in the website remarks', () => expectProvinceRule('PROV-JS-4'));
	it('PROV-GD-3 Guangdong: Individuals hand-copy the commitment paragraph on the verification form', () => expectProvinceRule('PROV-GD-3'));
	it('PROV-JS-5 Jiangsu: Personal website names may only be "xx的个人博客" or "xx的个人主页"', () => expectProvinceRule('PROV-JS-5'));
	it('PROV-JS-6 Jiangsu: Organisations must give a landline (办公电话)', () => expectProvinceRule('PROV-JS-6'));
	it('PROV-LN-1 Liaoning: Names with 投资管理/理财/典当/担保/贷款 need both leaders to be the legal representative', () => expectProvinceRule('PROV-LN-1'));
	it('PROV-TJ-5 Tianjin: The website administrator must be a different person from the subject leader', () => expectProvinceRule('PROV-TJ-5'));
	it('PROV-HI-1 Hainan: If the subject leader is not the legal representative, the website administrator must be the subject leader', () => expectProvinceRule('PROV-HI-1'));
	it('PROV-JS-7 Jiangsu: If the subject leader is not the legal representative, the website administrator must be the subject leader', () => expectProvinceRule('PROV-JS-7'));
	it('PROV-XJ-4 Xinjiang: Every language the site uses must be ticked', () => expectProvinceRule('PROV-XJ-4'));
});
