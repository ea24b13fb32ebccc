/**
 * Words for the tracking screens' enums (statuses, next steps, moves, cancellation reasons;
 * operation kinds, document kinds and applicant roles come from `document-text.ts`), each a `Record` over the domain's list so a new value without words
 * does not compile.
 */
import type { OrderStatus } from '../domain/lifecycle/order-state.ts';
import type { ApplicantEvent, NextStep } from '../domain/order/timeline.ts';
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

export const CANCELLATION_REASON_LABELS: Record<'website-closed' | 'moving-provider' | 'subject-deregistered' | 'other', () => string> = {
	'website-closed': () => m.track_reason_website_closed(),
	'moving-provider': () => m.track_reason_moving_provider(),
	'subject-deregistered': () => m.track_reason_subject_deregistered(),
	other: () => m.track_reason_other()
};

