/**
 * Every error code of the server's one error shape `{ error: 'kebab-code', message, details? }`
 * (`/api`, `/files`, the sync upgrade), and the app's own codes for failures that never reach
 * the server. One list for both sides: the server's `sendError` / `sendFileError` take
 * `ServerErrorCode`, and the app's message table is a `Record<ApiErrorCode, …>`, so a code
 * without a zh-CN and English message does not compile.
 *
 * Pure TypeScript + zod: the sync server imports this module (see tests/eslint.config.js).
 */
import { z } from 'zod/mini';

/** Codes the server sends. Add one here before the server may answer with it. */
export const SERVER_ERROR_CODES = [
	// Requests in general (/api, /files, static files).
	'invalid-input',
	'invalid-json',
	'payload-too-large',
	'unsupported-media-type',
	'foreign-origin',
	'not-found',
	'method-not-allowed',
	'internal',
	// Accounts, sessions, sign-in limits.
	'email-taken',
	'invalid-credentials',
	'rate-limited',
	'unauthenticated',
	'session-not-found',
	// Subjects, invitations, members.
	'forbidden',
	'account-has-subject',
	'subject-bound-elsewhere',
	'invalid-certificate',
	'invite-not-found',
	'invite-expired',
	'invite-used',
	'already-member',
	'member-not-found',
	'owner-role-fixed',
	// Uploads (/files, tus).
	'unsupported-type',
	'hash-mismatch',
	'malformed-file',
	'too-many-uploads',
	'quota-exceeded',
	'gone',
	'offset-conflict',
	// Orders (issue 10, src/lib/domain/order/order-wire.ts).
	'kind-not-an-order',
	'order-invalid',
	'document-missing',
	'order-in-flight',
	'order-frozen',
	'transition-not-allowed'
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/**
 * The app's own codes: `offline` (no answer), `bad-response` (an answer it cannot read),
 * `unknown-error` (an error code this version does not know — a newer server),
 * `missing-local-bytes` (an upload whose bytes are gone from this device) and
 * `storage-unavailable` (this device's storage failed while a transfer ran).
 */
export const CLIENT_ERROR_CODES = ['offline', 'bad-response', 'unknown-error', 'missing-local-bytes', 'storage-unavailable'] as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export const API_ERROR_CODES = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES] as const;

/** Every code the app may have to put into words. */
export type ApiErrorCode = ServerErrorCode | ClientErrorCode;

export const ServerErrorCodeSchema = z.enum(SERVER_ERROR_CODES);
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);

/** The server's error body, as the server may send it (its code is one of the union). */
export const ServerErrorBodySchema = z.object({
	error: ServerErrorCodeSchema,
	message: z.string(),
	details: z.optional(z.unknown())
});

export type ServerErrorBody = z.infer<typeof ServerErrorBodySchema>;

export function isApiErrorCode(code: string): code is ApiErrorCode {
	return ApiErrorCodeSchema.safeParse(code).success;
}
