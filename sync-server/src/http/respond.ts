/** JSON responses in the server's one error shape: `{ error: 'kebab-code', message, details? }`. */
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff'
	});
	res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string, details?: unknown): void {
	sendJson(res, status, details === undefined ? { error, message } : { error, message, details });
}
