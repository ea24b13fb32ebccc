import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLandline, parseMobile } from '$lib/domain/contact/phone.ts';
import type { Result } from '$lib/domain/result.ts';

const rules = (r: Result<unknown>) => r.issues.map((i) => i.rule);

describe('mobile numbers (domain-research §8.4)', () => {
	it.each(['13800138000', '+86 138 0013 8000', '0086-138-0013-8000', '１３８００１３８０００', '86 13800138000'])(
		'PHONE-1 accepts and normalises %j',
		(input) => {
			const r = parseMobile(input);
			expect(r.ok && r.value.number).toBe('13800138000');
			expect(r.issues).toEqual([]);
		}
	);

	it.each(['', '1380013800', '138001380001', '12800138000', '23800138000', 'phone', null, 13800138000])(
		'PHONE-1 refuses %j',
		(input) => {
			expect(rules(parseMobile(input))).toEqual(['PHONE-1']);
		}
	);

	it.each(['16212345678', '16512345678', '16712345678', '17012345678', '17112345678'])(
		'PHONE-2 warns that the virtual segment of %s may not receive the MIIT SMS',
		(input) => {
			const r = parseMobile(input);
			expect(r.ok).toBe(true);
			expect(r.issues).toEqual([expect.objectContaining({ rule: 'PHONE-2', severity: 'warning', params: { segment: input.slice(0, 3) } })]);
		}
	);

	it.each(['14512345678', '14712345678', '14912345678', '14012345678', '14112345678', '14412345678', '14612345678', '14812345678'])(
		'PHONE-3 refuses the data-only or IoT segment of %s',
		(input) => {
			expect(rules(parseMobile(input))).toEqual(['PHONE-3']);
		}
	);

	it.each(['15412345678', '19412345678', '17912345678'])('PHONE-4 warns about the unknown segment of %s', (input) => {
		const r = parseMobile(input);
		expect(r.ok).toBe(true);
		expect(rules(r)).toEqual(['PHONE-4']);
	});

	it('PHONE-1 accepts every carrier segment of the 2020 list without issues', () => {
		for (const seg of ['130', '134', '135', '150', '157', '166', '172', '1740', '177', '180', '189', '190', '192', '199']) {
			const number = (seg + '00000000000').slice(0, 11);
			expect(parseMobile(number).issues).toEqual([]);
		}
	});

	it('PHONE-1 normalise ∘ parse round-trips', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^1(3\d|5[0-35-9]|8\d|9[0-35-9])\d{8}$/), (m) => {
				const r = parseMobile(`+86 ${m.slice(0, 3)}-${m.slice(3, 7)} ${m.slice(7)}`);
				expect(r.ok && r.value.number).toBe(m);
				const again = r.ok ? parseMobile(r.value.number) : r;
				expect(again.ok && again.value.number).toBe(m);
			})
		);
	});
});

describe('landlines (domain-research §8.4)', () => {
	it.each([
		['0571-88888888', '0571-88888888'],
		['057188888888', '0571-88888888'],
		['(010)12345678', '010-12345678'],
		['010 1234 5678', '010-12345678'],
		['02012345678', '020-12345678'],
		['+86 571 8888 8888', '0571-88888888'],
		['0571-8888888-123', '0571-8888888-123'],
		['０５７１－８８８８８８８８', '0571-88888888']
	])('PHONE-5 accepts %j as %s', (input, expected) => {
		const r = parseLandline(input);
		expect(r.ok && r.value.number).toBe(expected);
	});

	it.each(['', '88888888', '0571-123', '0571-123456789', '13800138000', 'tel:0571', null])('PHONE-5 refuses %j', (input) => {
		expect(rules(parseLandline(input))).toEqual(['PHONE-5']);
	});

	it('PHONE-5 splits area code, number and extension', () => {
		const r = parseLandline('0571-88888888-12');
		expect(r.ok && r.value).toEqual({ number: '0571-88888888-12', areaCode: '0571', local: '88888888', extension: '12' });
	});
});
