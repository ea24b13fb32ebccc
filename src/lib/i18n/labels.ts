/**
 * User-facing labels of the domain's code lists (subject types, certificate types). Static
 * property accesses keep the message tree-shakable: only screens that import this pay for it.
 */
import { m } from './paraglide/messages.js';
import type { CertificateType, SubjectType } from '../domain/index.ts';
import type { Role } from '../sync/api.ts';

export const ROLE_LABELS: Record<Role, () => string> = {
	owner: () => m.role_owner(),
	editor: () => m.role_editor(),
	viewer: () => m.role_viewer()
};

export { subjectNameLabel } from './subject-name-label.ts';

export const SUBJECT_TYPE_LABELS: Record<SubjectType, () => string> = {
	'defense': () => m.subject_type_defense(),
	'government': () => m.subject_type_government(),
	'institution': () => m.subject_type_institution(),
	'enterprise': () => m.subject_type_enterprise(),
	'individual': () => m.subject_type_individual(),
	'social-organization': () => m.subject_type_social_organization(),
	'private-non-enterprise': () => m.subject_type_private_non_enterprise(),
	'foundation': () => m.subject_type_foundation(),
	'law-firm': () => m.subject_type_law_firm(),
	'foreign-cultural-centre': () => m.subject_type_foreign_cultural_centre(),
	'judicial-appraisal': () => m.subject_type_judicial_appraisal(),
	'religious-organization': () => m.subject_type_religious_organization(),
	'overseas-organization': () => m.subject_type_overseas_organization(),
	'medical-institution': () => m.subject_type_medical_institution(),
	'notary-office': () => m.subject_type_notary_office(),
};

export const CERTIFICATE_TYPE_LABELS: Record<CertificateType, () => string> = {
	'resident-id-card': () => m.certificate_type_resident_id_card(),
	'hk-macao-residence-permit': () => m.certificate_type_hk_macao_residence_permit(),
	'taiwan-residence-permit': () => m.certificate_type_taiwan_residence_permit(),
	'hk-macao-travel-permit': () => m.certificate_type_hk_macao_travel_permit(),
	'taiwan-travel-permit': () => m.certificate_type_taiwan_travel_permit(),
	'passport': () => m.certificate_type_passport(),
	'foreigner-permanent-residence-id': () => m.certificate_type_foreigner_permanent_residence_id(),
	'business-licence': () => m.certificate_type_business_licence(),
	'uscc-certificate': () => m.certificate_type_uscc_certificate(),
	'organization-code-certificate': () => m.certificate_type_organization_code_certificate(),
	'public-institution-legal-person-certificate': () => m.certificate_type_public_institution_legal_person_certificate(),
	'social-organization-registration-certificate': () => m.certificate_type_social_organization_registration_certificate(),
	'private-non-enterprise-unit-certificate': () => m.certificate_type_private_non_enterprise_unit_certificate(),
	'foundation-legal-person-certificate': () => m.certificate_type_foundation_legal_person_certificate(),
	'law-firm-practice-licence': () => m.certificate_type_law_firm_practice_licence(),
	'military-unit-code': () => m.certificate_type_military_unit_code(),
	'military-paid-service-licence': () => m.certificate_type_military_paid_service_licence(),
	'foreign-enterprise-representative-office-certificate': () => m.certificate_type_foreign_enterprise_representative_office_certificate(),
	'religious-venue-registration-certificate': () => m.certificate_type_religious_venue_registration_certificate(),
	'foreign-cultural-centre-registration-certificate': () => m.certificate_type_foreign_cultural_centre_registration_certificate(),
	'foreign-tourism-office-registration-certificate': () => m.certificate_type_foreign_tourism_office_registration_certificate(),
	'judicial-appraisal-licence': () => m.certificate_type_judicial_appraisal_licence(),
	'overseas-organization-certificate': () => m.certificate_type_overseas_organization_certificate(),
	'social-service-agency-registration-certificate': () => m.certificate_type_social_service_agency_registration_certificate(),
	'private-school-licence': () => m.certificate_type_private_school_licence(),
	'medical-institution-licence': () => m.certificate_type_medical_institution_licence(),
	'notary-office-licence': () => m.certificate_type_notary_office_licence(),
};
