/**
 * Localised text for every error code of `src/lib/domain/api-errors.ts`: the server's
 * (`{ error: 'kebab-code' }`) and the app's own (`offline`, `bad-response`, …). The table
 * `satisfies Record<ApiErrorCode, …>`, so a code without a message does not compile; a code
 * this version does not know (a newer server, an old transfer record) gets a generic message
 * that names it.
 */
import { isApiErrorCode, type ApiErrorCode } from '../domain/api-errors.ts';
import type { ApiFailure } from '../sync/api.ts';
import { m } from './paraglide/messages.js';

/** An API failure, or any record of one whose code may be outside the union (e.g. a transfer's `lastError`). */
export type DescribedFailure = Partial<Omit<ApiFailure, 'error'>> & { error: string };

export const API_ERROR_MESSAGES = {
	'offline': () => m.api_error_offline(),
	'bad-response': () => m.api_error_bad_response(),
	'unknown-error': (f) => m.api_error_unknown({ code: f.unknownCode ?? f.error }),
	'missing-local-bytes': () => m.api_error_missing_local_bytes(),
	'storage-unavailable': () => m.api_error_storage_unavailable(),
	'invalid-input': () => m.api_error_invalid_input(),
	'invalid-json': () => m.api_error_invalid_json(),
	'payload-too-large': () => m.api_error_payload_too_large(),
	'unsupported-media-type': () => m.api_error_unsupported_media_type(),
	'foreign-origin': () => m.api_error_foreign_origin(),
	'not-found': () => m.api_error_not_found(),
	'method-not-allowed': () => m.api_error_method_not_allowed(),
	'internal': () => m.api_error_internal(),
	'email-taken': () => m.api_error_email_taken(),
	'invalid-credentials': () => m.api_error_invalid_credentials(),
	'rate-limited': (f) => m.api_error_rate_limited({ seconds: f.retryAfterSeconds ?? 60 }),
	'unauthenticated': () => m.api_error_unauthenticated(),
	'session-not-found': () => m.api_error_session_not_found(),
	'forbidden': () => m.api_error_forbidden(),
	'account-has-subject': () => m.api_error_account_has_subject(),
	'subject-bound-elsewhere': () => m.api_error_subject_bound_elsewhere(),
	'invalid-certificate': () => m.api_error_invalid_certificate(),
	'invite-not-found': () => m.api_error_invite_not_found(),
	'invite-expired': () => m.api_error_invite_expired(),
	'invite-used': () => m.api_error_invite_used(),
	'already-member': () => m.api_error_already_member(),
	'member-not-found': () => m.api_error_member_not_found(),
	'owner-role-fixed': () => m.api_error_owner_role_fixed(),
	'unsupported-type': () => m.api_error_unsupported_type(),
	'hash-mismatch': () => m.api_error_hash_mismatch(),
	'malformed-file': () => m.api_error_malformed_file(),
	'too-many-uploads': () => m.api_error_too_many_uploads(),
	'quota-exceeded': () => m.api_error_quota_exceeded(),
	'gone': () => m.api_error_gone(),
	'offset-conflict': () => m.api_error_offset_conflict(),
	'kind-not-an-order': () => m.api_error_kind_not_an_order(),
	'order-invalid': () => m.api_error_order_invalid(),
	'document-missing': () => m.api_error_document_missing(),
	'order-in-flight': () => m.api_error_order_in_flight(),
	'order-frozen': () => m.api_error_order_frozen(),
	'transition-not-allowed': () => m.api_error_transition_not_allowed()
} satisfies Record<ApiErrorCode, (failure: DescribedFailure) => string>;

/** The text for a failure in the current UI language; an unknown code gets the generic message. */
export function describeApiError(failure: DescribedFailure): string {
	const code = failure.error;
	return isApiErrorCode(code) ? API_ERROR_MESSAGES[code](failure) : m.api_error_unknown({ code });
}
