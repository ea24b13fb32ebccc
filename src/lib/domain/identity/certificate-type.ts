/**
 * Certificate types (证件类型) a subject or a person in charge can present.
 *
 * The vocabulary follows domain-research §5.1: the Tencent materials table [T26], the personal
 * documents of [A8], and Alibaba's domain real-name dictionary [A27] used as a superset. The MIIT
 * dictionary changes [W1], so this list is data: `dictionaryName` is the name the dictionaries use
 * (for matching and mapping, not UI text — the app shows labels from its own catalogue).
 *
 * Part 2 (subject ↔ certificate compatibility) and the sync server (one subject per account,
 * keyed on `normalizeCertificate`) import these names: renaming one is a breaking change.
 */

export const CERTIFICATE_TYPES = [
	// Individuals
	'resident-id-card',
	'hk-macao-residence-permit',
	'taiwan-residence-permit',
	'hk-macao-travel-permit',
	'taiwan-travel-permit',
	'passport',
	'foreigner-permanent-residence-id',
	// Organisations
	'business-licence',
	'uscc-certificate',
	'organization-code-certificate',
	'public-institution-legal-person-certificate',
	'social-organization-registration-certificate',
	'private-non-enterprise-unit-certificate',
	'foundation-legal-person-certificate',
	'law-firm-practice-licence',
	'military-unit-code',
	'military-paid-service-licence',
	'foreign-enterprise-representative-office-certificate',
	'religious-venue-registration-certificate',
	'foreign-cultural-centre-registration-certificate',
	'foreign-tourism-office-registration-certificate',
	'judicial-appraisal-licence',
	'overseas-organization-certificate',
	'social-service-agency-registration-certificate',
	'private-school-licence',
	'medical-institution-licence',
	'notary-office-licence'
] as const;

export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export type CertificateHolder = 'individual' | 'organization';

export interface CertificateTypeInfo {
	readonly holder: CertificateHolder;
	/** Name in the MIIT / provider dictionaries (data for mapping, not UI text). */
	readonly dictionaryName: string;
	readonly source: string;
}

export const CERTIFICATE_TYPE_INFO = {
	'resident-id-card': { holder: 'individual', dictionaryName: '居民身份证', source: '§5.1 [A8][T26][A27]' },
	'hk-macao-residence-permit': { holder: 'individual', dictionaryName: '港澳居民居住证', source: '§5.1 [A8][A27]' },
	'taiwan-residence-permit': { holder: 'individual', dictionaryName: '台湾居民居住证', source: '§5.1 [A8][A27]' },
	'hk-macao-travel-permit': { holder: 'individual', dictionaryName: '港澳居民来往内地通行证', source: '§5.1 [A8][T26]' },
	'taiwan-travel-permit': { holder: 'individual', dictionaryName: '台湾居民来往大陆通行证', source: '§5.1 [A8][T26]' },
	passport: { holder: 'individual', dictionaryName: '护照', source: '§5.1 [A8][T26][A27]' },
	'foreigner-permanent-residence-id': { holder: 'individual', dictionaryName: '外国人永久居留身份证', source: '§5.1 [A27]' },
	'business-licence': { holder: 'organization', dictionaryName: '工商营业执照', source: '§5.1 [T26][A27]' },
	'uscc-certificate': { holder: 'organization', dictionaryName: '统一社会信用代码证书', source: '§5.1 [W2][A27]' },
	'organization-code-certificate': { holder: 'organization', dictionaryName: '组织机构代码证', source: '§5.1 [W2][T26]' },
	'public-institution-legal-person-certificate': { holder: 'organization', dictionaryName: '事业单位法人证书', source: '§5.1 [T26][A27]' },
	'social-organization-registration-certificate': { holder: 'organization', dictionaryName: '社会团体法人登记证书', source: '§5.1 [T26][A27]' },
	'private-non-enterprise-unit-certificate': { holder: 'organization', dictionaryName: '民办非企业单位登记证书', source: '§5.1 [T26][A27]' },
	'foundation-legal-person-certificate': { holder: 'organization', dictionaryName: '基金会法人登记证书', source: '§5.1 [T26][A27]' },
	'law-firm-practice-licence': { holder: 'organization', dictionaryName: '律师事务所执业许可证', source: '§5.1 [T26][A27]' },
	'military-unit-code': { holder: 'organization', dictionaryName: '部队代号', source: '§5.1 [A27]' },
	'military-paid-service-licence': { holder: 'organization', dictionaryName: '军队单位对外有偿服务许可证', source: '§5.1 [A27]' },
	'foreign-enterprise-representative-office-certificate': { holder: 'organization', dictionaryName: '外国企业常驻代表机构登记证', source: '§5.1 [A27]' },
	'religious-venue-registration-certificate': { holder: 'organization', dictionaryName: '宗教活动场所登记证', source: '§5.1 [A27]' },
	'foreign-cultural-centre-registration-certificate': { holder: 'organization', dictionaryName: '外国在华文化中心登记证', source: '§5.1 [A27]' },
	'foreign-tourism-office-registration-certificate': { holder: 'organization', dictionaryName: '外国政府旅游部门常驻代表机构批准登记证', source: '§5.1 [A27]' },
	'judicial-appraisal-licence': { holder: 'organization', dictionaryName: '司法鉴定许可证', source: '§5.1 [A27]' },
	'overseas-organization-certificate': { holder: 'organization', dictionaryName: '境外机构证件', source: '§5.1 [A27]' },
	'social-service-agency-registration-certificate': { holder: 'organization', dictionaryName: '社会服务机构登记证书', source: '§5.1 [A27]' },
	'private-school-licence': { holder: 'organization', dictionaryName: '民办学校办学许可证', source: '§5.1 [A27]' },
	'medical-institution-licence': { holder: 'organization', dictionaryName: '医疗机构执业许可证', source: '§5.1 [A27]' },
	'notary-office-licence': { holder: 'organization', dictionaryName: '公证机构执业证', source: '§5.1 [A27]' }
} as const satisfies Record<CertificateType, CertificateTypeInfo>;

const TYPE_SET: ReadonlySet<string> = new Set(CERTIFICATE_TYPES);

/** Whether a value is one of the known certificate type names. */
export function isCertificateType(value: unknown): value is CertificateType {
	return typeof value === 'string' && TYPE_SET.has(value);
}

/** Whether the certificate belongs to a natural person (else to an organisation). */
export function isPersonalCertificate(type: CertificateType): boolean {
	return CERTIFICATE_TYPE_INFO[type].holder === 'individual';
}
