import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, parseUscc, usccCheckChar } from '$lib/domain/identity/uscc.ts';
import { organizationCodeCheckChar } from '$lib/domain/identity/organization-code.ts';
import type { Result } from '$lib/domain/result.ts';

const rules = (r: Result<unknown>) => r.issues.map((i) => i.rule);

describe('USCC (domain-research §8.2 vectors)', () => {
	it.each([
		'91350100M000100Y43',
		'91110000101623741K',
		'911101066976941872',
		'91330106673959654P',
		'91440300708461136T',
		'914403001922038216'
	])('USCC-3 accepts the valid vector %s', (code) => {
		const r = parseUscc(code);
		expect(r.ok).toBe(true);
		expect(r.ok && r.value.isChecksumValid).toBe(true);
		expect(rules(r).filter((rule) => rule !== 'USCC-4')).toEqual([]);
	});

	it('USCC-3 flags the invalid vector 91350100M000100Y4A as an overridable warning', () => {
		const r = parseUscc('91350100M000100Y4A');
		expect(r.ok).toBe(true);
		expect(r.ok && r.value.isChecksumValid).toBe(false);
		expect(r.issues).toContainEqual(expect.objectContaining({ rule: 'USCC-3', severity: 'warning' }));
	});

	it('USCC-3 only warns for the real registered code that fails the check (91350211M0000XUF46)', () => {
		const r = parseUscc('91350211M0000XUF46');
		expect(r.ok).toBe(true);
		expect(rules(r)).toContain('USCC-3');
	});

	it('USCC-3 changing the last character of a valid code always fails the check', () => {
		for (const ch of USCC_CHARSET) {
			if (ch === 'P') continue;
			expect(rules(parseUscc(`91330106673959654${ch}`))).toContain('USCC-3');
		}
	});
});

describe('USCC rules', () => {
	it.each(['', '9133010667395965', '91330106673959654PP', '91330106673959654I', '9133010667395965O4', null, 18, '<script>'])(
		'USCC-1 refuses %j (wrong length or characters)',
		(input) => {
			expect(rules(parseUscc(input))).toEqual(['USCC-1']);
		}
	);

	it('USCC-1 normalises lowercase, spaces and full-width characters', () => {
		const r = parseUscc(' ９１３３０１０６ 673959654p ');
		expect(r.ok && r.value.code).toBe('91330106673959654P');
	});

	it('USCC-2 refuses a division code that is not six digits', () => {
		const first17 = '9133A106673959654';
		expect(rules(parseUscc(first17 + (usccCheckChar(first17) ?? '0')))).toEqual(['USCC-2']);
	});

	it('USCC-4 reports a failing embedded organisation code as info only', () => {
		const first17 = '91330106673959655';
		const r = parseUscc(first17 + (usccCheckChar(first17) ?? ''));
		expect(r.ok).toBe(true);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'USCC-4', severity: 'info' })]);
	});

	it('USCC-4 accepts an embedded organisation code with a correct GB 11714 check', () => {
		expect(organizationCodeCheckChar('67395965')).toBe('4');
		expect(rules(parseUscc('91330106673959654P'))).toEqual([]);
	});

	it('USCC-5 warns about an unknown registration authority code', () => {
		const first17 = 'B1330106673959654';
		const r = parseUscc(first17 + (usccCheckChar(first17) ?? ''));
		expect(r.ok).toBe(true);
		expect(r.issues).toContainEqual(expect.objectContaining({ rule: 'USCC-5', params: { code: 'B' } }));
	});

	it('USCC-1 derives the code structure', () => {
		const r = parseUscc('91330106673959654P');
		expect(r.ok && r.value).toMatchObject({
			registrationAuthority: '9',
			category: '91',
			divisionCode: '330106',
			organizationCode: '673959654'
		});
	});
});

const validUscc = fc
	.record({
		head: fc.constantFrom('91', '92', '93', '11', '51', 'Y1'),
		division: fc.stringMatching(/^\d{6}$/),
		body: fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 9, maxLength: 9 })
	})
	.map(({ head, division, body }) => {
		const first17 = head + division + body.join('');
		return first17 + (usccCheckChar(first17) ?? '');
	});

describe('USCC properties', () => {
	it('USCC-3 changing any one character of a valid code invalidates it', () => {
		fc.assert(
			fc.property(validUscc, fc.nat(17), fc.constantFrom(...USCC_CHARSET), (code, pos, ch) => {
				fc.pre(code.charAt(pos) !== ch);
				const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
				const r = parseUscc(changed);
				expect(!r.ok || (r.ok && !r.value.isChecksumValid)).toBe(true);
				expect(r.issues.some((i) => i.rule === 'USCC-3' || i.severity === 'error')).toBe(true);
			}),
			{ numRuns: 500 }
		);
	});

	it('USCC-1 normalise ∘ parse round-trips', () => {
		fc.assert(
			fc.property(validUscc, (code) => {
				const first = parseUscc(code.toLowerCase());
				expect(first.ok && first.value.code).toBe(code);
				const again = first.ok ? parseUscc(first.value.code) : first;
				expect(again.ok && again.value).toEqual(first.ok && first.value);
			})
		);
	});
});
