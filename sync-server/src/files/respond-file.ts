/** Responses of the file endpoint that do not come from `@tus/server` (same JSON error shape). */
import type { ServerResponse } from 'node:http';
import type { ServerErrorCode } from '../../../src/lib/domain/api-errors.ts';

export const TUS_VERSION = '1.0.0';

/** Where the file endpoint lives. */
export const FILES_PATH = '/files';

export function sendFileError(res: ServerResponse, status: number, error: ServerErrorCode, message: string): void {
	if (res.headersSent) return void res.destroy();
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		'tus-resumable': TUS_VERSION
	});
	res.end(JSON.stringify({ error, message }));
}

/** A tus-style answer for a blob that is already complete: offset = length = its size. */
export function sendComplete(res: ServerResponse, status: 200 | 201 | 204, size: number, extra: Record<string, string> = {}): void {
	res.writeHead(status, {
		'tus-resumable': TUS_VERSION,
		'upload-offset': String(size),
		'upload-length': String(size),
		'cache-control': 'no-store',
		...extra
	});
	res.end();
}
