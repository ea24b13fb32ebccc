/**
 * Upload nodes on shared engines (issue 13): real servers in this process on one PostgreSQL
 * schema, one Redis (the run's, a key prefix per cluster) and the run's radosgw bucket, with the
 * S3 blob store under `<prefix>blobs/` and uploads in progress under `<prefix>uploads/` — a
 * prefix of the test's own, so tests never see each other's objects. Only the engines are
 * shared, as on separate machines behind a load balancer.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListMultipartUploadsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterEach, inject } from 'vitest';
import { openRedisCluster, type RedisCluster } from '../../sync-server/src/cluster/redis-cluster.ts';
import { silentLogger } from '../../sync-server/src/log.ts';
import { startServer, type RunningServer } from '../../sync-server/src/server.ts';
import type { BlobStore } from '../../sync-server/src/storage/blob-store.ts';
import { openPgStores } from '../../sync-server/src/storage/open-stores.ts';
import { createS3Client, S3BlobStore, type S3Settings } from '../../sync-server/src/storage/s3-blob-store.ts';
import { freshSchema } from './pg-suite.ts';
import { redisUrl } from './redis.ts';
import { TEST_LIMITS, TEST_PASSWORD_COST } from './server.ts';

export interface UploadNode {
	server: RunningServer;
	cluster: RedisCluster | null;
	stop(): Promise<void>;
}

export interface S3UploadNodes {
	nodes: UploadNode[];
	settings: S3Settings;
	/** The test's own key prefix in the bucket. */
	prefix: string;
	client: S3Client;
	/** Keys under `<prefix><under>`. */
	keysUnder(under: string): Promise<string[]>;
	/** Multipart uploads open under `<prefix>uploads/`. */
	openMultipartUploads(): Promise<string[]>;
}

export interface S3UploadNodesOptions {
	nodes?: number;
	/** Share tus's upload metadata in Redis (default) or keep none. */
	redis?: boolean;
	maxUploadBytes?: number;
	maxPendingUploadsPerAccount?: number;
	uploadExpiryMs?: number;
	/** Wraps node `index`'s blob store (a failure at the finish, as on a node that dies before storing). */
	wrapBlobStore?: (store: BlobStore, index: number) => BlobStore;
}

const running: (() => Promise<void>)[] = [];
let clusters = 0;

afterEach(async () => {
	for (const stop of running.splice(0).reverse()) await stop();
});

export async function startS3UploadNodes(options: S3UploadNodesOptions = {}): Promise<S3UploadNodes> {
	const s3 = inject('s3');
	const settings: S3Settings = { ...s3, forcePathStyle: true };
	const prefix = `up-${randomUUID()}/`;
	const keyPrefix = `s3up${process.pid}-${++clusters}:`;
	const db = await freshSchema('s3uploads');
	const client = createS3Client(settings);
	running.push(async () => {
		client.destroy();
		await db.dispose();
	});
	const nodes: UploadNode[] = [];
	for (let i = 0; i < (options.nodes ?? 2); i++) {
		const node = await startUploadNode({ ...options, index: i, settings, prefix, keyPrefix, databaseUrl: db.url });
		running.push(() => node.stop());
		nodes.push(node);
	}
	const keysUnder = async (under: string) =>
		((await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: `${prefix}${under}` }))).Contents ?? []).map((o) => o.Key ?? '');
	const openMultipartUploads = async () =>
		((await client.send(new ListMultipartUploadsCommand({ Bucket: settings.bucket, Prefix: `${prefix}uploads/` }))).Uploads ?? []).map((u) => u.Key ?? '');
	return { nodes, settings, prefix, client, keysUnder, openMultipartUploads };
}

interface NodeOptions extends S3UploadNodesOptions {
	index: number;
	settings: S3Settings;
	prefix: string;
	keyPrefix: string;
	databaseUrl: string;
}

async function startUploadNode(options: NodeOptions): Promise<UploadNode> {
	const stores = await openPgStores(options.databaseUrl, { poolSize: 4 });
	if (!stores.log) throw new Error('PostgreSQL stores without a log');
	const withRedis = options.redis ?? true;
	const cluster = withRedis ? await openRedisCluster({ url: redisUrl(inject('redis')), log: stores.log, logger: silentLogger, keyPrefix: options.keyPrefix, pollMs: 300, gapGraceMs: 50 }) : null;
	const client = createS3Client(options.settings);
	const blobStore = new S3BlobStore({ client, bucket: options.settings.bucket, prefix: `${options.prefix}blobs/` });
	// The staging folder stays empty with S3 staging; the server still takes one.
	const uploadDir = mkdtempSync(join(tmpdir(), 'beian-s3-node-'));
	const server = await startServer({
		port: 0,
		host: '127.0.0.1',
		staticDir: null,
		logger: silentLogger,
		passwordHashCost: TEST_PASSWORD_COST,
		limits: TEST_LIMITS,
		docStore: stores.docStore,
		records: stores.records,
		review: stores.review,
		legacy: stores.legacy,
		blobStore: options.wrapBlobStore?.(blobStore, options.index) ?? blobStore,
		uploadDir,
		uploadStaging: { s3: options.settings, prefix: `${options.prefix}uploads/`, redis: cluster?.connection ?? null },
		...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
		...(options.maxPendingUploadsPerAccount === undefined ? {} : { maxPendingUploadsPerAccount: options.maxPendingUploadsPerAccount }),
		...(options.uploadExpiryMs === undefined ? {} : { uploadExpiryMs: options.uploadExpiryMs }),
		...(cluster ? { cluster } : {})
	});
	let stopping: Promise<void> | null = null;
	const stop = () =>
		(stopping ??= (async () => {
			await server.close();
			await cluster?.close();
			await stores.close();
			client.destroy();
			rmSync(uploadDir, { recursive: true, force: true });
		})());
	return { server, cluster, stop };
}
