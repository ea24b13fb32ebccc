/**
 * CERT-9: one organisation, one key — the aliases of issue 7 #5 and the ones next to them, as
 * examples and as fast-check properties over random valid USCCs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	certificateKey,
	normalizeCertificate,
	organizationCodeCheckChar,
	parseCertificateNumber,
	usccCheckChar,
	USCC_CHARSET,
	type CertificateType
} from '$lib/domain/index.ts';

const USCC = '91330106673959654P';
const ORG_KEY = 'org:673959654';

function keyOf(type: string, number: string): string | null {
	const r = normalizeCertificate(type, number);
	return r.ok ? certificateKey(r.value) : null;
}

/** Full-width (U+FF01…) form of ASCII letters and digits. */
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('CERT-9 one organisation, one key', () => {
	it.each([
		['uscc-certificate', USCC],
		['business-licence', USCC.toLowerCase()],
		['uscc-certificate', '9133-0106-6739-5965-4P'],
		['business-licence', ' 9133 0106 6739 5965 4p '],
		['uscc-certificate', fullWidth(USCC)],
		['organization-code-certificate', '67395965-4'],
		['organization-code-certificate', '673959654'],
		['organization-code-certificate', fullWidth('67395965') + '－' + fullWidth('4')],
		['public-institution-legal-person-certificate', `${USCC}-`],
		['public-institution-legal-person-certificate', `${USCC.toLowerCase()}－`],
		['social-organization-registration-certificate', `${USCC}-1`],
		['law-firm-practice-licence', `${USCC}（副本）`],
		['foundation-legal-person-certificate', `统一社会信用代码${USCC}`],
		['private-non-enterprise-unit-certificate', '67395965-4'],
		['medical-institution-licence', `9133 0106 6739 5965 4P‐2`]
	])('CERT-9 %s %s keys on the organisation code inside the USCC', (type, number) => {
		expect(keyOf(type, number)).toBe(ORG_KEY);
	});

	it('CERT-9 notes a free-form number read as an organisation, with the code', () => {
		const r = parseCertificateNumber('social-organization-registration-certificate', `${USCC}-1`);
		expect(r.ok && r.value.number).toBe(`${USCC}-1`);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'CERT-9', severity: 'info', params: { code: '673959654' } })]);
		expect(parseCertificateNumber('social-organization-registration-certificate', '事证第133000001234号').issues).toEqual([]);
	});

	it('CERT-9 keeps what the research gives no mapping for on its own key', () => {
		// A pre-2015 registration number (CERT-8) is not derived into a USCC.
		expect(keyOf('business-licence', '330106000123456')).toBe('business-licence:330106000123456');
		// A long free-form number whose first 18 characters are USCC-shaped but fail the check is not read as one.
		expect(keyOf('medical-institution-licence', '42502258943010211A1001')).toBe('medical-institution-licence:42502258943010211A1001');
		// A 9-character free-form number with a wrong organisation-code check is not an organisation code.
		expect(keyOf('public-institution-legal-person-certificate', '67395965-5')).toBe('public-institution-legal-person-certificate:67395965-5');
		// Personal certificates never key as an organisation.
		expect(keyOf('passport', 'E67395965')).toBe('passport:E67395965');
		// Two different organisations stay apart.
		expect(keyOf('uscc-certificate', '91110000101623741K')).toBe('org:101623741');
	});

	it('CERT-9 the key is pure in the stored { type, number }: re-keying a canonical record gives the same key', () => {
		const r = normalizeCertificate('business-licence', USCC);
		expect(r.ok && certificateKey({ type: r.value.type, number: r.value.number.toLowerCase() })).toBe(ORG_KEY);
	});

	const orgCodeChar = fc.constantFrom(...USCC_CHARSET);
	/** A USCC with a valid check character and a valid embedded organisation code. */
	const uscc = fc
		.tuple(fc.constantFrom('91', '92', '93', '12', '51', '31'), fc.stringMatching(/^\d{6}$/), fc.array(orgCodeChar, { minLength: 8, maxLength: 8 }))
		.map(([head, division, body]) => {
			const body8 = body.join('');
			const org = body8 + (organizationCodeCheckChar(body8) ?? '0');
			const first17 = head + division + org;
			return { code: first17 + (usccCheckChar(first17) ?? '0'), org };
		})
		.filter(({ code }) => /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code));
	const organizationTypes: CertificateType[] = [
		'public-institution-legal-person-certificate',
		'social-organization-registration-certificate',
		'law-firm-practice-licence',
		'religious-venue-registration-certificate'
	];
	const spelling = fc.record({
		lower: fc.boolean(),
		wide: fc.boolean(),
		spaces: fc.array(fc.integer({ min: 0, max: 17 }), { maxLength: 4 }),
		trailing: fc.constantFrom('', '-', '-1', '（副本）', '(1-1)', '号')
	});

	it('CERT-9 property: every spelling of a USCC, under any organisation label, and its organisation code give one key', () => {
		fc.assert(
			fc.property(uscc, spelling, fc.constantFrom(...organizationTypes), ({ code, org }, s, freeType) => {
				let text = code;
				for (const at of [...s.spaces].sort((a, b) => b - a)) text = `${text.slice(0, at)} ${text.slice(at)}`;
				if (s.lower) text = text.toLowerCase();
				if (s.wide) text = fullWidth(text);
				const expected = `org:${org}`;
				expect(keyOf('uscc-certificate', text)).toBe(expected);
				expect(keyOf('business-licence', text)).toBe(expected);
				expect(keyOf(freeType, text + s.trailing)).toBe(expected);
				expect(keyOf('organization-code-certificate', `${org.slice(0, 8)}-${org.charAt(8)}`)).toBe(expected);
			})
		);
	});

	it('CERT-9 property: USCCs with different organisation codes never share a key', () => {
		fc.assert(
			fc.property(uscc, uscc, (a, b) => {
				fc.pre(a.org !== b.org);
				expect(keyOf('uscc-certificate', a.code)).not.toBe(keyOf('uscc-certificate', b.code));
			})
		);
	});
});
