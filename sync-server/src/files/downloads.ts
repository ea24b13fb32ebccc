/**
 * `GET|HEAD /files/blob/<sha256>`: the bytes of a stored blob, for a member of a subject whose
 * workspace doc references the hash (the server's `attachments` index) and that holds the blob
 * (an upload into it delivered the bytes — `holders.ts`): a hash merely copied into a doc opens
 * nothing. Without such a membership the answer is 403; a member whose subjects reference the
 * hash but none holds it hears 404 "not uploaded yet" — whether or not another subject stored
 * it. So nobody learns from the answer whether the blob exists elsewhere.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Access, SessionInfo } from '../access/access.ts';
import type { Logger } from '../log.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { accountHolder, type BlobHolders } from './holders.ts';
import { sendFileError } from './respond-file.ts';

/** What downloads need from the attachment index (the records' `FileIndexStore` implements it). */
export interface AttachmentRefReader {
	subjectsReferencing(sha256: string): Promise<string[]>;
}

export interface DownloadContext {
	access: Access;
	blobs: BlobStore;
	refs: AttachmentRefReader;
	holders: BlobHolders;
	logger: Logger;
}

/**
 * Document bytes are ID photos (sensitive personal information, PIPL): never kept in the
 * browser's HTTP cache, where they would sit in plaintext outside the app's encrypted store.
 */
export const DOCUMENT_CACHE_CONTROL = 'no-store';

export async function serveBlob(
	context: DownloadContext,
	request: { req: IncomingMessage; res: ServerResponse; sha256: string; session: SessionInfo }
): Promise<void> {
	const { req, res, sha256, session } = request;
	const right = await downloadRight(context, session.accountId, sha256);
	if (right === 'none') return sendFileError(res, 403, 'forbidden', 'No workspace of yours references this file');
	const info = right === 'held' ? await context.blobs.stat(sha256) : null;
	if (!info) return sendFileError(res, 404, 'not-found', 'This file has not been uploaded into your workspace yet');
	const etag = `"${sha256}"`;
	const headers: Record<string, string> = {
		'content-type': info.mime,
		'cache-control': DOCUMENT_CACHE_CONTROL,
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

/**
 * `held`: the account holds the blob itself (an account request's document it uploaded), or
 * is a member of a subject that references and holds the blob; `pending`:
 * its subjects reference it, but the bytes were not uploaded into any of them; `none`: no
 * subject of its references it.
 */
async function downloadRight(context: DownloadContext, accountId: string, sha256: string): Promise<'held' | 'pending' | 'none'> {
	if (await context.holders.subjectHoldsBlob(accountHolder(accountId), sha256)) return 'held';
	let right: 'pending' | 'none' = 'none';
	for (const subjectId of await context.refs.subjectsReferencing(sha256)) {
		if ((await context.access.roleOf(accountId, subjectId)) === null) continue;
		if (await context.holders.subjectHoldsBlob(subjectId, sha256)) return 'held';
		right = 'pending';
	}
	return right;
}
