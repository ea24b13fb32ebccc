import { describe, expect, it } from 'vitest';
import { CERTIFICATE_TYPES, isCertificateType, isPersonalCertificate } from '$lib/domain/identity/certificate-type.ts';
import {
	certificateKey,
	normalizeCertificate,
	parseCertificateNumber
} from '$lib/domain/identity/certificate-number.ts';
import type { Result } from '$lib/domain/result.ts';

const rules = (r: Result<unknown>) => r.issues.map((i) => i.rule);

describe('certificate numbers per type', () => {
	it('CERT-1 refuses an unknown certificate type', () => {
		expect(rules(parseCertificateNumber('library-card', '12345678'))).toEqual(['CERT-1']);
		expect(rules(parseCertificateNumber(undefined, '12345678'))).toEqual(['CERT-1']);
		expect(isCertificateType('passport')).toBe(true);
		expect(isPersonalCertificate('passport')).toBe(true);
		expect(isPersonalCertificate('business-licence')).toBe(false);
	});

	it('ID-9 refuses a residence permit number entered as a resident ID card', () => {
		expect(rules(parseCertificateNumber('resident-id-card', '810000199408230021'))).toEqual(['ID-9']);
		expect(parseCertificateNumber('resident-id-card', '11010519491231002X').ok).toBe(true);
	});

	it('ID-9 matches HK/Macao permits to 81/82 and Taiwan permits to 83', () => {
		expect(parseCertificateNumber('hk-macao-residence-permit', '810000199408230021').ok).toBe(true);
		expect(rules(parseCertificateNumber('hk-macao-residence-permit', '830000199201300022'))).toEqual(['ID-9']);
		expect(parseCertificateNumber('taiwan-residence-permit', '830000199201300022').ok).toBe(true);
		expect(rules(parseCertificateNumber('taiwan-residence-permit', '11010519491231002X'))).toEqual(['ID-9']);
	});

	it('CERT-2 checks the HK/Macao travel permit format H/M + 8 digits', () => {
		const r = parseCertificateNumber('hk-macao-travel-permit', ' h1234５678 ');
		expect(r.ok && r.value.number).toBe('H12345678');
		expect(parseCertificateNumber('hk-macao-travel-permit', 'M87654321').ok).toBe(true);
		expect(rules(parseCertificateNumber('hk-macao-travel-permit', 'K12345678'))).toEqual(['CERT-2']);
		expect(rules(parseCertificateNumber('hk-macao-travel-permit', 'H1234567'))).toEqual(['CERT-2']);
	});

	it('CERT-3 checks the Taiwan travel permit format of 8 digits', () => {
		expect(parseCertificateNumber('taiwan-travel-permit', '12345678').ok).toBe(true);
		expect(rules(parseCertificateNumber('taiwan-travel-permit', '1234567'))).toEqual(['CERT-3']);
	});

	it('CERT-4 checks passports loosely (5–17 letters or digits)', () => {
		const r = parseCertificateNumber('passport', 'e12345678');
		expect(r.ok && r.value.number).toBe('E12345678');
		expect(rules(parseCertificateNumber('passport', 'E1'))).toEqual(['CERT-4']);
		expect(rules(parseCertificateNumber('passport', 'E123<45678'))).toEqual(['CERT-4']);
	});

	it('CERT-5 checks organisation codes and writes them XXXXXXXX-X', () => {
		const r = parseCertificateNumber('organization-code-certificate', '673959654');
		expect(r.ok && r.value.number).toBe('67395965-4');
		expect(rules(parseCertificateNumber('organization-code-certificate', '6739596'))).toEqual(['CERT-5']);
	});

	it('CERT-6 warns when the organisation code check character does not match', () => {
		const r = parseCertificateNumber('organization-code-certificate', '67395965-5');
		expect(r.ok).toBe(true);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'CERT-6', severity: 'warning' })]);
	});

	it('CERT-7 sanity-checks other organisation certificates and routes 18-character codes to the USCC check', () => {
		expect(parseCertificateNumber('military-unit-code', '某部队12345').ok).toBe(true);
		expect(rules(parseCertificateNumber('military-unit-code', '<img src=x>'))).toEqual(['CERT-7']);
		expect(rules(parseCertificateNumber('foundation-legal-person-certificate', 'ab'))).toEqual(['CERT-7']);
		const uscc = parseCertificateNumber('public-institution-legal-person-certificate', '91330106673959654A');
		expect(rules(uscc)).toContain('USCC-3');
		const asUscc = parseCertificateNumber('social-organization-registration-certificate', '91330106673959654P');
		expect(asUscc.ok && asUscc.value.format).toBe('uscc');
	});

	it('CERT-8 accepts a 15-digit business registration number with a note', () => {
		const r = parseCertificateNumber('business-licence', '330100000123456');
		expect(r.ok && r.value.format).toBe('registration-number-15');
		expect(rules(r)).toEqual(['CERT-8']);
		expect(rules(parseCertificateNumber('business-licence', 'nonsense'))).toEqual(['USCC-1']);
	});

	it('CERT-1 gives every certificate type a parser that never throws', () => {
		for (const type of CERTIFICATE_TYPES) {
			for (const input of ['', 'x'.repeat(10_000), '\u0000\u202e', 12, null, '91330106673959654P']) {
				const r = parseCertificateNumber(type, input);
				expect(typeof r.ok).toBe('boolean');
			}
		}
	});
});

describe('canonical certificates (one subject per account)', () => {
	it('ID-7 normalizeCertificate keys a 15-digit ID to its 18-digit form', () => {
		const a = normalizeCertificate('resident-id-card', '110105491231002');
		const b = normalizeCertificate('resident-id-card', '11010519491231002x');
		expect(a.ok && a.value).toEqual({ type: 'resident-id-card', number: '11010519491231002X' });
		expect(a.ok && b.ok && certificateKey(a.value) === certificateKey(b.value)).toBe(true);
	});

	it('USCC-1 normalizeCertificate gives the same key for a USCC entered under two licence labels', () => {
		const a = normalizeCertificate('business-licence', '91330106673959654p');
		const b = normalizeCertificate('uscc-certificate', '9133 0106 6739 5965 4P');
		expect(a.ok && b.ok && certificateKey(a.value)).toBe('org:673959654');
		expect(a.ok && b.ok && certificateKey(b.value)).toBe('org:673959654');
	});

	it('CERT-2 normalizeCertificate fails exactly when parsing fails', () => {
		expect(normalizeCertificate('hk-macao-travel-permit', 'nope').ok).toBe(false);
		const r = normalizeCertificate('hk-macao-travel-permit', 'H12345678');
		expect(r.ok && certificateKey(r.value)).toBe('hk-macao-travel-permit:H12345678');
	});
});
