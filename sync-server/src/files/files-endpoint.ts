/**
 * `/files`: resumable, content-addressed document uploads (tus) and their downloads.
 *
 * | route                                  | methods             | what                                                   |
 * |----------------------------------------|---------------------|--------------------------------------------------------|
 * | `/files`                               | POST                | tus creation; metadata `sha256`, `subjectId`, `kind`, `filename`; quotas: 429 `too-many-uploads`, 413 `quota-exceeded` |
 * | `/files/<uploadId>`                    | HEAD, PATCH, DELETE | tus: offset, append bytes, cancel (creator only)       |
 * | `/files/by-hash/<sha256>?subject=<id>` | HEAD (PATCH)        | 200 + `Upload-Offset = Upload-Length` when that subject (the requester a member) holds the blob, else 404 — dedupe |
 * | `/files/blob/<sha256>`                 | GET, HEAD           | the bytes, for members of a subject referencing and holding them |
 *
 * A subject holds a blob once an upload into it was re-hashed by the server (`holders.ts`).
 *
 * Every request needs a session (401); POST/PATCH/DELETE with a foreign Origin are refused
 * (403). A bad request only ever fails itself: errors are answered, never thrown upward.
 *
 * The upload half (`uploads.ts` with `@tus/server`, ~7 MB in memory) loads on the first upload
 * request or the first expiry sweep, not at start: most of a server's life has no upload.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access, AccessRevocation, SessionInfo } from '../access/access.ts';
import type { Logger } from '../log.ts';
import { isSha256, type BlobStore } from '../storage/blob-store.ts';
import { serveBlob, type AttachmentRefReader } from './downloads.ts';
import type { BlobHolders } from './holders.ts';
import { FILES_PATH, sendFileError } from './respond-file.ts';
import { DEFAULT_MAX_ACCOUNT_BYTES, DEFAULT_MAX_PENDING_UPLOADS_PER_ACCOUNT, DEFAULT_MAX_SUBJECT_BYTES } from './upload-quotas.ts';
import type { Locker } from '@tus/server';
import type { S3StagingConfig } from './s3-staging-store.ts';
import type { Uploads, UploadsOptions } from './uploads.ts';

export interface FilesEndpointOptions {
	access: Access;
	blobStore: BlobStore;
	refs: AttachmentRefReader;
	/** Which subjects proved they have a blob's bytes (uploaded them). */
	holders: BlobHolders;
	logger: Logger;
	/** Staging folder for uploads in progress (same filesystem as the blob store). */
	uploadDir: string;
	/** Uploads in progress on S3 (several nodes share them); default: files in `uploadDir`. */
	s3Staging?: S3StagingConfig | null;
	/** Largest accepted file, bytes (default 10 MB). */
	maxUploadBytes?: number;
	/** Unfinished uploads are deleted this long after creation (default 24 h). */
	uploadExpiryMs?: number;
	/** Unfinished uploads per account (default 20); more get 429 `too-many-uploads`. */
	maxPendingUploadsPerAccount?: number;
	/** Bytes per subject, held blobs plus unfinished uploads (default 200 MB); more get 413 `quota-exceeded`. */
	maxSubjectBytes?: number;
	/** Bytes an account holds itself (account requests' documents, default 50 MB); more get 413 `quota-exceeded`. */
	maxAccountBytes?: number;
	/** The upload lock shared by the nodes of a cluster (cluster/redis-locker.ts); default one process's. */
	uploadLocker?: Locker;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const DEFAULT_EXPIRY_MS = 24 * 60 * 60 * 1000;
const STATE_CHANGING = new Set(['POST', 'PATCH', 'DELETE']);
const UPLOAD_METHODS = new Set(['HEAD', 'PATCH', 'DELETE']);

interface InFlight {
	sessionId: string;
	accountId: string;
	subjectId: string;
}

export class FilesEndpoint {
	#options: FilesEndpointOptions;
	#uploadsOptions: UploadsOptions;
	#uploads: Promise<Uploads> | null = null;
	#inFlight = new Map<IncomingMessage, InFlight>();
	#stopRevocations: () => void;
	#cleanup: NodeJS.Timeout;

	constructor(options: FilesEndpointOptions) {
		this.#options = options;
		const expiryMs = options.uploadExpiryMs ?? DEFAULT_EXPIRY_MS;
		this.#uploadsOptions = {
			access: options.access,
			blobs: options.blobStore,
			holders: options.holders,
			logger: options.logger,
			uploadDir: options.uploadDir,
			s3Staging: options.s3Staging ?? null,
			maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
			maxPendingUploadsPerAccount: options.maxPendingUploadsPerAccount ?? DEFAULT_MAX_PENDING_UPLOADS_PER_ACCOUNT,
			maxSubjectBytes: options.maxSubjectBytes ?? DEFAULT_MAX_SUBJECT_BYTES,
			maxAccountBytes: options.maxAccountBytes ?? DEFAULT_MAX_ACCOUNT_BYTES,
			expiryMs,
			...(options.uploadLocker ? { locker: options.uploadLocker } : {})
		};
		const stopRevocations = options.access.onRevoked((revocation) => this.#revoke(revocation));
		// Demoted to viewer: uploads in progress stop too (viewers may not upload).
		const stopRoleChanges = options.access.onRoleChanged?.(({ accountId, subjectId, role }) => {
			if (role === 'viewer') this.#revoke({ kind: 'membership', accountId, subjectId });
		});
		this.#stopRevocations = () => {
			stopRevocations();
			stopRoleChanges?.();
		};
		this.#cleanup = setInterval(() => void this.#cleanUpExpired(), Math.min(expiryMs, 60 * 60 * 1000));
		this.#cleanup.unref();
	}

	matches(pathname: string): boolean {
		return pathname === FILES_PATH || pathname.startsWith(FILES_PATH + '/');
	}

	/** Answers one request under `/files`; never rejects. */
	async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
		// A dropped connection must not become an unhandled 'error' event.
		req.on('error', () => undefined);
		try {
			await this.#route(req, res, pathname);
		} catch (error) {
			this.#options.logger.log('error', 'file request failed', { method: req.method, path: pathname, error: String(error) });
			sendFileError(res, 500, 'internal', 'Internal server error');
		}
	}

	/** Stops timers and listeners and cuts uploads in progress (shutdown). */
	close(): void {
		clearInterval(this.#cleanup);
		this.#stopRevocations();
		for (const req of this.#inFlight.keys()) req.destroy();
		this.#inFlight.clear();
	}

	async #route(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
		const method = req.method ?? 'GET';
		if (STATE_CHANGING.has(method) && !this.#options.access.isAllowedOrigin(req.headers.origin)) {
			return sendFileError(res, 403, 'foreign-origin', 'Requests from this origin are not allowed');
		}
		const session = await this.#options.access.sessionFromRequest(req);
		if (!session) return sendFileError(res, 401, 'unauthenticated', 'Sign in to upload or download files');
		const [first = '', second, ...rest] = pathname.slice(FILES_PATH.length + 1).split('/');
		const request = { req, res, session };
		if (first === '' && second === undefined) {
			if (method !== 'POST') return sendFileError(res, 405, 'method-not-allowed', 'Method not allowed');
			const flight = { sessionId: session.sessionId, accountId: session.accountId, subjectId: '' };
			const onAuthorized = (subjectId: string) => (flight.subjectId = subjectId);
			const uploads = await this.#loadUploads();
			return this.#tracked(req, flight, () => uploads.create({ ...request, onAuthorized }));
		}
		if ((first === 'by-hash' || first === 'blob') && second !== undefined && rest.length === 0) {
			return this.#routeByHash({ method, first, sha256: second, session, req, res });
		}
		if (second !== undefined) return sendFileError(res, 404, 'not-found', 'Not found');
		if (!UPLOAD_METHODS.has(method)) return sendFileError(res, 405, 'method-not-allowed', 'Method not allowed');
		const uploads = await this.#loadUploads();
		const allowed = await uploads.authorize(request, first);
		if (!allowed) return;
		// An account-held upload is cut off with its session, not by a membership change.
		const flight = { sessionId: session.sessionId, accountId: session.accountId, subjectId: allowed.subjectId ?? '' };
		await this.#tracked(req, flight, () => uploads.tus.handle(req, res));
	}

	async #routeByHash(request: {
		method: string;
		first: string;
		sha256: string;
		session: SessionInfo;
		req: IncomingMessage;
		res: ServerResponse;
	}): Promise<void> {
		const { method, first, sha256, session, req, res } = request;
		if (!isSha256(sha256)) return sendFileError(res, 404, 'not-found', 'Not a SHA-256');
		if (first === 'by-hash' && (method === 'HEAD' || method === 'PATCH')) return (await this.#loadUploads()).byHash({ req, res, session }, sha256);
		if (first === 'blob' && (method === 'GET' || method === 'HEAD')) {
			const { access, blobStore: blobs, refs, holders, logger } = this.#options;
			const context = { access, blobs, refs, holders, logger };
			return serveBlob(context, { req, res, sha256, session });
		}
		sendFileError(res, 405, 'method-not-allowed', 'Method not allowed');
	}

	/** Runs a request that writes an upload, so that a revocation can cut it off. */
	async #tracked(req: IncomingMessage, flight: InFlight, run: () => Promise<void>): Promise<void> {
		this.#inFlight.set(req, flight);
		try {
			await run();
		} finally {
			this.#inFlight.delete(req);
		}
	}

	#revoke(revocation: AccessRevocation): void {
		for (const [req, flight] of this.#inFlight) {
			const hit =
				revocation.kind === 'session'
					? flight.sessionId === revocation.sessionId
					: flight.accountId === revocation.accountId && flight.subjectId === revocation.subjectId;
			if (hit) req.destroy(new Error('access revoked'));
		}
	}

	/** The upload half, loaded once on first use; a failed load is retried by the next request. */
	#loadUploads(): Promise<Uploads> {
		if (this.#uploads) return this.#uploads;
		const loading = import('./uploads.ts').then(({ Uploads }) => Uploads.open(this.#uploadsOptions));
		loading.catch(() => {
			if (this.#uploads === loading) this.#uploads = null;
		});
		this.#uploads = loading;
		return loading;
	}

	async #cleanUpExpired(): Promise<void> {
		try {
			const removed = await (await this.#loadUploads()).cleanUpExpired();
			if (removed > 0) this.#options.logger.log('info', 'expired uploads removed', { removed });
		} catch (error) {
			this.#options.logger.log('warn', 'upload cleanup failed', { error: String(error) });
		}
	}
}
