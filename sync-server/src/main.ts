/**
 * Entry point: reads the environment and signals, builds the stores, starts the server.
 * Nothing else belongs here (every other module takes its dependencies as parameters).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRateWindow } from './access/limits.ts';
import { normalizeOrigin } from './accounts/origin-policy.ts';
import type { RateWindow } from './accounts/rate-limiter.ts';
import { createJsonLogger, type LogLevel } from './log.ts';
import { startServer } from './server.ts';
import { openBlobStore, openPgStores, openSqliteStores, s3SettingsFromEnv } from './storage/open-stores.ts';
import { DEFAULT_SCRYPT_COST } from './accounts/passwords.ts';
import { ensureFirstReviewer } from './review/reviewers.ts';
import { seedDemoLegacy } from './legacy/demo-legacy.ts';
import { createMailer, DEFAULT_MAIL_FROM } from './legacy/mailer.ts';
import { releaseStartupMemory } from './memory.ts';

const root = resolve(import.meta.dirname, '..', '..');
const env = process.env;
const dataDir = resolve(env.DATA_DIR ?? join(root, 'data'));
const logger = createJsonLogger((env.LOG_LEVEL as LogLevel | undefined) ?? 'info');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

mkdirSync(dataDir, { recursive: true });
// DATABASE_URL: records and the update log on PostgreSQL (several nodes may share it); otherwise the embedded SQLite file.
const databaseUrl = env.DATABASE_URL?.trim() || null;
// SYNC_GROUP_COMMIT_MS: how long the embedded update log gathers appends into one transaction (one fsync).
const groupWindowMs = positiveInteger('SYNC_GROUP_COMMIT_MS', env.SYNC_GROUP_COMMIT_MS);
if (groupWindowMs !== undefined && groupWindowMs > 1000) {
	// Every "saved" waits for the window: past a second it would look like a lost connection.
	process.stderr.write(`SYNC_GROUP_COMMIT_MS must be at most 1000 (ms), got ${groupWindowMs}\n`);
	process.exit(1);
}
const stores = databaseUrl ? await openPgStores(databaseUrl) : openSqliteStores(join(dataDir, 'beian.sqlite'), optional('groupWindowMs', groupWindowMs));
const { records, review, legacy } = stores;
// S3_ENDPOINT (+ S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION, S3_FORCE_PATH_STYLE): blobs in an object store; otherwise in the data folder.
const s3 = s3Settings();
const blobs = await openBlobStore(dataDir, s3);
// REDIS_URL (with DATABASE_URL): one node of several; rooms, revocations and rate limits are shared through Redis.
// ioredis is imported only then: the embedded default never loads it.
const redisUrl = env.REDIS_URL?.trim() || null;
if (redisUrl && !stores.log) {
	process.stderr.write('REDIS_URL needs DATABASE_URL: the nodes of a cluster share their update log on PostgreSQL\n');
	process.exit(1);
}
const cluster = redisUrl && stores.log ? await (await import('./cluster/redis-cluster.ts')).openRedisCluster({ url: redisUrl, log: stores.log, logger }) : null;
// TEST ONLY (tests/support/cluster-crash.ts): the node kills itself between the commit and the Redis publish of its nth batch.
const crashBeforePublishAt = positiveInteger('BEIAN_TEST_CRASH_BEFORE_PUBLISH', env.BEIAN_TEST_CRASH_BEFORE_PUBLISH);
if (cluster && crashBeforePublishAt !== undefined) {
	const { crashBeforePublish } = await import('./cluster/crash-before-publish.ts');
	cluster.rooms.bus = crashBeforePublish(cluster.rooms.bus, crashBeforePublishAt, () => void process.kill(process.pid, 'SIGKILL'));
}
// The DEMO legacy dataset (README: demo logins); LEGACY_DEMO=off removes what nobody attached.
if (/^(0|off|false|no)$/i.test(env.LEGACY_DEMO ?? '')) await legacy.legacy.removeUnattachedDemo();
else await seedDemoLegacy(legacy.legacy, review.registry, DEFAULT_SCRYPT_COST);

const server = await startServer({
	port: Number(env.PORT ?? 8787),
	host: env.HOST ?? '127.0.0.1',
	staticDir: env.STATIC_DIR ?? join(root, 'build'),
	docStore: stores.docStore,
	records,
	review,
	legacy,
	mailer: createMailer({ smtpUrl: env.SMTP_URL?.trim() || null, mailDir: join(dataDir, 'mail'), from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM, logger }),
	...optional('registryLimit', rateWindow('REGISTRY_LIMIT_PER_IP', env.REGISTRY_LIMIT_PER_IP)),
	allowedOrigins: origins('ALLOWED_ORIGINS', env.ALLOWED_ORIGINS),
	trustProxy: /^(1|true|yes)$/i.test(env.TRUST_PROXY ?? ''),
	sessionLifetimeMs: (positiveInteger('SESSION_DAYS', env.SESSION_DAYS) ?? 30) * 24 * 3_600_000,
	limits: {
		...optional('signInPerIp', rateWindow('SIGNIN_LIMIT_PER_IP', env.SIGNIN_LIMIT_PER_IP)),
		...optional('signInPerAccount', rateWindow('SIGNIN_LIMIT_PER_ACCOUNT', env.SIGNIN_LIMIT_PER_ACCOUNT)),
		...optional('signInPerAccountTotal', rateWindow('SIGNIN_LIMIT_PER_ACCOUNT_TOTAL', env.SIGNIN_LIMIT_PER_ACCOUNT_TOTAL)),
		...optional('registerPerIp', rateWindow('REGISTER_LIMIT_PER_IP', env.REGISTER_LIMIT_PER_IP)),
		...optional('jsonBodyBytes', positiveInteger('MAX_JSON_BYTES', env.MAX_JSON_BYTES)),
		...optional('syncMessagesPerSecond', positiveInteger('SYNC_MESSAGES_PER_SECOND', env.SYNC_MESSAGES_PER_SECOND)),
		...optional('syncMessageBurst', positiveInteger('SYNC_MESSAGE_BURST', env.SYNC_MESSAGE_BURST)),
		...optional('submitsPerAccount', rateWindow('SUBMIT_LIMIT_PER_ACCOUNT', env.SUBMIT_LIMIT_PER_ACCOUNT))
	},
	blobStore: blobs.blobStore,
	uploadDir: join(dataDir, 'uploads'),
	// With S3, uploads in progress are staged in the bucket too (any node resumes them), their tus metadata shared in Redis when there is one.
	uploadStaging: s3 ? { s3, redis: cluster?.connection ?? null } : null,
	maxUploadBytes: positiveInteger('MAX_UPLOAD_BYTES', env.MAX_UPLOAD_BYTES),
	...optional('maxBufferedBytes', positiveInteger('SYNC_MAX_BUFFERED_BYTES', env.SYNC_MAX_BUFFERED_BYTES)),
	...optional('maxConnectionsPerIp', positiveInteger('SYNC_MAX_CONNECTIONS_PER_IP', env.SYNC_MAX_CONNECTIONS_PER_IP)),
	...optional('maxConnectionsPerAccount', positiveInteger('SYNC_MAX_CONNECTIONS_PER_ACCOUNT', env.SYNC_MAX_CONNECTIONS_PER_ACCOUNT)),
	maxPendingUploadsPerAccount: positiveInteger('MAX_PENDING_UPLOADS_PER_ACCOUNT', env.MAX_PENDING_UPLOADS_PER_ACCOUNT),
	maxSubjectBytes: positiveInteger('MAX_SUBJECT_BYTES', env.MAX_SUBJECT_BYTES),
	...optional('accessProvider', env.ACCESS_PROVIDER_NAME?.trim() || undefined),
	maxAccountBytes: positiveInteger('MAX_ACCOUNT_BYTES', env.MAX_ACCOUNT_BYTES),
	...(cluster ? { cluster } : {}),
	logger,
	version
});
const shown = server.url.replace('://127.0.0.1:', '://localhost:');
process.stdout.write(`\n  备案助手 Beian is running at ${shown}\n  data: ${dataDir}${databaseUrl ? `\n  database: ${stores.where}` : ''}${blobs.where === null ? '' : `\n  blobs: ${blobs.where}`}${cluster ? '\n  redis: shared with the other nodes (REDIS_URL)' : ''}\n\n`);

// The first start creates the review desk's first reviewer and shows its one-time password once.
const firstReviewer = await ensureFirstReviewer({ accounts: records.accounts, reviewers: review.reviewers, scryptCost: DEFAULT_SCRYPT_COST, now: Date.now });
if (firstReviewer) {
	process.stdout.write(`  First reviewer / 首位审核员: ${firstReviewer.email}\n  One-time password / 一次性密码: ${firstReviewer.password}\n  (shown once; change it at the first sign-in at ${shown}/review / 仅显示一次，首次登录须修改)\n\n`);
}

// The start-up's garbage (module compilation, schemas, password hashes) goes back to the system.
setTimeout(releaseStartupMemory, 500).unref();

// No input may reach this (every request and sync handler catches its errors); if a bug does,
// Node cannot safely go on: log it as a JSON line and exit non-zero for the supervisor.
process.on('uncaughtException', (error) => {
	logger.log('error', 'uncaught exception; exiting', { error: error.stack ?? String(error) });
	process.exit(70);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		logger.log('info', 'shutting down', { signal });
		server.close().then(() => cluster?.close()).then(() => stores.close()).then(() => blobs.close()).then(
			() => process.exit(0),
			(error: unknown) => {
				logger.log('error', 'shutdown failed', { error: String(error) });
				process.exit(1);
			}
		);
	});
}

/** The S3 settings, or null for the embedded default; exits with a clear message when they are incomplete. */
function s3Settings(): ReturnType<typeof s3SettingsFromEnv> {
	try {
		return s3SettingsFromEnv(env);
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n`);
		process.exit(1);
	}
}

/** An optional positive integer setting; exits with a clear message when it is malformed. */
function positiveInteger(name: string, value: string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	const parsed = Number(value);
	if (Number.isSafeInteger(parsed) && parsed > 0) return parsed;
	process.stderr.write(`${name} must be a positive integer, got ${JSON.stringify(value)}\n`);
	process.exit(1);
}

/** An optional `max/windowSeconds` rate limit (e.g. `10/60`); exits with a clear message when it is malformed. */
function rateWindow(name: string, value: string | undefined): RateWindow | undefined {
	if (value === undefined || value === '') return undefined;
	const parsed = parseRateWindow(value);
	if (parsed) return parsed;
	process.stderr.write(`${name} must look like max/seconds (e.g. 10/60), got ${JSON.stringify(value)}\n`);
	process.exit(1);
}

/** `{ [key]: value }` when a setting is given, `{}` otherwise (so the server default applies). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
	return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** An optional comma-separated list of origins; exits with a clear message when one is not `scheme://host[:port]`. */
function origins(name: string, value: string | undefined): string[] | null {
	const list = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
	const bad = list.find((o) => normalizeOrigin(o) === null);
	if (bad === undefined) return list.length > 0 ? list : null;
	process.stderr.write(`${name} must list origins like https://beian.example.com, got ${JSON.stringify(bad)}\n`);
	process.exit(1);
}
