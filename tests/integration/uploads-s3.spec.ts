/**
 * Uploads in progress on S3 (issue 13), against the run's real radosgw, PostgreSQL and Redis:
 * two server nodes share only those engines, and an upload is driven by raw tus requests so
 * the test decides which node takes which PATCH.
 */
import { buffer } from 'node:stream/consumers';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { describeApiError } from '../../src/lib/i18n/api-errors.ts';
import { m } from '../../src/lib/i18n/paraglide/messages.js';
import { S3StagingStore } from '../../sync-server/src/files/s3-staging-store.ts';
import { silentLogger } from '../../sync-server/src/log.ts';
import { startS3UploadNodes, type UploadNode } from '../support/s3-uploads.ts';
import { signUpWithSubject, type OwnerWithSubject } from '../support/server.ts';
import { pngBytes, sha256 } from '../support/uploads.ts';

const MIB = 1024 * 1024;
const TUS = { 'tus-resumable': '1.0.0' };

function metadataHeader(bytes: Uint8Array, subjectId: string): string {
	const pairs = { sha256: sha256(bytes), subjectId, kind: 'id-front', filename: 'front.png' };
	return Object.entries(pairs)
		.map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
		.join(',');
}

/** POST /files on a node; the upload's path (`/files/<id>`). */
async function createUpload(node: UploadNode, owner: OwnerWithSubject, bytes: Uint8Array): Promise<string> {
	const response = await fetch(`${node.server.url}/files`, {
		method: 'POST',
		headers: { ...TUS, cookie: owner.cookie, 'upload-length': String(bytes.length), 'upload-metadata': metadataHeader(bytes, owner.subjectId) }
	});
	expect(response.status).toBe(201);
	const location = response.headers.get('location') ?? '';
	expect(location).toMatch(/^\/files\/[0-9a-f]{32}$/);
	return location;
}

function patch(node: UploadNode, owner: OwnerWithSubject, path: string, offset: number, chunk: Uint8Array): Promise<Response> {
	return fetch(`${node.server.url}${path}`, {
		method: 'PATCH',
		headers: { ...TUS, cookie: owner.cookie, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
		body: new Uint8Array(chunk)
	});
}

async function offsetOn(node: UploadNode, owner: OwnerWithSubject, path: string): Promise<{ status: number; offset: number | null }> {
	const response = await fetch(`${node.server.url}${path}`, { method: 'HEAD', headers: { ...TUS, cookie: owner.cookie } });
	const offset = response.headers.get('upload-offset');
	return { status: response.status, offset: offset === null ? null : Number(offset) };
}

const heldBy = (node: UploadNode, owner: OwnerWithSubject, hash: string) =>
	fetch(`${node.server.url}/files/by-hash/${hash}?subject=${owner.subjectId}`, { method: 'HEAD', headers: { ...TUS, cookie: owner.cookie } }).then((r) => r.status);

for (const redis of [true, false]) {
	describe(`uploads staged on S3 (tus metadata ${redis ? 'in Redis' : 'uncached'})`, () => {
		it('an upload started on node A resumes on node B: a whole 5 MiB part and a buffered part written on A, the rest on B, one blob stored', async () => {
			const { nodes, keysUnder, openMultipartUploads, settings, client, prefix } = await startS3UploadNodes({ redis });
			const [a, b] = nodes as [UploadNode, UploadNode];
			const owner = await signUpWithSubject(a.server);
			const bytes = pngBytes(7 * MIB, 3);
			const path = await createUpload(a, owner, bytes);
			const first = 5 * MIB + 300_000;
			const written = await patch(a, owner, path, 0, bytes.subarray(0, first));
			expect(written.status).toBe(204);
			expect(await openMultipartUploads()).toHaveLength(1);
			expect(await offsetOn(b, owner, path)).toEqual({ status: 200, offset: first });
			const rest = await patch(b, owner, path, first, bytes.subarray(first));
			expect(rest.status).toBe(204);
			expect(rest.headers.get('upload-offset')).toBe(String(bytes.length));
			const hash = sha256(bytes);
			expect(await keysUnder('blobs/')).toEqual([`${prefix}blobs/${hash}`]);
			const stored = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: `${prefix}blobs/${hash}` }));
			expect(stored.ContentType).toBe('image/png');
			expect(sha256(await buffer(stored.Body as NodeJS.ReadableStream))).toBe(hash);
			expect(await keysUnder('uploads/')).toEqual([]);
			expect(await openMultipartUploads()).toEqual([]);
			expect(await heldBy(a, owner, hash)).toBe(200);
			expect((await offsetOn(a, owner, path)).status).toBe(404);
		});
	});
}

describe('uploads staged on S3: checks and races', () => {
	it('refuses non-image first bytes on the first PATCH (415 unsupported-type, localized), before they are stored', async () => {
		const { nodes, keysUnder, openMultipartUploads } = await startS3UploadNodes();
		const [a, b] = nodes as [UploadNode, UploadNode];
		const owner = await signUpWithSubject(a.server);
		const bytes = Buffer.from('This is not a photo of an ID card.\n'.repeat(400));
		const path = await createUpload(a, owner, bytes);
		const refused = await patch(b, owner, path, 0, bytes);
		expect(refused.status).toBe(415);
		const body = (await refused.json()) as { error: string };
		expect(body.error).toBe('unsupported-type');
		expect(describeApiError(body)).toBe(m.api_error_unsupported_type());
		expect(m.api_error_unsupported_type({}, { locale: 'zh-CN' })).not.toBe(m.api_error_unsupported_type({}, { locale: 'en' }));
		expect(await keysUnder('')).toEqual([]);
		expect(await openMultipartUploads()).toEqual([]);
		expect((await offsetOn(a, owner, path)).status).toBe(404);
	});

	it('refuses a file whose signature is broken in its 8th byte when the first bytes arrive one PATCH at a time on alternating nodes', async () => {
		const { nodes, keysUnder } = await startS3UploadNodes();
		const [a, b] = nodes as [UploadNode, UploadNode];
		const owner = await signUpWithSubject(a.server);
		const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]), Buffer.alloc(100)]);
		const path = await createUpload(a, owner, bytes);
		for (let i = 0; i < 7; i++) expect((await patch(i % 2 ? b : a, owner, path, i, bytes.subarray(i, i + 1))).status).toBe(204);
		expect((await offsetOn(b, owner, path)).offset).toBe(7);
		const refused = await patch(b, owner, path, 7, bytes.subarray(7));
		expect(refused.status).toBe(415);
		expect(await keysUnder('')).toEqual([]);
	});

	it('two nodes finishing the same SHA-256 at once store one blob, and both subjects hold it', async () => {
		const { nodes, keysUnder, openMultipartUploads, prefix } = await startS3UploadNodes();
		const [a, b] = nodes as [UploadNode, UploadNode];
		const [first, second] = [await signUpWithSubject(a.server), await signUpWithSubject(b.server)];
		const bytes = pngBytes(600_000, 9);
		const hash = sha256(bytes);
		const [pathA, pathB] = [await createUpload(a, first, bytes), await createUpload(b, second, bytes)];
		const [doneA, doneB] = await Promise.all([patch(a, first, pathA, 0, bytes), patch(b, second, pathB, 0, bytes)]);
		expect([doneA.status, doneB.status]).toEqual([204, 204]);
		expect(await keysUnder('blobs/')).toEqual([`${prefix}blobs/${hash}`]);
		expect(await keysUnder('uploads/')).toEqual([]);
		expect(await openMultipartUploads()).toEqual([]);
		expect([await heldBy(b, first, hash), await heldBy(a, second, hash)]).toEqual([200, 200]);
	});

	it('the expiry sweep aborts a multipart upload abandoned past the expiry (by the clock), and keeps a younger one', async () => {
		const expiryMs = 60_000;
		const { nodes, keysUnder, openMultipartUploads, settings, prefix } = await startS3UploadNodes({ uploadExpiryMs: expiryMs });
		const [a, b] = nodes as [UploadNode, UploadNode];
		const owner = await signUpWithSubject(a.server);
		const bytes = pngBytes(6 * MIB, 4);
		const path = await createUpload(a, owner, bytes);
		expect((await patch(a, owner, path, 0, bytes.subarray(0, 5 * MIB + 1000))).status).toBe(204);
		let clock = Date.now() + expiryMs / 2;
		// The sweep as node B runs it: its Redis connection, so the shared metadata record goes too.
		const sweeper = new S3StagingStore({ s3: settings, prefix: `${prefix}uploads/`, redis: b.cluster?.connection ?? null, expiryMs, logger: silentLogger, now: () => clock });
		expect(await sweeper.deleteExpired()).toBe(0);
		expect(await offsetOn(b, owner, path)).toEqual({ status: 200, offset: 5 * MIB + 1000 });
		clock = Date.now() + expiryMs + 1000;
		expect(await sweeper.deleteExpired()).toBe(1);
		expect(await openMultipartUploads()).toEqual([]);
		expect(await keysUnder('uploads/')).toEqual([]);
		expect((await offsetOn(a, owner, path)).status).toBe(404);
		expect((await offsetOn(b, owner, path)).status).toBe(404);
	});
	it('an upload whose last byte reached node A, which failed before storing it, is finished by node B when the client asks for its offset', async () => {
		let failuresLeft = 1;
		const { nodes, keysUnder, prefix } = await startS3UploadNodes({
			wrapBlobStore: (store, index) =>
				index > 0
					? store
					: {
							has: (hash) => store.has(hash),
							stat: (hash) => store.stat(hash),
							read: (hash) => store.read(hash),
							delete: (hash) => store.delete(hash),
							putFile: (input) => store.putFile(input),
							copyStaged: async (input) => {
								if (failuresLeft-- > 0) throw new Error('connection reset by the object store');
								return store.copyStaged!(input);
							}
						}
		});
		const [a, b] = nodes as [UploadNode, UploadNode];
		const owner = await signUpWithSubject(a.server);
		const bytes = pngBytes(200_000, 6);
		const hash = sha256(bytes);
		const path = await createUpload(a, owner, bytes);
		expect((await patch(a, owner, path, 0, bytes)).status).toBe(500);
		expect(await keysUnder('blobs/')).toEqual([]);
		expect(await offsetOn(b, owner, path)).toEqual({ status: 200, offset: bytes.length });
		expect(await keysUnder('blobs/')).toEqual([`${prefix}blobs/${hash}`]);
		expect(await keysUnder('uploads/')).toEqual([]);
		expect(await heldBy(a, owner, hash)).toBe(200);
	});

	it('a node counts the unfinished uploads other nodes staged in the bucket (read at its first upload) against the quota', async () => {
		const { nodes } = await startS3UploadNodes({ maxPendingUploadsPerAccount: 1 });
		const [a, b] = nodes as [UploadNode, UploadNode];
		const owner = await signUpWithSubject(a.server);
		await createUpload(a, owner, pngBytes(10_000, 1));
		const second = pngBytes(10_000, 2);
		const refused = await fetch(`${b.server.url}/files`, {
			method: 'POST',
			headers: { ...TUS, cookie: owner.cookie, 'upload-length': String(second.length), 'upload-metadata': metadataHeader(second, owner.subjectId) }
		});
		expect(refused.status).toBe(429);
		expect(((await refused.json()) as { error: string }).error).toBe('too-many-uploads');
	});
});
