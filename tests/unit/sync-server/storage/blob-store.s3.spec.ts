import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createS3Client, S3BlobStore } from '../../../../sync-server/src/storage/s3-blob-store.ts';
import { describeBlobStoreContract, PNG_HEAD, temporaryFolder } from './blob-store.contract.ts';

const s3 = inject('s3');
const client = createS3Client({ ...s3, forcePathStyle: true });
afterAll(() => client.destroy());

/** A store under a prefix of its own in the test bucket, so fixtures never see each other's blobs. */
const storeUnder = (prefix: string) => new S3BlobStore({ client, bucket: s3.bucket, prefix });

describeBlobStoreContract('S3BlobStore (radosgw)', async () => {
	const data = temporaryFolder('beian-blobs-s3-');
	return { store: storeUnder(`t-${randomUUID()}/`), stagingDir: data.path, dispose: async () => data.remove() };
});

describe('S3BlobStore on radosgw', () => {
	const cleanups: (() => void)[] = [];
	afterEach(() => {
		for (const cleanup of cleanups.splice(0)) cleanup();
	});
	const staging = () => {
		const data = temporaryFolder('beian-blobs-s3-');
		cleanups.push(data.remove);
		return data.path;
	};
	const png = (seed: number, size = 5000) => Uint8Array.from({ length: size }, (_, i) => PNG_HEAD[i] ?? (i * seed) % 256);
	const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
	const keysUnder = async (prefix: string) => ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);

	it('stores a blob at <prefix><sha256> with its type as the Content-Type', async () => {
		const prefix = `k-${randomUUID()}/`;
		const store = storeUnder(prefix);
		const bytes = png(3);
		const hash = sha256(bytes);
		const source = join(staging(), 'up');
		writeFileSync(source, bytes);
		await store.putFile({ sha256: hash, sourcePath: source });
		expect(await keysUnder(prefix)).toEqual([`${prefix}${hash}`]);
		expect(store.keyOf(hash)).toBe(`${prefix}${hash}`);
		expect(store.keyOf('../x')).toBeNull();
	});

	it('puts conditionally (If-None-Match: *): a second put at a taken key keeps the first bytes', async () => {
		const store = storeUnder(`c-${randomUUID()}/`);
		const dir = staging();
		const first = png(3);
		const second = png(5);
		writeFileSync(join(dir, 'a'), first);
		writeFileSync(join(dir, 'b'), second);
		const hash = sha256(first);
		const key = store.keyOf(hash)!;
		expect(await store.putOnce(key, join(dir, 'a'))).toBe('stored');
		expect(await store.putOnce(key, join(dir, 'b'))).toBe('exists');
		expect(new Uint8Array(await buffer((await store.read(hash))!))).toEqual(first);
	});

	it('two nodes finishing the same SHA-256 at once store one blob and both succeed', async () => {
		const prefix = `n-${randomUUID()}/`;
		const nodeA = storeUnder(prefix);
		const nodeB = new S3BlobStore({ client: createS3Client({ ...s3, forcePathStyle: true }), bucket: s3.bucket, prefix });
		const dir = staging();
		mkdirSync(join(dir, 'a'));
		mkdirSync(join(dir, 'b'));
		const bytes = png(7, 300_000);
		const hash = sha256(bytes);
		writeFileSync(join(dir, 'a', 'up'), bytes);
		writeFileSync(join(dir, 'b', 'up'), bytes);
		await Promise.all([nodeA.putFile({ sha256: hash, sourcePath: join(dir, 'a', 'up') }), nodeB.putFile({ sha256: hash, sourcePath: join(dir, 'b', 'up') })]);
		expect(existsSync(join(dir, 'a', 'up'))).toBe(false);
		expect(existsSync(join(dir, 'b', 'up'))).toBe(false);
		expect(await keysUnder(prefix)).toEqual([`${prefix}${hash}`]);
		expect(new Uint8Array(await buffer((await nodeB.read(hash))!))).toEqual(bytes);
	});

	it('streams a read: the first chunk arrives before the whole blob is read', async () => {
		const store = storeUnder(`s-${randomUUID()}/`);
		const bytes = png(11, 3 * 1024 * 1024);
		const hash = sha256(bytes);
		const source = join(staging(), 'big');
		writeFileSync(source, bytes);
		await store.putFile({ sha256: hash, sourcePath: source });
		const stream = (await store.read(hash))!;
		const chunks: Buffer[] = [];
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		expect(chunks.length).toBeGreaterThan(1);
		expect(chunks[0]!.byteLength).toBeLessThan(bytes.byteLength);
		expect(new Uint8Array(Buffer.concat(chunks))).toEqual(bytes);
	});
	it('copies a staged object server-side to <prefix><sha256> with its type as the Content-Type, once; the source stays', async () => {
		const prefix = `cs-${randomUUID()}/`;
		const store = storeUnder(`${prefix}blobs/`);
		const [first, second] = [png(13), png(17)];
		const hash = sha256(first);
		await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${prefix}uploads/a`, Body: first }));
		await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${prefix}uploads/b`, Body: second }));
		expect(await store.copyStaged({ sha256: hash, sourceKey: `${prefix}uploads/a` })).toBe('stored');
		expect(await store.copyStaged({ sha256: hash, sourceKey: `${prefix}uploads/b` })).toBe('exists');
		expect(await store.stat(hash)).toEqual({ size: first.length, mime: 'image/png' });
		expect(new Uint8Array(await buffer((await store.read(hash))!))).toEqual(first);
		expect(await keysUnder(`${prefix}uploads/`)).toEqual([`${prefix}uploads/a`, `${prefix}uploads/b`]);
		await expect(store.copyStaged({ sha256: 'x', sourceKey: `${prefix}uploads/a` })).rejects.toThrow(RangeError);
	});

	it('two nodes copying staged uploads of the same SHA-256 at once store one blob, and both succeed', async () => {
		const prefix = `cr-${randomUUID()}/`;
		const nodeA = storeUnder(`${prefix}blobs/`);
		const nodeB = new S3BlobStore({ client: createS3Client({ ...s3, forcePathStyle: true }), bucket: s3.bucket, prefix: `${prefix}blobs/` });
		const bytes = png(19, 400_000);
		const hash = sha256(bytes);
		await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${prefix}uploads/a`, Body: bytes }));
		await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${prefix}uploads/b`, Body: bytes }));
		const results = await Promise.all([nodeA.copyStaged({ sha256: hash, sourceKey: `${prefix}uploads/a` }), nodeB.copyStaged({ sha256: hash, sourceKey: `${prefix}uploads/b` })]);
		expect(results).toContain('stored');
		expect(await keysUnder(`${prefix}blobs/`)).toEqual([`${prefix}blobs/${hash}`]);
		const kept = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${prefix}blobs/${hash}` }));
		expect(kept.ContentType).toBe('image/png');
		expect(sha256(await kept.Body!.transformToByteArray())).toBe(hash);
	});
});
