/**
 * The tus data store for uploads in progress: `@tus/file-store` in a staging folder, plus a
 * look at the first bytes as they arrive. An upload whose first bytes cannot start a JPEG,
 * PNG or PDF is refused (415) and deleted before the rest of it is stored. The full check —
 * type and hash — runs again when the upload finishes (`finish-upload.ts`).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { couldBeAccepted, SNIFF_BYTES } from '../storage/blob-store.ts';
import { tusError, type TusError } from './errors.ts';

export class StagingStore extends FileStore {
	/** Path of an upload's staged bytes. */
	pathOf(uploadId: string): string {
		return join(this.directory, uploadId);
	}

	override async write(readable: Readable, uploadId: string, offset: number): Promise<number> {
		if (offset >= SNIFF_BYTES) return super.write(readable, uploadId, offset);
		const known = await this.#readHead(uploadId, offset);
		let refusal: TusError | null = null;
		const guard = headGuard(known, () => (refusal = tusError(415, 'unsupported-type', 'Only JPEG, PNG and PDF files are accepted')));
		const source = readable.pipe(guard);
		// Pipe does not forward source errors; a dropped connection must still end the write.
		readable.once('error', (error) => guard.destroy(error));
		try {
			return await super.write(source, uploadId, offset);
		} catch (error) {
			if (!refusal) throw error;
			await this.remove(uploadId).catch(() => undefined);
			throw refusal;
		}
	}

	async #readHead(uploadId: string, offset: number): Promise<Uint8Array> {
		if (offset === 0) return new Uint8Array(0);
		const handle = await open(this.pathOf(uploadId), 'r');
		try {
			const head = new Uint8Array(offset);
			const { bytesRead } = await handle.read(head, 0, offset, 0);
			return head.subarray(0, bytesRead);
		} finally {
			await handle.close();
		}
	}
}

/** Passes bytes through, failing as soon as the first bytes rule out every accepted type. */
function headGuard(known: Uint8Array, onRefused: () => void): Transform {
	let head = known;
	let decided = head.length >= SNIFF_BYTES;
	return new Transform({
		transform(chunk: Buffer, _encoding, done) {
			if (!decided) {
				head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
				decided = head.length >= SNIFF_BYTES;
				if (!couldBeAccepted(head)) {
					onRefused();
					return done(new Error('unsupported type'));
				}
			}
			done(null, chunk);
		}
	});
}

/** Reads a staged file's first bytes and its SHA-256 in one pass. */
export async function digestFile(path: string): Promise<{ sha256: string; head: Uint8Array; size: number }> {
	const hash = createHash('sha256');
	let head = new Uint8Array(0);
	let size = 0;
	await pipeline(createReadStream(path), async (chunks: AsyncIterable<Buffer>) => {
		for await (const chunk of chunks) {
			if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
			hash.update(chunk);
			size += chunk.length;
		}
	});
	return { sha256: hash.digest('hex'), head, size };
}
