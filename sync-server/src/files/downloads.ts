/**
 * `GET|HEAD /files/blob/<sha256>`: the bytes of a stored blob, for a member of a subject whose
 * workspace doc references the hash (the server's `attachments` index). Nobody else learns
 * whether the blob exists: without such a membership the answer is 403 either way.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Access, SessionInfo } from '../access/access.ts';
import type { Logger } from '../log.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { sendFileError } from './respond-file.ts';

/** What downloads need from the attachment index (the RecordStore implements it). */
export interface AttachmentRefReader {
	subjectsReferencing(sha256: string): Promise<string[]>;
}

export interface DownloadContext {
	access: Access;
	blobs: BlobStore;
	refs: AttachmentRefReader;
	logger: Logger;
}

export const IMMUTABLE_PRIVATE = 'private, max-age=31536000, immutable';

export async function serveBlob(
	context: DownloadContext,
	request: { req: IncomingMessage; res: ServerResponse; sha256: string; session: SessionInfo }
): Promise<void> {
	const { req, res, sha256, session } = request;
	if (!(await mayDownload(context, session.accountId, sha256))) {
		return sendFileError(res, 403, 'forbidden', 'No workspace of yours references this file');
	}
	const info = await context.blobs.stat(sha256);
	if (!info) return sendFileError(res, 404, 'not-found', 'This file has not been uploaded yet');
	const etag = `"${sha256}"`;
	const headers: Record<string, string> = {
		'content-type': info.mime,
		'cache-control': IMMUTABLE_PRIVATE,
		'x-content-type-options': 'nosniff',
		etag
	};
	if (info.mime === 'application/pdf') headers['content-disposition'] = `attachment; filename="${sha256}.pdf"`;
	if (req.headers['if-none-match'] === etag) {
		res.writeHead(304, headers);
		return void res.end();
	}
	res.writeHead(200, { ...headers, 'content-length': String(info.size) });
	if (req.method === 'HEAD') return void res.end();
	const stream = await context.blobs.read(sha256);
	if (!stream) return void res.destroy();
	await pipeline(stream, res).catch((error: unknown) => {
		context.logger.log('warn', 'download interrupted', { sha256, error: String(error) });
	});
}

async function mayDownload(context: DownloadContext, accountId: string, sha256: string): Promise<boolean> {
	for (const subjectId of await context.refs.subjectsReferencing(sha256)) {
		if ((await context.access.roleOf(accountId, subjectId)) !== null) return true;
	}
	return false;
}
