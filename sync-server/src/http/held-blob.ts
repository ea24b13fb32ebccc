/**
 * Streams one stored document to the review desk: only when `holder` (a subject, or an account's
 * own uploads) holds it and the blob store has it; 404 `not-found` otherwise. Never cached.
 */
import { pipeline } from 'node:stream/promises';
import type { ApiCall } from './api-call.ts';
import { sendFailure } from './respond.ts';

export async function sendHeldBlob(call: ApiCall, holder: string, sha256: string): Promise<void> {
	const { blobStore, holders } = call.deps.review;
	const info = blobStore && (await holders.subjectHoldsBlob(holder, sha256)) ? await blobStore.stat(sha256) : null;
	const stream = info && blobStore ? await blobStore.read(sha256) : null;
	if (!info || !stream) return sendFailure(call.res, { status: 404, error: 'not-found', message: 'The document has not been uploaded' });
	call.res.writeHead(200, { 'content-type': info.mime, 'content-length': String(info.size), 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });
	await pipeline(stream, call.res).catch(() => undefined);
}
