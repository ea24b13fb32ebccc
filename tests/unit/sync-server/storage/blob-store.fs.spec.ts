import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../../sync-server/src/storage/fs-blob-store.ts';
import { describeBlobStoreContract, PNG_HEAD, temporaryFolder } from './blob-store.contract.ts';

describeBlobStoreContract('FsBlobStore', async () => {
	const data = temporaryFolder('beian-blobs-fs-');
	mkdirSync(join(data.path, 'uploads'));
	return { store: new FsBlobStore(join(data.path, 'blobs')), stagingDir: join(data.path, 'uploads'), dispose: async () => data.remove() };
});

describe('FsBlobStore layout', () => {
	const cleanups: (() => void)[] = [];
	afterEach(() => {
		for (const cleanup of cleanups.splice(0)) cleanup();
	});

	it('stores a blob at <root>/ab/cd/<sha256> and leaves no temporary file behind', async () => {
		const data = temporaryFolder('beian-blobs-fs-');
		cleanups.push(data.remove);
		const bytes = Uint8Array.from([...PNG_HEAD, 1, 2, 3]);
		const hash = createHash('sha256').update(bytes).digest('hex');
		const source = join(data.path, 'staged');
		writeFileSync(source, bytes);
		const store = new FsBlobStore(join(data.path, 'blobs'));
		await store.putFile({ sha256: hash, sourcePath: source });
		const folder = join(data.path, 'blobs', hash.slice(0, 2), hash.slice(2, 4));
		expect(existsSync(join(folder, hash))).toBe(true);
		expect(readdirSync(folder)).toEqual([hash]);
		expect(store.pathOf(hash)).toBe(join(folder, hash));
	});
});
