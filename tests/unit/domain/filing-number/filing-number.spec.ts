import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFilingNumber, parseFilingNumber } from '$lib/domain/filing-number/filing-number.ts';
import { FILING_PROVINCES_DATA, PROVINCE_ABBRS, abbrOfProvince } from '$lib/domain/filing-number/provinces.ts';
import type { Result } from '$lib/domain/result.ts';

const rules = (r: Result<unknown>) => r.issues.map((i) => i.rule);

describe('ICP filing numbers (domain-research §8.3)', () => {
	it.each([
		['浙ICP备2026012345号', 'icp-subject'],
		['浙ICP备12345678号-1', 'icp-website'],
		['蜀ICP备12014244号-2', 'icp-website'],
		['蜀ICP备2026007879号-1', 'icp-website'],
		['陇ICP备2021003158号-1', 'icp-website']
	])('FNUM-1 parses %s strictly without issues', (input, kind) => {
		const r = parseFilingNumber(input);
		expect(r.ok && r.value.kind).toBe(kind);
		expect(r.ok && r.value.formatted).toBe(input);
		expect(r.issues).toEqual([]);
	});

	it('FNUM-1 derives province, serial and site number', () => {
		const r = parseFilingNumber('蜀ICP备12014244号-2');
		expect(r.ok && r.value).toMatchObject({ province: '蜀', provinceCode: 'SC', serial: '12014244', site: 2 });
	});

	it.each(['', 'ICP备12345678号', '浙ICP12345678号', '浙ICP备号', 'hello', null, 12345678])('FNUM-1 refuses %j', (input) => {
		expect(rules(parseFilingNumber(input))).toEqual(['FNUM-1']);
	});

	it.each([
		['川ICP备12014244号', '蜀'],
		['云ICP备12345678号', '滇'],
		['甘ICP备2021003158号-1', '陇']
	])('FNUM-2 refuses the mistaken abbreviation in %s and suggests %s', (input, expected) => {
		const r = parseFilingNumber(input);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'FNUM-2', params: { found: input.charAt(0), expected } })]);
	});

	it('FNUM-2 refuses a character that is no province at all', () => {
		expect(rules(parseFilingNumber('X ICP备12345678号'))).toEqual(['FNUM-2']);
	});

	it('FNUM-2 knows all 31 abbreviations including 蜀 滇 陇', () => {
		expect(PROVINCE_ABBRS).toHaveLength(31);
		expect(new Set(PROVINCE_ABBRS).size).toBe(31);
		for (const abbr of PROVINCE_ABBRS) expect(parseFilingNumber(`${abbr}ICP备12345678号`).ok).toBe(true);
		expect(PROVINCE_ABBRS).toEqual(expect.arrayContaining(['蜀', '滇', '陇', '蒙', '黑', '藏']));
		expect(abbrOfProvince('ZJ')).toBe('浙');
		expect(FILING_PROVINCES_DATA.source).toContain('§8.3');
	});

	it.each(['浙ICP备1234567号', '浙ICP备123456789号', '浙ICP备12345678901号'])('FNUM-3 refuses %s (not 8 or 10 digits)', (input) => {
		expect(rules(parseFilingNumber(input))).toEqual(['FNUM-3']);
	});

	it.each([
		['滇ICP备09010050-5号', '滇ICP备09010050号-5'],
		['浙 ICP 备 2026012345 号 - 1', '浙ICP备2026012345号-1'],
		['浙ICP备2026012345', '浙ICP备2026012345号'],
		['浙icp备２０２６０１２３４５号－１', '浙ICP备2026012345号-1'],
		['浙ICP备2026012345号—1', '浙ICP备2026012345号-1']
	])('FNUM-4 reads the loose form %j as %s and says so', (input, formatted) => {
		const r = parseFilingNumber(input);
		expect(r.ok && r.value.formatted).toBe(formatted);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'FNUM-4', severity: 'info', params: { formatted } })]);
	});

	it.each(['浙ICP备12345678号-0', '浙ICP备12345678号-01'])('FNUM-5 refuses the website suffix in %s', (input) => {
		expect(rules(parseFilingNumber(input))).toContain('FNUM-5');
	});

	it('FNUM-9 refuses a subject number where a website number is asked for', () => {
		expect(rules(parseFilingNumber('浙ICP备12345678号', { expect: 'icp-website' }))).toEqual(['FNUM-9']);
		expect(parseFilingNumber('浙ICP备12345678号-3', { expect: 'icp-website' }).ok).toBe(true);
	});
});

describe('commercial licences and public-security numbers (domain-research §8.3)', () => {
	it.each(['浙B2-20080101', '粤B2-20090059', '粤B2-20090059-1626X', '粤B2-20090059-1'])('FNUM-6 parses the licence %s', (input) => {
		const r = parseFilingNumber(input);
		expect(r.ok && r.value.kind).toBe('icp-licence');
		expect(r.ok && r.value.formatted).toBe(input);
	});

	it('FNUM-6 strips a licence label and refuses malformed licences', () => {
		const r = parseFilingNumber('ICP证：浙B2-20080101');
		expect(r.ok && r.value.formatted).toBe('浙B2-20080101');
		expect(rules(parseFilingNumber('浙B2-2008010'))).toEqual(['FNUM-6']);
		expect(rules(parseFilingNumber('浙B2-20080101-ABC'))).toEqual(['FNUM-6']);
	});

	it('FNUM-7 parses the public-security number 浙公网安备 33010602009975号', () => {
		const r = parseFilingNumber('浙公网安备 33010602009975号');
		expect(r.ok && r.value).toMatchObject({ kind: 'public-security', serial: '33010602009975' });
		expect(r.issues).toEqual([]);
		expect(rules(parseFilingNumber('浙公网安备 3301060200997号'))).toEqual(['FNUM-7']);
	});

	it('FNUM-8 warns when the public-security area code does not match the province', () => {
		const r = parseFilingNumber('京公网安备 33010602009975号');
		expect(r.ok).toBe(true);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'FNUM-8', params: { province: '京', code: '33' } })]);
	});
});

describe('filing number properties', () => {
	const arbitraryNumber = fc.record({
		province: fc.constantFrom(...PROVINCE_ABBRS),
		serial: fc.oneof(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{10}$/)),
		site: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined })
	});

	it('FNUM-1 format ∘ parse round-trips', () => {
		fc.assert(
			fc.property(arbitraryNumber, ({ province, serial, site }) => {
				const text = formatFilingNumber(
					site === undefined ? { kind: 'icp-subject', province, serial } : { kind: 'icp-website', province, serial, site }
				);
				const r = parseFilingNumber(text);
				expect(r.ok && r.value.formatted).toBe(text);
				expect(r.issues).toEqual([]);
			})
		);
	});

	it('FNUM-4 parse is idempotent on its own output', () => {
		fc.assert(
			fc.property(arbitraryNumber, ({ province, serial, site }) => {
				const loose = ` ${province} icp 备 ${serial}${site === undefined ? '' : `-${site}`} 号 `;
				const r = parseFilingNumber(loose);
				const again = r.ok ? parseFilingNumber(r.value.formatted) : r;
				expect(again.ok && r.ok && again.value).toEqual(r.ok && r.value);
			})
		);
	});
});
