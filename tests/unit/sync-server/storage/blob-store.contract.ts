/**
 * The BlobStore contract (STYLE habit 9): one suite that every implementation — memory,
 * filesystem, later S3 — must pass. Each implementation's spec calls
 * `describeBlobStoreContract` with a factory; the suite knows nothing about how a store is built.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../../sync-server/src/storage/blob-store.ts';

export interface BlobStoreFixture {
	store: BlobStore;
	/** Folder on the store's filesystem where finished uploads are staged before `putFile`. */
	stagingDir: string;
	/** Frees what the fixture holds; called after each test, even on failure. */
	dispose(): Promise<void>;
}

export const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size: number) => Uint8Array.from({ length: size }, (_, i) => PNG_HEAD[i] ?? (i * 7) % 256);
const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n');
const text = new TextEncoder().encode('just some text, named photo.jpg');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function describeBlobStoreContract(name: string, open: () => Promise<BlobStoreFixture>): void {
	describe(`BlobStore contract: ${name}`, () => {
		const fixtures: BlobStoreFixture[] = [];
		const fresh = async (): Promise<BlobStoreFixture> => {
			const fixture = await open();
			fixtures.push(fixture);
			return fixture;
		};
		afterEach(async () => {
			for (const fixture of fixtures.splice(0)) await fixture.dispose();
		});
		const stage = (fixture: BlobStoreFixture, bytes: Uint8Array, file = 'upload') => {
			const path = join(fixture.stagingDir, file);
			writeFileSync(path, bytes);
			return path;
		};

		it('knows nothing about a hash it never stored', async () => {
			const { store } = await fresh();
			const hash = sha256(png(100));
			expect(await store.has(hash)).toBe(false);
			expect(await store.stat(hash)).toBeNull();
			expect(await store.read(hash)).toBeNull();
			expect(await store.delete(hash)).toBe(false);
		});

		it('moves a staged file in and serves the same bytes, size and type', async () => {
			const fixture = await fresh();
			const bytes = png(70_000);
			const hash = sha256(bytes);
			const source = stage(fixture, bytes);
			await fixture.store.putFile({ sha256: hash, sourcePath: source });
			expect(existsSync(source)).toBe(false);
			expect(await fixture.store.has(hash)).toBe(true);
			expect(await fixture.store.stat(hash)).toEqual({ size: 70_000, mime: 'image/png' });
			const stream = await fixture.store.read(hash);
			expect(stream).not.toBeNull();
			expect(new Uint8Array(await buffer(stream!))).toEqual(bytes);
		});

		it('derives the type from the first bytes: PDF, JPEG, and octet-stream for anything else', async () => {
			const fixture = await fresh();
			const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
			for (const [bytes, mime] of [[pdf, 'application/pdf'], [jpeg, 'image/jpeg'], [text, 'application/octet-stream']] as const) {
				const hash = sha256(bytes);
				await fixture.store.putFile({ sha256: hash, sourcePath: stage(fixture, bytes, hash) });
				expect(await fixture.store.stat(hash)).toEqual({ size: bytes.byteLength, mime });
			}
		});

		it('is idempotent: a second put of the same hash keeps one blob and consumes the source', async () => {
			const fixture = await fresh();
			const bytes = png(1000);
			const hash = sha256(bytes);
			await fixture.store.putFile({ sha256: hash, sourcePath: stage(fixture, bytes, 'a') });
			const again = stage(fixture, bytes, 'b');
			await fixture.store.putFile({ sha256: hash, sourcePath: again });
			expect(existsSync(again)).toBe(false);
			expect(await fixture.store.stat(hash)).toEqual({ size: 1000, mime: 'image/png' });
		});

		it('deletes a blob once', async () => {
			const fixture = await fresh();
			const hash = sha256(pdf);
			await fixture.store.putFile({ sha256: hash, sourcePath: stage(fixture, pdf) });
			expect(await fixture.store.delete(hash)).toBe(true);
			expect(await fixture.store.has(hash)).toBe(false);
			expect(await fixture.store.delete(hash)).toBe(false);
		});

		it('treats malformed hashes as absent and refuses to store under one', async () => {
			const fixture = await fresh();
			for (const bad of ['', '../../etc/passwd', 'A'.repeat(64), sha256(pdf).slice(1), `${sha256(pdf)}/`]) {
				expect(await fixture.store.has(bad)).toBe(false);
				expect(await fixture.store.stat(bad)).toBeNull();
				expect(await fixture.store.read(bad)).toBeNull();
				expect(await fixture.store.delete(bad)).toBe(false);
			}
			await expect(fixture.store.putFile({ sha256: '../x', sourcePath: stage(fixture, pdf) })).rejects.toThrow(RangeError);
		});

		it('keeps blobs apart: many hashes, each with its own bytes', async () => {
			const fixture = await fresh();
			const blobs = Array.from({ length: 20 }, (_, i) => png(50 + i));
			await Promise.all(blobs.map((bytes, i) => fixture.store.putFile({ sha256: sha256(bytes), sourcePath: stage(fixture, bytes, `u${i}`) })));
			for (const bytes of blobs) {
				expect(new Uint8Array(await buffer((await fixture.store.read(sha256(bytes)))!))).toEqual(bytes);
			}
		});
	});
}

/** A temporary folder removed by the returned function. */
export function temporaryFolder(prefix: string): { path: string; remove: () => void } {
	const path = mkdtempSync(join(tmpdir(), prefix));
	return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
