/**
 * The file endpoint's error codes, and the bridge to `@tus/server`, which answers an error it
 * catches with `{ status_code, body }`. Every error body is the server's one JSON shape,
 * `{ error: 'kebab-code', message }`, including tus's own errors (mapped by status).
 */
import type { ServerErrorCode } from '../../../src/lib/domain/api-errors.ts';

/** Every code the file endpoint answers with: a subset of the shared union, so the app has a localized message for each. */
export const FILE_ERROR_CODES = [
	'unauthenticated',
	'foreign-origin',
	'forbidden',
	'invalid-input',
	'payload-too-large',
	'unsupported-type',
	'hash-mismatch',
	'malformed-file',
	'too-many-uploads',
	'quota-exceeded',
	'not-found',
	'gone',
	'offset-conflict',
	'method-not-allowed',
	'internal'
] as const satisfies readonly ServerErrorCode[];

export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/**
 * 460 is the tus checksum extension's "Checksum Mismatch": a 4xx, so tus-js-client does not
 * retry it, and distinct from every other refusal.
 */
export const HASH_MISMATCH_STATUS = 460;

/** A file of an accepted type whose structure is broken or has bytes appended (permanent). */
export const MALFORMED_FILE_STATUS = 422;

/** An error `@tus/server` turns into a response with this status and JSON body. */
export class TusError extends Error {
	readonly status_code: number;
	readonly body: string;

	constructor(status: number, code: FileErrorCode, message: string) {
		super(message);
		this.status_code = status;
		this.body = JSON.stringify({ error: code, message });
	}
}

export function tusError(status: number, code: FileErrorCode, message: string): TusError {
	return new TusError(status, code, message);
}

const CODE_BY_STATUS: Record<number, FileErrorCode> = {
	400: 'invalid-input',
	403: 'invalid-input',
	404: 'not-found',
	409: 'offset-conflict',
	410: 'gone',
	413: 'payload-too-large',
	415: 'unsupported-type',
	460: 'hash-mismatch'
};

/** `onResponseError` for `@tus/server`: keeps our JSON bodies, wraps tus's plain-text ones. */
export function toJsonError(error: Error | { status_code: number; body: string }): { status_code: number; body: string } {
	const status = 'status_code' in error && typeof error.status_code === 'number' ? error.status_code : 500;
	const body = 'body' in error && typeof error.body === 'string' ? error.body : '';
	if (body.startsWith('{')) return { status_code: status, body };
	const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid-input');
	const message = status >= 500 ? 'Internal server error' : body.trim() || 'Request refused';
	return { status_code: status, body: JSON.stringify({ error: code, message }) };
}
