/**
 * Finding 7 of issue 7, the bytes: an upload is checked to its format's end marker when it
 * finishes. JPEG magic followed by HTML, and a PNG or PDF with HTML or a ZIP appended, are
 * refused (422 `malformed-file`), deleted from staging and never stored; whole JPEG, PNG and
 * PDF files (and phone JPEGs with an MPF gain map) are stored byte for byte.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../sync-server/src/storage/fs-blob-store.ts';
import { html, jpeg, mpfSegment, pdf, png, zip } from '../support/file-samples.ts';
import { signUpWithSubject, type TestServer } from '../support/server.ts';
import { sha256, startUploadServer, tusUpload } from '../support/uploads.ts';

let env: TestServer;
let url: string;
let owner: { cookie: string; subjectId: string };

beforeAll(async () => {
	env = await startUploadServer();
	url = env.server.url;
	owner = await signUpWithSubject(env.server);
});
afterAll(() => env.dispose());

const upload = (bytes: Buffer, chunkSize?: number) =>
	tusUpload(bytes, { endpoint: `${url}/files`, cookie: owner.cookie, metadata: { sha256: sha256(bytes), subjectId: owner.subjectId, kind: 'id-front' }, ...(chunkSize ? { chunkSize } : {}) });
const held = async (bytes: Buffer) => (await fetch(`${url}/files/by-hash/${sha256(bytes)}?subject=${owner.subjectId}`, { method: 'HEAD', headers: { cookie: owner.cookie } })).status;
/** The bytes the blob store holds under this hash. */
async function stored(bytes: Buffer): Promise<Buffer> {
	const stream = await new FsBlobStore(join(env.dataDir, 'blobs')).read(sha256(bytes));
	const chunks: Buffer[] = [];
	for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
const staged = () => readdirSync(join(env.dataDir, 'uploads'));
const storedBlobs = () => (existsSync(join(env.dataDir, 'blobs')) ? readdirSync(join(env.dataDir, 'blobs'), { recursive: true }).length : 0);

describe('upload structure (issue 7, finding 7)', () => {
	it.each([
		['JPEG magic followed by HTML', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html(4096)])],
		['a whole JPEG with HTML after its EOI', Buffer.concat([jpeg({ seed: 1 }), html(4096)])],
		['a PNG with 4 KB of HTML appended', Buffer.concat([png({ seed: 2, size: 20_000 }), html(4096)])],
		['a PNG with a 4 KB ZIP appended', Buffer.concat([png({ seed: 3, size: 20_000 }), zip(4096)])],
		['a PDF with HTML after its last %%EOF', Buffer.concat([pdf({ seed: 4 }), html(4096)])],
		['a PNG with a bad CRC', Buffer.from(png({ seed: 5, size: 5000 }).map((byte, i) => (i === 30 ? byte ^ 1 : byte)))]
	])('refuses %s (422 malformed-file), keeps nothing staged and stores nothing', async (_name, bytes) => {
		const blobsBefore = storedBlobs();
		const outcome = await upload(bytes);
		expect(outcome).toMatchObject({ ok: false, status: 422, error: 'malformed-file' });
		expect(await held(bytes)).toBe(404);
		expect(staged()).toEqual([]);
		expect(storedBlobs()).toBe(blobsBefore);
	});

	it('refuses appended HTML also when the file arrives in small chunks (checked when the last byte lands)', async () => {
		const bytes = Buffer.concat([png({ seed: 6, size: 30_000 }), html(4096)]);
		expect(await upload(bytes, 8 * 1024)).toMatchObject({ ok: false, status: 422, error: 'malformed-file' });
		expect(staged()).toEqual([]);
	});

	it.each([
		['JPEG', jpeg({ seed: 10, size: 200_000 })],
		['PNG', png({ seed: 11, size: 200_000 })],
		['PDF', pdf({ seed: 12, size: 200_000 })],
		['JPEG with an MPF gain map', Buffer.concat([jpeg({ seed: 13, app: [mpfSegment()] }), jpeg({ seed: 14 })])]
	])('accepts a valid %s and stores it byte for byte (never re-encoded)', async (_name, bytes) => {
		expect(await upload(bytes, 64 * 1024)).toEqual({ ok: true, status: null, error: null });
		expect(await held(bytes)).toBe(200);
		expect((await stored(bytes)).equals(bytes)).toBe(true);
	});
});
