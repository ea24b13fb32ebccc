/**
 * The server's stores, built from configuration: the embedded default (one SQLite file in the
 * data folder, the update log in a worker thread) or PostgreSQL when a `DATABASE_URL` is given
 * (every record store and the update log on one pool; several nodes may share the database).
 * `main.ts` picks one; `close` runs after the server closed its stores and frees what is left.
 * The PostgreSQL modules (and `pg`) are imported only when a `DATABASE_URL` asks for them.
 */
import { join } from 'node:path';
import type { SeqLog } from '../sync/room-bus.ts';
import type { BlobStore } from './blob-store.ts';
import type { DocStore } from './doc-store.ts';
import { FsBlobStore } from './fs-blob-store.ts';
import type { LegacyRecords } from './legacy/legacy-stores.ts';
import { SqliteLegacyRecords } from './legacy/sqlite-legacy-stores.ts';
import type { Records } from './records/records.ts';
import { SqliteRecords } from './records/sqlite-records.ts';
import type { ReviewRecords } from './review/review-stores.ts';
import { SqliteReviewRecords } from './review/sqlite-review-stores.ts';
import { openDatabase } from './sqlite-doc-store.ts';
import { WorkerDocStore } from './worker-doc-store.ts';
import type { S3Settings } from './s3-blob-store.ts';

export interface ServerStores {
	/** What the start-up line shows (never a password). */
	readonly where: string;
	readonly docStore: DocStore;
	readonly records: Records;
	readonly review: ReviewRecords;
	readonly legacy: LegacyRecords;
	/** The update log as a cluster's rooms catch up from it (PostgreSQL only: SQLite is one node's). */
	readonly log: SeqLog | null;
	/** After the server closed: frees the connection pool (PostgreSQL); nothing for SQLite. */
	close(): Promise<void>;
}

/** The embedded default: `beian.sqlite` (records) and its update log, opened by a worker thread. */
export function openSqliteStores(file: string, options: { groupWindowMs?: number } = {}): ServerStores {
	const db = openDatabase(file);
	// Migrated on this connection before the worker opens its own.
	const records = new SqliteRecords(db);
	const review = new SqliteReviewRecords(db);
	const legacy = new SqliteLegacyRecords(db);
	return { where: file, docStore: new WorkerDocStore(file, options), records, review, legacy, log: null, close: async () => {} };
}

/** PostgreSQL at `url`: migrates the tables (once, also when nodes start together) and opens every store on one pool. */
export async function openPgStores(url: string, options: { poolSize?: number } = {}): Promise<ServerStores> {
	const [{ createPgPool }, { PgDocStore }, { PgRecords }, { PgReviewRecords }, { PgLegacyRecords }] = await Promise.all([
		import('./pg/pg-database.ts'),
		import('./pg/pg-doc-store.ts'),
		import('./pg/pg-records.ts'),
		import('./pg/pg-review-stores.ts'),
		import('./pg/pg-legacy-stores.ts')
	]);
	const pool = createPgPool(url, { max: options.poolSize ?? 10 });
	try {
		const docStore = await PgDocStore.open(pool);
		const records = await PgRecords.open(pool);
		const review = await PgReviewRecords.open(pool);
		const legacy = await PgLegacyRecords.open(pool);
		return { where: redacted(url), docStore, records, review, legacy, log: docStore, close: () => pool.end() };
	} catch (error) {
		await pool.end();
		throw error;
	}
}

/** The URL without its password, for logs. */
function redacted(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'PostgreSQL (DATABASE_URL)';
	}
}

/** The S3 variables: `S3_ENDPOINT` turns the object store on, and then the bucket and both keys are required. */
const S3_REQUIRED = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/**
 * The object store's settings from the environment, or null when `S3_ENDPOINT` is not set (the
 * embedded default: blobs in the data folder). Throws naming what is missing or malformed.
 * `S3_REGION` defaults to `us-east-1`; `S3_FORCE_PATH_STYLE` defaults to on (off: `0`/`false`/`no`/`off`).
 */
export function s3SettingsFromEnv(env: Readonly<Record<string, string | undefined>>): S3Settings | null {
	const endpoint = env.S3_ENDPOINT?.trim();
	if (!endpoint) return null;
	if (!/^https?:\/\/[^/\s]+/.test(endpoint)) throw new Error(`S3_ENDPOINT must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
	const missing = S3_REQUIRED.filter((name) => !env[name]?.trim());
	if (missing.length > 0) throw new Error(`S3_ENDPOINT is set, so ${missing.join(', ')} must be set too`);
	return {
		endpoint,
		bucket: env.S3_BUCKET!.trim(),
		accessKeyId: env.S3_ACCESS_KEY_ID!.trim(),
		secretAccessKey: env.S3_SECRET_ACCESS_KEY!.trim(),
		region: env.S3_REGION?.trim() || 'us-east-1',
		forcePathStyle: !/^(0|false|no|off)$/i.test(env.S3_FORCE_PATH_STYLE?.trim() ?? '')
	};
}

export interface OpenedBlobStore {
	readonly blobStore: BlobStore;
	/** What the start-up line shows (never a key); null for the embedded default, which the data folder line covers. */
	readonly where: string | null;
	close(): void;
}

/**
 * The blob store: S3 when settings are given (`<bucket>/blobs/<sha256>`), else `<dataDir>/blobs`
 * (the embedded default). The AWS SDK is imported only when S3 is configured: loading it costs
 * the embedded default memory it never uses.
 */
export async function openBlobStore(dataDir: string, s3: S3Settings | null): Promise<OpenedBlobStore> {
	if (!s3) return { blobStore: new FsBlobStore(join(dataDir, 'blobs')), where: null, close: () => {} };
	const { createS3Client, S3BlobStore } = await import('./s3-blob-store.ts');
	const client = createS3Client(s3);
	return { blobStore: new S3BlobStore({ client, bucket: s3.bucket }), where: `${s3.endpoint} bucket ${s3.bucket}`, close: () => client.destroy() };
}
