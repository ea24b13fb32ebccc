/**
 * Labels of the applicant screens' code lists (filing kinds, task states, provinces, service
 * contents, pre-approval categories). Static property accesses keep messages tree-shakable.
 */
import type { PreApprovalCategory, ProvinceCode, ServiceContent } from '../domain/index.ts';
import type { FilingKind } from '../domain/operation/operation-kind.ts';
import type { TaskStatus } from '../domain/order/draft-order.ts';
import { m } from './paraglide/messages.js';

export const FILING_KIND_LABELS: Record<FilingKind, () => string> = {
	'first-filing': () => m.apply_kind_first_filing(),
	'new-website-subject-elsewhere': () => m.apply_kind_new_website_subject_elsewhere(),
	'new-website': () => m.apply_kind_new_website(),
	'new-access-subject-elsewhere': () => m.apply_kind_new_access_subject_elsewhere(),
	'new-access': () => m.apply_kind_new_access(),
};

/** What each filing kind means, said before the long form. */
export const FILING_KIND_EXPLANATIONS: Record<FilingKind, () => string> = {
	'first-filing': () => m.apply_kind_explain_first_filing(),
	'new-website-subject-elsewhere': () => m.apply_kind_explain_new_website_subject_elsewhere(),
	'new-website': () => m.apply_kind_explain_new_website(),
	'new-access-subject-elsewhere': () => m.apply_kind_explain_new_access_subject_elsewhere(),
	'new-access': () => m.apply_kind_explain_new_access(),
};

export const TASK_STATUS_LABELS: Record<TaskStatus, () => string> = {
	'complete': () => m.apply_status_complete(),
	'incomplete': () => m.apply_status_incomplete(),
	'errors': () => m.apply_status_errors(),
	'cannot-start': () => m.apply_status_cannot_start(),
	'ready': () => m.apply_status_ready(),
	'queued': () => m.apply_status_queued(),
};

export const PROVINCE_LABELS: Record<ProvinceCode, () => string> = {
	BJ: () => m.apply_province_BJ(),
	TJ: () => m.apply_province_TJ(),
	HE: () => m.apply_province_HE(),
	SX: () => m.apply_province_SX(),
	NM: () => m.apply_province_NM(),
	LN: () => m.apply_province_LN(),
	JL: () => m.apply_province_JL(),
	HL: () => m.apply_province_HL(),
	SH: () => m.apply_province_SH(),
	JS: () => m.apply_province_JS(),
	ZJ: () => m.apply_province_ZJ(),
	AH: () => m.apply_province_AH(),
	FJ: () => m.apply_province_FJ(),
	JX: () => m.apply_province_JX(),
	SD: () => m.apply_province_SD(),
	HA: () => m.apply_province_HA(),
	HB: () => m.apply_province_HB(),
	HN: () => m.apply_province_HN(),
	GD: () => m.apply_province_GD(),
	GX: () => m.apply_province_GX(),
	HI: () => m.apply_province_HI(),
	CQ: () => m.apply_province_CQ(),
	SC: () => m.apply_province_SC(),
	GZ: () => m.apply_province_GZ(),
	YN: () => m.apply_province_YN(),
	XZ: () => m.apply_province_XZ(),
	SN: () => m.apply_province_SN(),
	GS: () => m.apply_province_GS(),
	QH: () => m.apply_province_QH(),
	NX: () => m.apply_province_NX(),
	XJ: () => m.apply_province_XJ(),
};

export const SERVICE_CONTENT_LABELS: Record<ServiceContent, () => string> = {
	'organization-portal': () => m.apply_service_organization_portal(),
	'general-portal': () => m.apply_service_general_portal(),
	'forum': () => m.apply_service_forum(),
	'e-commerce': () => m.apply_service_e_commerce(),
	'other': () => m.apply_service_other(),
};

export const PRE_APPROVAL_LABELS: Record<PreApprovalCategory, () => string> = {
	'news': () => m.apply_preapproval_news(),
	'publishing': () => m.apply_preapproval_publishing(),
	'drugs-medical-devices': () => m.apply_preapproval_drugs_medical_devices(),
	'culture': () => m.apply_preapproval_culture(),
	'radio-film-tv': () => m.apply_preapproval_radio_film_tv(),
	'ride-hailing': () => m.apply_preapproval_ride_hailing(),
	'finance': () => m.apply_preapproval_finance(),
	'games': () => m.apply_preapproval_games(),
	'education': () => m.apply_preapproval_education(),
	'healthcare': () => m.apply_preapproval_healthcare(),
	'electronic-bulletin': () => m.apply_preapproval_electronic_bulletin(),
	'religion': () => m.apply_preapproval_religion(),
};

/** A label for any operation kind (the filing kinds have their own; others show the kind's code until their screens exist). */
export function kindLabel(kind: string | undefined): string {
	if (kind && Object.hasOwn(FILING_KIND_LABELS, kind)) return FILING_KIND_LABELS[kind as FilingKind]();
	return kind ?? m.apply_kind_unknown();
}

/** A website's name for headings, or "untitled website". */
export function siteLabel(site: { name: string; domain: string }): string {
	return site.name.trim() || site.domain.trim() || m.apply_home_untitled_site();
}
