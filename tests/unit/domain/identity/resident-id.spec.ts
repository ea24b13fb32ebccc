import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '$lib/domain/calendar/iso-date.ts';
import {
	RESIDENT_ID_PROVINCE_CODES,
	ageOn,
	parseResidentId,
	residentIdCheckChar
} from '$lib/domain/identity/resident-id.ts';
import type { Result } from '$lib/domain/result.ts';

const today = '2026-03-01' as IsoDate;
const parse = (input: unknown) => parseResidentId(input, { today });
const rules = (r: Result<unknown>) => r.issues.map((i) => i.rule);
/** 17 digits + their check character. */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe('resident ID (domain-research §8.1 vectors)', () => {
	it.each([
		'11010519491231002X',
		'11010219840406970X',
		'120223198902021249',
		'130132199210293822',
		'810000199408230021',
		'830000199201300022'
	])('ID-3 accepts the valid vector %s', (id) => {
		const r = parse(id);
		expect(r.ok).toBe(true);
		expect(r.issues).toEqual([]);
	});

	it('ID-5 accepts the standard Shantou example 440524188001010014 with a pre-1900 warning', () => {
		const r = parse('440524188001010014');
		expect(r.ok).toBe(true);
		expect(rules(r)).toEqual(['ID-5']);
	});

	it.each([
		['130402198207290622', '4'],
		['110105194912310020', 'X']
	])('ID-3 refuses the invalid vector %s (check should be %s)', (id, expected) => {
		expect(rules(parse(id))).toEqual(['ID-3']);
		expect(residentIdCheckChar(id)).toBe(expected);
	});
});

describe('resident ID rules', () => {
	it.each(['', '1101051949123100', '11010519491231002A', '1101051949123100200', 'abc', '<b>110105</b>'])(
		'ID-1 refuses a malformed number %j',
		(input) => {
			expect(rules(parse(input))).toEqual(['ID-1']);
		}
	);

	it.each([null, undefined, 42, {}, ['11010519491231002X']])('ID-1 refuses a non-string %j', (input) => {
		expect(rules(parse(input))).toEqual(['ID-1']);
	});

	it('ID-1 accepts a lowercase x, spaces and full-width digits and normalises them', () => {
		const r = parse(' １１０１０５ 19491231 002x ');
		expect(r.ok && r.value.number).toBe('11010519491231002X');
	});

	it('ID-2 refuses a birth date that is not a real date', () => {
		expect(rules(parse(withCheck('11010519490230002')))).toEqual(['ID-2']);
		expect(rules(parse(withCheck('11010519491301002')))).toEqual(['ID-2']);
	});

	it('ID-4 refuses a birth date after today', () => {
		expect(rules(parse(withCheck('11010520260302002')))).toEqual(['ID-4']);
		expect(parse(withCheck('11010520260301002')).ok).toBe(true);
	});

	it('ID-5 warns about a birth year before 1900', () => {
		const r = parse(withCheck('11010518991231002'));
		expect(r.ok).toBe(true);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'ID-5', severity: 'warning' })]);
	});

	it('ID-6 refuses an unknown province code', () => {
		const r = parse(withCheck('99010519491231002'));
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'ID-6', params: { code: '99' } })]);
	});

	it('ID-7 upgrades a 15-digit legacy number and says so', () => {
		const r = parse('110105491231002');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.number).toBe('11010519491231002X');
		expect(r.value.upgradedFrom15).toBe(true);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'ID-7', severity: 'info', params: { upgraded: '11010519491231002X' } })]);
	});

	it('ID-8 refuses a residence permit number whose address code is not 810000/820000/830000', () => {
		expect(rules(parse(withCheck('81010019940823002')))).toEqual(['ID-8']);
		expect(parse(withCheck('82000019940823002')).ok).toBe(true);
	});

	it('ID-1 derives birth date, gender, province and permit facts', () => {
		const r = parse('11010519491231002X');
		expect(r.ok && r.value).toMatchObject({
			birthDate: '1949-12-31',
			gender: 'female',
			provinceCode: '11',
			addressCode: '110105',
			isResidencePermit: false,
			upgradedFrom15: false
		});
		const permit = parse('810000199408230021');
		expect(permit.ok && permit.value.isResidencePermit).toBe(true);
		const male = parse(withCheck('11010519900101001'));
		expect(male.ok && male.value.gender).toBe('male');
	});

	it('ID-4 age derivation counts the birthday itself', () => {
		expect(ageOn('2008-03-01' as IsoDate, '2026-03-01' as IsoDate)).toBe(18);
		expect(ageOn('2008-03-02' as IsoDate, '2026-03-01' as IsoDate)).toBe(17);
	});
});

const validId = fc
	.record({
		province: fc.constantFrom(...RESIDENT_ID_PROVINCE_CODES.filter((c) => !['81', '82', '83'].includes(c))),
		date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
		rest: fc.stringMatching(/^\d{7}$/)
	})
	.map(({ province, date, rest }) => {
		const ymd = date.toISOString().slice(0, 10).replace(/-/g, '');
		return withCheck(`${province}${rest.slice(0, 4)}${ymd}${rest.slice(4)}`);
	});

describe('resident ID properties', () => {
	it('ID-3 changing any one character of a valid ID invalidates it', () => {
		fc.assert(
			fc.property(validId, fc.nat(17), fc.constantFrom(...'0123456789X'), (id, pos, ch) => {
				fc.pre(id.charAt(pos) !== ch);
				const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
				expect(parse(changed).ok).toBe(false);
			}),
			{ numRuns: 500 }
		);
	});

	it('ID-1 normalise ∘ parse round-trips', () => {
		fc.assert(
			fc.property(validId, (id) => {
				const first = parse(id);
				expect(first.ok).toBe(true);
				if (!first.ok) return;
				const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()}`;
				const again = parse(spaced);
				expect(again.ok && again.value).toEqual(first.value);
				expect(first.value.number).toBe(id);
			})
		);
	});
});
