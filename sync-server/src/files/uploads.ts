/**
 * The tus side of `/files`: creating an upload (`POST /files`) after Beian's own checks, and
 * the requests on an upload in progress (`HEAD|PATCH|DELETE /files/<uploadId>`), which only
 * the account that created it may make — PATCH and DELETE only while it is still an owner or
 * editor of the upload's subject. Creating one is subject to the quotas (`upload-quotas.ts`).
 *
 * An upload with `holder=account` (an account request's document: claim, e-mail
 * initialization) goes to the account itself, which may have no subject yet: any signed-in
 * account may create one, its bytes count against the account's own quota, and only that
 * account may resume it or download the stored blob.
 *
 * "Already uploaded" is answered per holder (proof of possession, `holders.ts`): only when
 * the upload's subject (or account) holds the blob — a hash stored for another subject is uploaded again
 * (and re-hashed), the store keeping its one copy and recording the new holder.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server as TusServer, type Locker } from '@tus/server';
import { ServerErrorBodySchema } from '../../../src/lib/domain/api-errors.ts';
import { isSubjectId } from '../../../src/lib/domain/workspace/room.ts';
import type { Access, Role, SessionInfo } from '../access/access.ts';
import type { Logger } from '../log.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { HASH_MISMATCH_STATUS, toJsonError, tusError } from './errors.ts';
import { finishUpload, type FinishedUpload, type FinishOptions } from './finish-upload.ts';
import { accountHolder, holderOf, type BlobHolders } from './holders.ts';
import { FILES_PATH, sendComplete, sendFileError } from './respond-file.ts';
import type { S3StagingConfig } from './s3-staging-store.ts';
import { StagingStore } from './staging-store.ts';
import { UploadQuotas, type Reservation } from './upload-quotas.ts';
import { parseMetadataHeader, readStoredMetadata, readUploadMetadata } from './upload-metadata.ts';
import type { UploadStaging } from './upload-staging.ts';

const UPLOAD_ID = /^[0-9a-f]{32}$/;
const WRITERS: ReadonlySet<Role> = new Set(['owner', 'editor']);

export interface UploadsOptions {
	access: Access;
	blobs: BlobStore;
	holders: BlobHolders;
	logger: Logger;
	uploadDir: string;
	maxUploadBytes: number;
	/** Unfinished uploads one account may have at once (429 `too-many-uploads` beyond). */
	maxPendingUploadsPerAccount: number;
	/** Bytes a subject may hold, unfinished uploads' declared lengths included (413 `quota-exceeded` beyond). */
	maxSubjectBytes: number;
	/** Bytes an account may hold itself (`holder=account`), unfinished uploads included (413 `quota-exceeded` beyond). */
	maxAccountBytes: number;
	/** Unfinished uploads are deleted this long after they were created. */
	expiryMs: number;
	/** Locks an upload around each request; default tus's in-process one. Several nodes need a shared one (cluster/redis-locker.ts). */
	locker?: Locker;
	/** Uploads in progress on S3 (several nodes); default: files in `uploadDir`. */
	s3Staging?: S3StagingConfig | null;
}

export interface UploadRequest {
	req: IncomingMessage;
	res: ServerResponse;
	session: SessionInfo;
	/** Told the upload's subject once the request is allowed (for revocation tracking). */
	onAuthorized?: (subjectId: string) => void;
}

export class Uploads {
	readonly staging: UploadStaging;
	readonly tus: TusServer;
	#options: UploadsOptions;
	/** The account creating an upload, by request: `onUploadCreate` stamps it into the metadata. */
	#creators = new WeakMap<IncomingMessage, { account: string; reservation: Reservation }>();
	#quotas: UploadQuotas;

	/** The upload half with its staging area; `@tus/s3-store` and the AWS SDK load only when S3 staging is configured. */
	static async open(options: UploadsOptions): Promise<Uploads> {
		const { s3Staging } = options;
		if (!s3Staging) return new Uploads(options, new StagingStore({ directory: options.uploadDir, expirationPeriodInMilliseconds: options.expiryMs }));
		const { S3StagingStore } = await import('./s3-staging-store.ts');
		return new Uploads(options, new S3StagingStore({ ...s3Staging, expiryMs: options.expiryMs, logger: options.logger }));
	}

	constructor(options: UploadsOptions, staging: UploadStaging) {
		this.#options = options;
		this.staging = staging;
		this.#quotas = new UploadQuotas({
			staging: this.staging,
			holders: options.holders,
			blobs: options.blobs,
			maxPendingPerAccount: options.maxPendingUploadsPerAccount,
			maxSubjectBytes: options.maxSubjectBytes,
			maxAccountBytes: options.maxAccountBytes
		});
		this.tus = new TusServer({
			path: FILES_PATH,
			datastore: this.staging,
			...(options.locker ? { locker: options.locker } : {}),
			maxSize: options.maxUploadBytes,
			relativeLocation: true,
			namingFunction: () => staging.uploadIdOf(randomBytes(16).toString('hex')),
			// The URL names the upload by its id within the staging area (S3: without the key prefix).
			generateUrl: (_req, { path, id }) => `${path}/${staging.urlIdOf(id)}`,
			getFileIdFromRequest: (_req, lastPath) => (lastPath === undefined ? undefined : staging.uploadIdOf(lastPath)),
			allowedOrigins: (origin) => options.access.isAllowedOrigin(origin),
			onUploadCreate: async (req, upload) => ({ metadata: { ...upload.metadata, account: this.#creatorOf(req, upload.id) } }),
			onUploadFinish: (_req, upload) => finishUpload(this.#finishOptions(), upload),
			onResponseError: (_req, error) => {
				const mapped = toJsonError(error);
				if (mapped.status_code >= 500) options.logger.log('error', 'upload failed', { error: String(error) });
				return mapped;
			}
		});
	}

	/** `POST /files`: Beian's checks, then tus creates the upload (or the subject already holds the blob). */
	async create({ req, res, session, onAuthorized }: UploadRequest): Promise<void> {
		const length = Number(req.headers['upload-length']);
		if (req.headers['upload-defer-length'] !== undefined || !/^\d{1,15}$/.test(String(req.headers['upload-length'] ?? ''))) {
			return sendFileError(res, 400, 'invalid-input', 'Upload-Length is required');
		}
		if (length > this.#options.maxUploadBytes) {
			return sendFileError(res, 413, 'payload-too-large', `Files may be at most ${this.#options.maxUploadBytes} bytes`);
		}
		const pairs = parseMetadataHeader(header(req, 'upload-metadata'));
		const metadata = pairs && readUploadMetadata(pairs);
		if (!pairs || !metadata) return sendFileError(res, 400, 'invalid-input', 'Upload-Metadata needs sha256, subjectId (or holder=account) and kind');
		const { subjectId } = metadata;
		if (subjectId !== null) {
			if (!(await this.#canWrite(session.accountId, subjectId))) {
				return sendFileError(res, 403, 'forbidden', 'Only owners and editors of this subject may upload');
			}
			onAuthorized?.(subjectId);
		}
		const existing = await this.#held(holderOf({ subjectId, account: session.accountId }), metadata.sha256);
		if (existing) {
			if (existing.size !== length) return sendFileError(res, HASH_MISMATCH_STATUS, 'hash-mismatch', 'A file with this SHA-256 has another size');
			return sendComplete(res, 201, existing.size, { location: byHashPath(metadata.sha256, subjectId) });
		}
		const admission = await this.#quotas.admit({ account: session.accountId, subjectId, size: length });
		if (!admission.ok) {
			this.#options.logger.log('warn', 'upload refused', { reason: admission.code, account: session.accountId, subjectId, length });
			return sendFileError(res, admission.status, admission.code, admission.message);
		}
		this.#creators.set(req, { account: session.accountId, reservation: admission.reservation });
		try {
			await this.tus.handle(req, res);
		} finally {
			(await this.staging.pendingIndex()).release(admission.reservation);
		}
	}

	/**
	 * Checks a request on an upload in progress (`HEAD|PATCH|DELETE /files/<uploadId>`): only
	 * its creator, and for PATCH/DELETE only while an owner or editor of its subject (an
	 * account-held upload: its creator only). Returns the upload's subject (null for an
	 * account-held one) when allowed (hand the request to `tus.handle`); otherwise answers it
	 * and returns false.
	 */
	async authorize({ req, res, session }: UploadRequest, uploadId: string): Promise<{ subjectId: string | null } | false> {
		const upload = UPLOAD_ID.test(uploadId) ? await this.staging.getUpload(this.staging.uploadIdOf(uploadId)).catch(() => null) : null;
		const metadata = upload && readStoredMetadata(upload.metadata);
		if (!metadata || metadata.account !== session.accountId) {
			sendFileError(res, 404, 'not-found', 'No such upload');
			return false;
		}
		if (req.method !== 'HEAD' && metadata.subjectId !== null && !(await this.#canWrite(session.accountId, metadata.subjectId))) {
			sendFileError(res, 403, 'forbidden', 'Only owners and editors of this subject may upload');
			return false;
		}
		if (upload.size !== undefined && upload.offset === upload.size && req.method !== 'DELETE') {
			await this.#finishAgain(upload, req, res);
			return false;
		}
		return { subjectId: metadata.subjectId };
	}

	/**
	 * Every byte arrived but the upload was not stored (the finish step failed, e.g. the disk
	 * was full, or the process stopped in between). Finish it now, so a client that resumes
	 * never hears "complete" for bytes that are not in the blob store.
	 */
	async #finishAgain(upload: FinishedUpload & { size?: number }, req: IncomingMessage, res: ServerResponse): Promise<void> {
		if (req.method === 'PATCH') req.resume();
		try {
			await finishUpload(this.#finishOptions(), upload);
			sendComplete(res, req.method === 'PATCH' ? 204 : 200, upload.size ?? 0);
		} catch (error) {
			const { status_code, body } = toJsonError(error instanceof Error ? error : new Error(String(error)));
			const parsed = ServerErrorBodySchema.safeParse(JSON.parse(body));
			if (parsed.success) sendFileError(res, status_code, parsed.data.error, parsed.data.message);
			else sendFileError(res, 500, 'internal', 'Internal server error');
		}
	}

	/**
	 * `HEAD|PATCH /files/by-hash/<sha256>?subject=<subjectId>` (or `?holder=account`: the
	 * requesting account's own documents): the tus view of a blob the subject holds — always complete. 404 when it does not hold it, when it is not stored, and
	 * when the requester is not a member (or names no subject): one answer, so nobody learns
	 * whether other subjects have the file.
	 */
	async byHash({ req, res, session }: UploadRequest, sha256: string): Promise<void> {
		// A PATCH here follows a POST answered "already complete": its body is not needed.
		if (req.method === 'PATCH') req.resume();
		const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
		const subjectId = query.get('subject');
		const own = query.get('holder') === 'account' && subjectId === null;
		const member = isSubjectId(subjectId) && (await this.#options.access.roleOf(session.accountId, subjectId)) !== null;
		const info = own ? await this.#held(accountHolder(session.accountId), sha256) : member ? await this.#held(subjectId, sha256) : null;
		if (!info) return sendFileError(res, 404, 'not-found', 'This subject has no file with this SHA-256');
		sendComplete(res, req.method === 'PATCH' ? 204 : 200, info.size);
	}

	/** Deletes unfinished uploads past their expiry; returns how many. */
	cleanUpExpired(): Promise<number> {
		return this.tus.cleanUpExpiredUploads();
	}

	/** The account creating an upload; binds the quota reservation to the upload's id. */
	#creatorOf(req: unknown, uploadId: string): string {
		// `@tus/server` hands hooks srvx requests; the Node request is at `runtime.node.req`.
		const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
		const creator = node && this.#creators.get(node);
		if (!creator) throw tusError(401, 'unauthenticated', 'Sign in to upload');
		creator.reservation.uploadId = uploadId;
		return creator.account;
	}

	/** The blob when the subject holds it and it is stored, else null. */
	async #held(subjectId: string, sha256: string): Promise<{ size: number } | null> {
		if (!(await this.#options.holders.subjectHoldsBlob(subjectId, sha256))) return null;
		return this.#options.blobs.stat(sha256);
	}

	#finishOptions(): FinishOptions {
		return { staging: this.staging, blobs: this.#options.blobs, holders: this.#options.holders, logger: this.#options.logger };
	}

	async #canWrite(accountId: string, subjectId: string): Promise<boolean> {
		const role = await this.#options.access.roleOf(accountId, subjectId);
		return role !== null && WRITERS.has(role);
	}
}

/** Where a complete upload lives for a subject (or, null, the account) holding it (tus-js-client HEADs and PATCHes it). */
export function byHashPath(sha256: string, subjectId: string | null): string {
	const holder = subjectId === null ? 'holder=account' : `subject=${encodeURIComponent(subjectId)}`;
	return `${FILES_PATH}/by-hash/${sha256}?${holder}`;
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value.join(',') : value;
}
