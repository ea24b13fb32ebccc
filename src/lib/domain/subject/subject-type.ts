/**
 * Subject types (主办单位性质) and the certificate types each accepts, domain-research §5.1.
 * Types 1–5 and the government list are from the WeChat/MIIT dictionary [W1][W2]; the others
 * from Tencent's materials table [T26]; the rarer organisation types pair with the matching
 * entry of Alibaba's dictionary [A27] (their MIIT codes are unconfirmed). A USCC certificate is
 * accepted for every organisation type since the three-in-one reform [T2]. Data, not branches.
 */
import { CERTIFICATE_TYPES, CERTIFICATE_TYPE_INFO, type CertificateType } from '../identity/certificate-type.ts';

export const SUBJECT_TYPES = [
	'defense',
	'government',
	'institution',
	'enterprise',
	'individual',
	'social-organization',
	'private-non-enterprise',
	'foundation',
	'law-firm',
	'foreign-cultural-centre',
	'judicial-appraisal',
	'religious-organization',
	'overseas-organization',
	'medical-institution',
	'notary-office'
] as const;

export type SubjectType = (typeof SUBJECT_TYPES)[number];

const ORG = ['uscc-certificate', 'organization-code-certificate'] as const satisfies readonly CertificateType[];

export const SUBJECT_CERTIFICATES = {
	defense: ['military-unit-code', 'military-paid-service-licence'],
	government: [...ORG],
	institution: [...ORG, 'public-institution-legal-person-certificate'],
	enterprise: ['uscc-certificate', 'business-licence', 'foreign-enterprise-representative-office-certificate'],
	// Every personal certificate, as listed (with its holder) in identity/certificate-type.ts.
	individual: CERTIFICATE_TYPES.filter((t) => CERTIFICATE_TYPE_INFO[t].holder === 'individual'),
	'social-organization': [...ORG, 'social-organization-registration-certificate', 'social-service-agency-registration-certificate'],
	'private-non-enterprise': [...ORG, 'private-non-enterprise-unit-certificate', 'private-school-licence'],
	foundation: [...ORG, 'foundation-legal-person-certificate'],
	'law-firm': [...ORG, 'law-firm-practice-licence'],
	'foreign-cultural-centre': ['foreign-cultural-centre-registration-certificate', 'foreign-tourism-office-registration-certificate'],
	'judicial-appraisal': [...ORG, 'judicial-appraisal-licence'],
	'religious-organization': [...ORG, 'religious-venue-registration-certificate'],
	'overseas-organization': ['overseas-organization-certificate'],
	'medical-institution': [...ORG, 'medical-institution-licence'],
	'notary-office': [...ORG, 'notary-office-licence']
} satisfies Record<SubjectType, readonly CertificateType[]>;

/** Whether the subject type accepts the certificate type (rule SUBJ-1). */
export function acceptsCertificate(type: SubjectType, certificate: CertificateType): boolean {
	const accepted: readonly CertificateType[] = SUBJECT_CERTIFICATES[type];
	return accepted.includes(certificate);
}

/** Government, defence and other state bodies may use national words (中国, 国家…) in names. */
export function isStateBody(type: SubjectType): boolean {
	return type === 'government' || type === 'defense';
}
