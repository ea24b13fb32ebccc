/**
 * What staging uploads on S3 costs against the embedded default: one server on port 0 (SQLite
 * records) with uploads staged in a folder and blobs in the data folder, then one with both on
 * the test radosgw (`@tus/s3-store` under `uploads/`, the finish streaming the object back and
 * copying it server-side). Each upload is one POST and one PATCH, as the app sends a photo.
 * Prints a table: median time per upload by size and staging, and the S3/folder ratio. Without
 * Redis the S3 store reads the upload's `.info` record on every step (about 20 S3 requests per
 * upload), so on a loaded machine the S3 column is mostly round trips, not bytes.
 * `node tests/bench/s3-uploads.ts [--runs 5]`.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../sync-server/src/log.ts';
import { startServer, type RunningServer } from '../../sync-server/src/server.ts';
import { FsBlobStore } from '../../sync-server/src/storage/fs-blob-store.ts';
import { SqliteLegacyRecords } from '../../sync-server/src/storage/legacy/sqlite-legacy-stores.ts';
import { SqliteRecords } from '../../sync-server/src/storage/records/sqlite-records.ts';
import { SqliteReviewRecords } from '../../sync-server/src/storage/review/sqlite-review-stores.ts';
import { createS3Client, S3BlobStore, type S3Settings } from '../../sync-server/src/storage/s3-blob-store.ts';
import { openDatabase, SqliteDocStore } from '../../sync-server/src/storage/sqlite-doc-store.ts';
import { png } from '../support/file-samples.ts';
import { startRadosgw } from '../support/radosgw.ts';
import { numberOption, printTable } from './table.ts';

const MiB = 1024 * 1024;
const SIZES = [256 * 1024, 1 * MiB, 5 * MiB, 10 * MiB - 1];
const runs = numberOption('runs', 5);

const gateway = await startRadosgw();
process.stdout.write(`radosgw up in ${gateway.startupSeconds.toFixed(1)} s\n`);
const dataDir = mkdtempSync(join(tmpdir(), 'beian-bench-s3-uploads-'));
try {
	const settings: S3Settings = { ...gateway, forcePathStyle: true };
	const client = createS3Client(settings);
	const folder = await measure(join(dataDir, 'folder'), null);
	const s3 = await measure(join(dataDir, 's3'), { settings, blobs: new S3BlobStore({ client, bucket: settings.bucket }) });
	client.destroy();
	const rows = SIZES.map((size, i) => [`${(size / MiB).toFixed(2)} MiB`, `${folder[i]!.toFixed(0)} ms`, `${s3[i]!.toFixed(0)} ms`, `${(s3[i]! / folder[i]!).toFixed(1)}×`]);
	printTable([['upload (one PATCH)', 'folder staging', 'S3 staging', 'S3 / folder'], ...rows]);
	process.stdout.write(`median of ${runs} uploads each; radosgw on one in-memory OSD on this machine\n`);
} finally {
	rmSync(dataDir, { recursive: true, force: true });
	await gateway.stop();
}

/** Median ms per upload for each size, on a fresh server (S3 staging when `s3` is given). */
async function measure(dir: string, s3: { settings: S3Settings; blobs: S3BlobStore } | null): Promise<number[]> {
	const server = await benchServer(dir, s3);
	try {
		const owner = await ownerWithSubject(server);
		const medians: number[] = [];
		for (const [index, size] of SIZES.entries()) {
			const times: number[] = [];
			for (let run = 0; run < runs; run++) {
				const bytes = png({ size, seed: index * 100 + run + (s3 ? 50 : 0) });
				const started = performance.now();
				await upload(server, owner, bytes);
				times.push(performance.now() - started);
			}
			times.sort((a, b) => a - b);
			medians.push(times[Math.floor(times.length / 2)]!);
		}
		return medians;
	} finally {
		await server.close();
	}
}

async function benchServer(dir: string, s3: { settings: S3Settings; blobs: S3BlobStore } | null): Promise<RunningServer> {
	const db = openDatabase(join(mkdtempSync(`${dir}-`), 'beian.sqlite'));
	return startServer({
		port: 0,
		host: '127.0.0.1',
		staticDir: null,
		logger: silentLogger,
		passwordHashCost: { log2N: 12, r: 8, p: 1 },
		docStore: new SqliteDocStore(db),
		records: new SqliteRecords(db),
		review: new SqliteReviewRecords(db),
		legacy: new SqliteLegacyRecords(db),
		blobStore: s3 ? s3.blobs : new FsBlobStore(`${dir}-blobs`),
		uploadDir: `${dir}-uploads`,
		uploadStaging: s3 ? { s3: s3.settings } : null
	});
}

async function ownerWithSubject(server: RunningServer): Promise<{ cookie: string; subjectId: string }> {
	const signUp = await fetch(`${server.url}/api/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'correct horse battery' }) });
	const cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0]!;
	const body = { subjectType: 'individual', certificateType: 'passport', certificateNumber: `E${String(Date.now() % 1e9).padStart(9, '0')}`, name: '张三' };
	const bound = await fetch(`${server.url}/api/subject`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
	if (bound.status !== 201) throw new Error(`binding failed: ${bound.status} ${await bound.text()}`);
	const { subject } = (await bound.json()) as { subject: { id: string } };
	return { cookie, subjectId: subject.id };
}

async function upload(server: RunningServer, owner: { cookie: string; subjectId: string }, bytes: Uint8Array): Promise<void> {
	const pairs = { sha256: createHash('sha256').update(bytes).digest('hex'), subjectId: owner.subjectId, kind: 'id-front' };
	const metadata = Object.entries(pairs).map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`).join(',');
	const tus = { 'tus-resumable': '1.0.0', cookie: owner.cookie };
	const created = await fetch(`${server.url}/files`, { method: 'POST', headers: { ...tus, 'upload-length': String(bytes.length), 'upload-metadata': metadata } });
	if (created.status !== 201) throw new Error(`POST /files: ${created.status} ${await created.text()}`);
	const patched = await fetch(`${server.url}${created.headers.get('location')}`, {
		method: 'PATCH',
		headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
		body: new Uint8Array(bytes)
	});
	if (patched.status !== 204) throw new Error(`PATCH: ${patched.status} ${await patched.text()}`);
}
