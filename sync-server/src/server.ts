/**
 * The Beian server factory: one HTTP server that serves the built app, `/api`, `/files` and
 * the `/sync` WebSocket. Takes every dependency as a parameter so tests start it on port 0.
 * A state-changing request (any path) or a WebSocket upgrade from a foreign Origin gets 403.
 * Every HTTP response carries the browser security headers (http/security-headers.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Accounts } from './accounts/accounts.ts';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './accounts/passwords.ts';
import { DEFAULT_LIMITS, type AccessLimits } from './access/limits.ts';
import { checkOrigin, handleApi, type ApiDeps } from './http/api.ts';
import { answerClientError, sendError } from './http/respond.ts';
import { hashInlineCode, NO_INLINE_CODE, SecurityHeaders } from './http/security-headers.ts';
import { serveStatic } from './http/static-files.ts';
import type { Access } from './access/access.ts';
import { AttachmentIndexer, type AttachmentRefWriter } from './files/attachment-indexer.ts';
import type { AttachmentRefReader } from './files/downloads.ts';
import { FilesEndpoint } from './files/files-endpoint.ts';
import type { BlobHolders } from './files/holders.ts';
import type { Logger } from './log.ts';
import { DEFAULT_ACCESS_PROVIDER, OrderService } from './orders/order-service.ts';
import type { ReviewApiDeps } from './http/api-call.ts';
import type { RateWindow } from './accounts/rate-limiter.ts';
import { memoryRateLimits, type RateLimits } from './accounts/rate-limit.ts';
import type { ServerCluster } from './cluster/redis-cluster.ts';
import type { S3StagingConfig } from './files/s3-staging-store.ts';
import { ReviewDesk } from './review/review-desk.ts';
import { LegacyDesk } from './legacy/legacy-desk.ts';
import { createMailer, DEFAULT_MAIL_FROM, type Mailer } from './legacy/mailer.ts';
import { MemoryLegacyRecords } from './storage/legacy/memory-legacy-stores.ts';
import type { LegacyRecords } from './storage/legacy/legacy-stores.ts';
import { unusableServiceCodes } from './review/service-codes.ts';
import { MemoryReviewRecords } from './storage/review/memory-review-stores.ts';
import type { ReviewRecords } from './storage/review/review-stores.ts';
import type { BlobStore } from './storage/blob-store.ts';
import type { DocStore } from './storage/doc-store.ts';
import type { Records } from './storage/records/records.ts';
import { SyncEndpoint } from './sync/endpoint.ts';
import { FactsWriter } from './sync/facts.ts';
import { Rooms } from './sync/rooms.ts';

export interface ServerOptions {
	port: number;
	host: string;
	/** Folder with the built app (`build/`); null serves only the API and sync. */
	staticDir: string | null;
	docStore: DocStore;
	logger: Logger;
	version?: string;
	/** Largest accepted WebSocket frame, bytes. */
	maxPayload?: number;
	/** Unsent output a sync socket may hold before it is closed with 4503 (default 4 MiB). */
	maxBufferedBytes?: number;
	/** Grace before a socket closed for back-pressure is cut off (default 5 s; tests lengthen it). */
	cutOffGraceMs?: number;
	/** How long a socket closed for back-pressure may read nothing before it is destroyed (default 500 ms). */
	stallCutOffMs?: number;
	/** Open sync sockets per client address on this node, also in a cluster (default 256; 4530 beyond). */
	maxConnectionsPerIp?: number;
	/** Admitted sync sockets per account on this node, all rooms and devices together, also in a cluster (default 64; 4530 beyond). */
	maxConnectionsPerAccount?: number;
	/** Evict a room this long after its last peer left. */
	roomIdleMs?: number;
	/** Compact a room's update log beyond this many rows. */
	compactAfter?: number;
	/** Accounts, sessions, subjects, memberships, invites and the file index, one store per aggregate. */
	records: Records;
	/** Allowed Origins (`https://beian.example.com`); default `http://localhost:PORT` and `http://127.0.0.1:PORT`. */
	allowedOrigins?: readonly string[] | null;
	/** Behind a TLS-terminating reverse proxy: honour `X-Forwarded-Proto` (Secure cookie) and `X-Forwarded-For` (rate limits). Default false. */
	trustProxy?: boolean;
	/** Session lifetime after its last use (sliding). Default 30 days. */
	sessionLifetimeMs?: number;
	/** Write a session's last use at most this often. Default 60 s. */
	sessionTouchIntervalMs?: number;
	/** scrypt cost for new password hashes. Default N = 2^15, r = 8, p = 1. */
	passwordHashCost?: ScryptCost;
	/** Rate and size limits; each missing one takes its default from `DEFAULT_LIMITS`. */
	limits?: Partial<AccessLimits>;
	/** Clock for sessions, invites and rate limits (tests). Default `Date.now`. */
	now?: () => number;
	/** Overrides the accounts module as the access decider of `/sync` and `/files` (tests of those endpoints only). */
	access?: Access;
	/** The attachment index: who may download a blob; kept up to date from workspace docs. Default: the records' file index. */
	attachmentRefs?: AttachmentRefReader & AttachmentRefWriter;
	/** Which subjects uploaded (proved they have) which blobs. Default: the records' file index. */
	blobHolders?: BlobHolders;
	/** Uploaded document bytes, content-addressed. */
	blobStore?: BlobStore;
	/** Staging folder for uploads in progress (same filesystem as a filesystem blob store). */
	uploadDir?: string;
	/** Uploads in progress on S3 instead of `uploadDir`, so any node resumes them (issue 13; needs the S3 blob store). */
	uploadStaging?: S3StagingConfig | null;
	/** Unfinished uploads are deleted this long after creation (default 24 h). */
	uploadExpiryMs?: number;
	/** Largest accepted upload, bytes (default 10 MB). */
	maxUploadBytes?: number;
	/** Unfinished uploads per account (default 20). */
	maxPendingUploadsPerAccount?: number;
	/** Bytes stored per subject, unfinished uploads included (default 200 MB). */
	maxSubjectBytes?: number;
	/** The access provider operating this server, named in every order's access information (default {@link DEFAULT_ACCESS_PROVIDER}). */
	accessProvider?: string;
	/** The review desk's stores: reviewers, service codes, numbers, registry (issue 12). Default: in memory. */
	review?: ReviewRecords;
	/** Public registry queries per client IP (default 30 a minute). */
	registryLimit?: RateWindow;
	/** How often the desk's clock fires SMS timeouts and idle expiry (default 60 s; it also runs before each queue read). */
	reviewTickMs?: number;
	/** Account requests, legacy logins, reset tokens, inbox (issue 12). Default: in memory. */
	legacy?: LegacyRecords;
	/** Outgoing mail (password retrieval). Default: `.eml` files in the system temp folder's `beian-mail/`. */
	mailer?: Mailer;
	/** Bytes an account may hold itself (account requests' documents); default 50 MB. */
	maxAccountBytes?: number;
	/** One node of several (issue 13): rooms, revocations and rate limits shared through Redis (cluster/redis-cluster.ts). Default: one node. */
	cluster?: ServerCluster;
}

export interface RunningServer {
	readonly url: string;
	readonly port: number;
	/** Closes sockets, flushes rooms, closes the stores. Idempotent. */
	close(): Promise<void>;
}

const DEFAULTS = {
	maxPayload: 1024 * 1024,
	maxBufferedBytes: 4 * 1024 * 1024,
	maxConnectionsPerIp: 256,
	maxConnectionsPerAccount: 64,
	roomIdleMs: 30_000,
	compactAfter: 500
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const limits: AccessLimits = { ...DEFAULT_LIMITS, ...options.limits };
	const settings = { ...DEFAULTS, attachmentRefs: options.records.files, blobHolders: options.records.files, ...options };
	const { logger } = settings;
	// Read the built app's inline code before anything else starts: its hashes go into every CSP.
	const staticDir = settings.staticDir === null ? null : resolve(settings.staticDir);
	const security = new SecurityHeaders(staticDir === null ? NO_INLINE_CODE : await hashInlineCode(staticDir), { trustProxy: settings.trustProxy ?? false });
	const indexer = settings.attachmentRefs ? new AttachmentIndexer({ refs: settings.attachmentRefs, logger }) : null;
	const cluster = settings.cluster;
	const rooms = new Rooms({ store: settings.docStore, logger, idleMs: settings.roomIdleMs, compactAfter: settings.compactAfter, onDocChanged: indexer?.onDocChanged, ...(cluster ? { cluster: cluster.rooms } : {}) });
	const facts = new FactsWriter(rooms);
	const now = settings.now ?? Date.now;
	const rateLimits = cluster?.rateLimits ?? memoryRateLimits(now);
	const accounts = createAccounts(settings, { limits, facts, rateLimits });
	const review = settings.review ?? new MemoryReviewRecords();
	const provider = settings.accessProvider ?? DEFAULT_ACCESS_PROVIDER;
	const orders = new OrderService({ records: settings.records, facts, logger, now, provider, unusableServiceCodes: (subjectId, order) => unusableServiceCodes(review.serviceCodes, subjectId, order) });
	const legacy = settings.legacy ?? new MemoryLegacyRecords();
	const desk = new ReviewDesk({ records: settings.records, review, orders, logger, now, provider, inbox: legacy.inbox });
	await accounts.subjects.rekeyStoredSubjects();
	const access = settings.access ?? accounts;
	const files = createFiles({ ...settings, access });
	const messageRate = { perSecond: limits.syncMessagesPerSecond, burst: limits.syncMessageBurst };
	const sync = new SyncEndpoint({
		rooms,
		logger,
		maxPayload: settings.maxPayload,
		access,
		messageRate,
		maxBufferedBytes: settings.maxBufferedBytes,
		...(settings.cutOffGraceMs === undefined ? {} : { cutOffGraceMs: settings.cutOffGraceMs }),
		...(settings.stallCutOffMs === undefined ? {} : { stallCutOffMs: settings.stallCutOffMs }),
		maxConnectionsPerIp: settings.maxConnectionsPerIp,
		maxConnectionsPerAccount: settings.maxConnectionsPerAccount,
		trustProxy: settings.trustProxy ?? false
	});
	const reviewApi: ReviewApiDeps = {
		desk,
		records: review,
		reviewerDeps: { accounts: settings.records.accounts, reviewers: review.reviewers, scryptCost: settings.passwordHashCost ?? DEFAULT_SCRYPT_COST, now, sessions: accounts.sessions },
		blobStore: settings.blobStore ?? null,
		holders: settings.blobHolders ?? settings.records.files,
		registryLimiter: rateLimits('registry-address', settings.registryLimit ?? { max: 30, windowSeconds: 60 }),
		now
	};
	const legacyDesk = new LegacyDesk({
		records: settings.records,
		sessions: accounts.sessions,
		legacy,
		registry: review.registry,
		subjects: accounts.subjects,
		passwordAttempts: accounts.passwordAttempts,
		mailer: settings.mailer ?? createMailer({ smtpUrl: null, mailDir: join(tmpdir(), 'beian-mail'), from: DEFAULT_MAIL_FROM, logger }),
		logger,
		now,
		scryptCost: settings.passwordHashCost ?? DEFAULT_SCRYPT_COST
	});
	const api = { accounts, limits, submitLimiter: rateLimits('submit-account', limits.submitsPerAccount), logger, version: settings.version ?? 'dev', startedAt: Date.now(), roomsInMemory: () => rooms.size, orders, review: reviewApi, legacy: legacyDesk };

	const server = createServer(requestHandler({ api, files, staticDir, access, logger, security }));
	server.on('clientError', (error: Error & { code?: string }, socket) => answerClientError(error, socket, security.unparsed()));
	server.on('upgrade', (req, socket, head) => {
		const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (sync.matches(pathname)) return sync.upgrade(req, socket, head, pathname);
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
	});

	await listen(server, settings.port, settings.host);
	const port = (server.address() as AddressInfo).port;
	accounts.origins.listenOn(port);
	void accounts.pruneSessions();
	const housekeeping = setInterval(() => void accounts.pruneSessions(), 6 * 3_600_000).unref();
	const deskClock = setInterval(() => void desk.tick().catch((error: unknown) => logger.log('error', 'review desk clock failed', { error: String(error) })), settings.reviewTickMs ?? 60_000).unref();
	const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
	logger.log('info', 'listening', { url });

	let closing: Promise<void> | null = null;
	const close = () =>
		(closing ??= (async () => {
			clearInterval(housekeeping);
			clearInterval(deskClock);
			sync.closeAll();
			files?.close();
			await new Promise<void>((done) => {
				server.close(() => done());
				server.closeAllConnections();
			});
			await rooms.closeAll();
			await indexer?.flushed();
			await settings.docStore.close();
			await settings.records.close();
			logger.log('info', 'stopped');
		})());
	return { url, port, close };
}

/** Routes a request to `/api`, `/files` or the static app, after the security headers and the Origin check; a failure answers 500 and affects nothing else. */
function requestHandler(parts: { api: ApiDeps; files: FilesEndpoint | null; staticDir: string | null; access: Access; logger: Logger; security: SecurityHeaders }) {
	const { api, files, staticDir, access, logger, security } = parts;
	return (req: IncomingMessage, res: ServerResponse): void => {
		const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		security.apply(req, res);
		if (!checkOrigin(req, res, (origin) => access.isAllowedOrigin(origin))) return void req.resume();
		const handled = pathname.startsWith('/api/')
			? handleApi(req, res, pathname, api)
			: files?.matches(pathname)
				? files.handle(req, res, pathname)
				: staticDir
					? serveStatic(req, res, pathname, { root: staticDir, fallback: '200.html' })
					: Promise.resolve(sendError(res, 404, 'not-found', 'Not found'));
		handled.catch((error: unknown) => {
			logger.log('error', 'request failed', { path: pathname, error: String(error) });
			if (!res.headersSent) sendError(res, 500, 'internal', 'Internal server error');
			else res.destroy();
		});
	};
}

function createAccounts(options: ServerOptions & { logger: Logger }, deps: { limits: AccessLimits; facts: FactsWriter; rateLimits: RateLimits }): Accounts {
	return new Accounts({
		records: options.records,
		logger: options.logger,
		limits: deps.limits,
		allowedOrigins: options.allowedOrigins ?? null,
		trustProxy: options.trustProxy ?? false,
		sessionLifetimeMs: options.sessionLifetimeMs ?? 30 * 24 * 3_600_000,
		sessionTouchIntervalMs: options.sessionTouchIntervalMs ?? 60_000,
		scryptCost: options.passwordHashCost ?? DEFAULT_SCRYPT_COST,
		now: options.now ?? Date.now,
		onSubjectBound: (subject) => deps.facts.writeBinding(subject),
		rateLimits: deps.rateLimits,
		...(options.cluster ? { accessBus: options.cluster.access } : {})
	});
}

function createFiles(options: ServerOptions): FilesEndpoint | null {
	const { access, attachmentRefs, blobHolders, blobStore, uploadDir } = options;
	if (!access || !attachmentRefs || !blobHolders || !blobStore || !uploadDir) return null;
	const { logger, maxUploadBytes, maxPendingUploadsPerAccount, maxSubjectBytes, maxAccountBytes, uploadExpiryMs } = options;
	const limits = { maxUploadBytes, maxPendingUploadsPerAccount, maxSubjectBytes, maxAccountBytes, uploadExpiryMs };
	const locker = options.cluster?.locker;
	return new FilesEndpoint({
		access,
		refs: attachmentRefs,
		holders: blobHolders,
		blobStore,
		uploadDir,
		s3Staging: options.uploadStaging ?? null,
		logger,
		...limits,
		...(locker ? { uploadLocker: locker } : {}),
	});
}

function listen(server: Server, port: number, host: string): Promise<void> {
	return new Promise((done, fail) => {
		server.once('error', fail);
		server.listen(port, host, () => {
			server.off('error', fail);
			done();
		});
	});
}
