/** JSON responses in the server's one error shape: `{ error: 'kebab-code', message, details? }`. */
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
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

/**
 * Answers a request Node's HTTP parser refused before any handler saw it (a URL or headers past
 * the 16 KB header limit, broken framing) in the one error shape, instead of Node's bare 431/400
 * with no body: 431 `payload-too-large` for oversized headers, 400 `invalid-input` otherwise.
 * The connection closes either way; a socket already gone gets nothing.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex, headers: Record<string, string>): void {
	if (error.code === 'ECONNRESET' || !socket.writable) {
		socket.destroy();
		return;
	}
	const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
	const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
	const body = JSON.stringify(
		tooLarge
			? { error: 'payload-too-large' satisfies ServerErrorCode, message: 'The request URL or headers are too long' }
			: { error: 'invalid-input' satisfies ServerErrorCode, message: 'The request is not valid HTTP' }
	);
	const head = [`HTTP/1.1 ${status}`, ...Object.entries({ ...headers, ...HEADERS }).map(([name, value]) => `${name}: ${value}`), `content-length: ${Buffer.byteLength(body)}`, 'connection: close'];
	socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
