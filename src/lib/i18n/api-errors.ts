/**
 * Localised text for the server's error codes (`{ error: 'kebab-code' }`) and the client's
 * own (`offline`, `bad-response`). Unknown codes get a generic message that names the code.
 */
import { m } from './paraglide/messages.js';
import type { ApiFailure } from '../sync/api.ts';

const MESSAGES: Record<string, (failure: ApiFailure) => string> = {
	'offline': () => m.api_error_offline(),
	'bad-response': () => m.api_error_bad_response(),
	'invalid-input': () => m.api_error_invalid_input(),
	'invalid-json': () => m.api_error_invalid_json(),
	'email-taken': () => m.api_error_email_taken(),
	'invalid-credentials': () => m.api_error_invalid_credentials(),
	'rate-limited': (f) => m.api_error_rate_limited({ seconds: f.retryAfterSeconds ?? 60 }),
	'unauthenticated': () => m.api_error_unauthenticated(),
	'forbidden': () => m.api_error_forbidden(),
	'foreign-origin': () => m.api_error_foreign_origin(),
	'account-has-subject': () => m.api_error_account_has_subject(),
	'subject-bound-elsewhere': () => m.api_error_subject_bound_elsewhere(),
	'invalid-certificate': () => m.api_error_invalid_certificate(),
	'invite-not-found': () => m.api_error_invite_not_found(),
	'invite-expired': () => m.api_error_invite_expired(),
	'invite-used': () => m.api_error_invite_used(),
	'already-member': () => m.api_error_already_member(),
	'payload-too-large': () => m.api_error_payload_too_large(),
	'not-found': () => m.api_error_not_found(),
	'unsupported-type': () => m.api_error_unsupported_type(),
	'hash-mismatch': () => m.api_error_hash_mismatch(),
	'missing-local-bytes': () => m.api_error_missing_local_bytes(),
	'malformed-file': () => m.api_error_malformed_file(),
	'too-many-uploads': () => m.api_error_too_many_uploads(),
	'quota-exceeded': () => m.api_error_quota_exceeded(),
};

export function describeApiError(failure: ApiFailure): string {
	const describe = MESSAGES[failure.error];
	return describe ? describe(failure) : m.api_error_unknown({ code: failure.error });
}
