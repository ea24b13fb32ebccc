/** BlobStore in memory, for tests and benchmarks. Same contract as the filesystem store. */
import { readFile, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { isSha256, sniffMime, type BlobInfo, type BlobStore, type PutFileOptions } from './blob-store.ts';

export class MemoryBlobStore implements BlobStore {
	#blobs = new Map<string, Uint8Array>();

	async has(sha256: string): Promise<boolean> {
		return isSha256(sha256) && this.#blobs.has(sha256);
	}

	async stat(sha256: string): Promise<BlobInfo | null> {
		const bytes = isSha256(sha256) ? this.#blobs.get(sha256) : undefined;
		if (!bytes) return null;
		return { size: bytes.byteLength, mime: sniffMime(bytes) ?? 'application/octet-stream' };
	}

	async read(sha256: string): Promise<Readable | null> {
		const bytes = isSha256(sha256) ? this.#blobs.get(sha256) : undefined;
		return bytes ? Readable.from([Buffer.from(bytes)], { objectMode: false }) : null;
	}

	async putFile({ sha256, sourcePath }: PutFileOptions): Promise<void> {
		if (!isSha256(sha256)) throw new RangeError(`not a sha256: ${JSON.stringify(sha256)}`);
		if (!this.#blobs.has(sha256)) this.#blobs.set(sha256, new Uint8Array(await readFile(sourcePath)));
		await rm(sourcePath, { force: true });
	}

	async delete(sha256: string): Promise<boolean> {
		return this.#blobs.delete(sha256);
	}
}
