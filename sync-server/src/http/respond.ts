/** JSON responses in the server's one error shape: `{ error: 'kebab-code', message, details? }`. */
import type { ServerResponse } from 'node:http';
import type { ServerErrorCode } from '../../../src/lib/domain/api-errors.ts';
import type { Failure } from '../accounts/outcome.ts';

const HEADERS = {
	'content-type': 'application/json; charset=utf-8',
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff'
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, HEADERS);
	res.end(text);
}

/** `error` is one of the shared union: a new code does not compile until the app has a message for it. */
export function sendError(res: ServerResponse, status: number, error: ServerErrorCode, message: string, details?: unknown): void {
	sendJson(res, status, details === undefined ? { error, message } : { error, message, details });
}

/** Sends a failure; adds `Retry-After` for 429 and closes the connection after 413 (its body was not read). */
export function sendFailure(res: ServerResponse, failure: Failure): void {
	if (failure.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(failure.retryAfterSeconds));
	if (failure.status === 413) res.setHeader('connection', 'close');
	sendError(res, failure.status, failure.error, failure.message, failure.details);
}

/** 204 No Content. */
export function sendNoContent(res: ServerResponse): void {
	res.writeHead(204, { 'cache-control': 'no-store' });
	res.end();
}
