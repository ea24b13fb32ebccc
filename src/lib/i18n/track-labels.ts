/**
 * Words for the tracking screens' enums (statuses, kinds, next steps, moves, document kinds,
 * cancellation reasons), each a `Record` over the domain's list so a new value without words
 * does not compile.
 */
import type { DocumentKind } from '../domain/document/document-ref.ts';
import type { OrderStatus } from '../domain/lifecycle/order-state.ts';
import type { ApplicantEvent, NextStep } from '../domain/order/timeline.ts';
import type { OperationKind } from '../domain/operation/operation-kind.ts';
import { m } from './paraglide/messages.js';

export const STATUS_LABELS: Record<OrderStatus, () => string> = {
	draft: () => m.track_state_draft(),
	'provider-review': () => m.track_state_provider_review(),
	'provider-rejected': () => m.track_state_provider_rejected(),
	'miit-submission': () => m.track_state_miit_submission(),
	'sms-verification': () => m.track_state_sms_verification(),
	'administration-review': () => m.track_state_administration_review(),
	'administration-rejected': () => m.track_state_administration_rejected(),
	approved: () => m.track_state_approved(),
	abandoned: () => m.track_state_abandoned(),
	expired: () => m.track_state_expired()
};

/** Order kinds (account request kinds have their own words on the request pages). */
export const KIND_LABELS: Record<OperationKind, () => string> = {
	'first-filing': () => m.track_kind_first_filing(),
	'new-website-subject-elsewhere': () => m.track_kind_new_website_subject_elsewhere(),
	'new-website': () => m.track_kind_new_website(),
	'new-access-subject-elsewhere': () => m.track_kind_new_access_subject_elsewhere(),
	'new-access': () => m.track_kind_new_access(),
	'change-subject': () => m.track_kind_change_subject(),
	'change-website': () => m.track_kind_change_website(),
	'change-access': () => m.track_kind_change_access(),
	'cancel-subject': () => m.track_kind_cancel_subject(),
	'cancel-website': () => m.track_kind_cancel_website(),
	'cancel-access': () => m.track_kind_cancel_access(),
	claim: () => m.track_request_claim(),
	'legacy-import': () => m.track_request_legacy_import(),
	'email-initialization': () => m.track_request_email_initialization()
};

export const NEXT_STEP_LABELS: Record<NextStep, () => string> = {
	send: () => m.track_next_send(),
	'wait-provider': () => m.track_next_wait_provider(),
	'fix-and-resend': () => m.track_next_fix_and_resend(),
	'wait-miit-submission': () => m.track_next_wait_miit_submission(),
	'answer-sms': () => m.track_next_answer_sms(),
	'wait-administration': () => m.track_next_wait_administration(),
	'public-security-filing': () => m.track_next_public_security_filing(),
	cancelled: () => m.track_next_cancelled(),
	'start-new-order': () => m.track_next_start_new_order(),
	reopen: () => m.track_next_reopen()
};

export const MOVE_LABELS: Record<ApplicantEvent, { label: () => string; help: () => string }> = {
	withdraw: { label: () => m.track_move_withdraw(), help: () => m.track_move_withdraw_help() },
	abandon: { label: () => m.track_move_abandon(), help: () => m.track_move_abandon_help() },
	reopen: { label: () => m.track_move_reopen(), help: () => m.track_move_reopen_help() },
	edit: { label: () => m.track_move_edit(), help: () => m.track_move_edit_help() }
};

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, () => string> = {
	'id-front': () => m.track_doc_id_front(),
	'id-back': () => m.track_doc_id_back(),
	'holding-id-photo': () => m.track_doc_holding_id_photo(),
	'holding-credential-photo': () => m.track_doc_holding_credential_photo(),
	'subject-certificate': () => m.track_doc_subject_certificate(),
	'email-init-authorization-letter': () => m.track_doc_email_init_authorization_letter(),
	'leader-authorization-letter': () => m.track_doc_leader_authorization_letter(),
	'admin-authorization-letter': () => m.track_doc_admin_authorization_letter(),
	'domain-certificate': () => m.track_doc_domain_certificate(),
	'residence-permit': () => m.track_doc_residence_permit(),
	'pre-approval-document': () => m.track_doc_pre_approval_document(),
	'party-building-letter': () => m.track_doc_party_building_letter(),
	'change-certificate': () => m.track_doc_change_certificate()
};

export const CANCELLATION_REASON_LABELS: Record<'website-closed' | 'moving-provider' | 'subject-deregistered' | 'other', () => string> = {
	'website-closed': () => m.track_reason_website_closed(),
	'moving-provider': () => m.track_reason_moving_provider(),
	'subject-deregistered': () => m.track_reason_subject_deregistered(),
	other: () => m.track_reason_other()
};

export const APPLICANT_ROLE_LABELS: Record<'subject-leader' | 'website-admin' | 'other', () => string> = {
	'subject-leader': () => m.track_role_subject_leader(),
	'website-admin': () => m.track_role_website_admin(),
	other: () => m.track_role_other()
};
