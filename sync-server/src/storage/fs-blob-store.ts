/**
 * BlobStore on the local filesystem: `<root>/ab/cd/<sha256>`. A blob arrives by `rename` from
 * the upload staging folder (same filesystem), after the source was fsynced, and the folder is
 * fsynced after the rename — so a crash leaves either no blob or the whole blob, never a torn one.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { isSha256, SNIFF_BYTES, sniffMime, type BlobInfo, type BlobStore, type PutFileOptions } from './blob-store.ts';

export class FsBlobStore implements BlobStore {
	readonly root: string;

	constructor(root: string) {
		this.root = root;
	}

	/** Path of a blob; null for a malformed hash (never a path outside the root). */
	pathOf(sha256: string): string | null {
		return isSha256(sha256) ? join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256) : null;
	}

	async has(sha256: string): Promise<boolean> {
		const path = this.pathOf(sha256);
		if (!path) return false;
		const info = await stat(path).catch(() => null);
		return info?.isFile() ?? false;
	}

	async stat(sha256: string): Promise<BlobInfo | null> {
		const path = this.pathOf(sha256);
		if (!path) return null;
		const handle = await open(path, 'r').catch(() => null);
		if (!handle) return null;
		try {
			const { size } = await handle.stat();
			const head = new Uint8Array(SNIFF_BYTES);
			const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
			return { size, mime: sniffMime(head.subarray(0, bytesRead)) ?? 'application/octet-stream' };
		} finally {
			await handle.close();
		}
	}

	async read(sha256: string): Promise<Readable | null> {
		const path = this.pathOf(sha256);
		if (!path) return null;
		// Opened first so a missing blob is a null, not a stream that errors later.
		const handle = await open(path, 'r').catch(() => null);
		return handle ? createReadStream('', { fd: handle, autoClose: true }) : null;
	}

	async putFile({ sha256, sourcePath }: PutFileOptions): Promise<void> {
		const path = this.pathOf(sha256);
		if (!path) throw new RangeError(`not a sha256: ${JSON.stringify(sha256)}`);
		if (await this.has(sha256)) {
			await rm(sourcePath, { force: true });
			return;
		}
		await syncFile(sourcePath);
		await mkdir(dirname(path), { recursive: true });
		try {
			await rename(sourcePath, path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
			await this.#copyAcrossDevices(sourcePath, path);
		}
		await syncFolder(dirname(path));
	}

	async delete(sha256: string): Promise<boolean> {
		const path = this.pathOf(sha256);
		if (!path) return false;
		try {
			await unlink(path);
			return true;
		} catch {
			return false;
		}
	}

	/** The staging folder is on another filesystem: copy beside the target, then rename. */
	async #copyAcrossDevices(sourcePath: string, path: string): Promise<void> {
		const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
		await copyFile(sourcePath, temporary);
		await syncFile(temporary);
		await rename(temporary, path);
		await rm(sourcePath, { force: true });
	}
}

async function syncFile(path: string): Promise<void> {
	const handle = await open(path, 'r+');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

async function syncFolder(path: string): Promise<void> {
	const handle = await open(path, 'r').catch(() => null);
	if (!handle) return;
	try {
		await handle.sync();
	} catch {
		// Some filesystems refuse fsync on a directory; the rename is still atomic.
	} finally {
		await handle.close();
	}
}
