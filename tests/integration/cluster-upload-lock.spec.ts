/**
 * The Redis tus locker wired into `/files` (issue 13): two nodes sharing one staging folder and
 * one blob store (as two machines sharing a volume would), one client's PATCH held open on node
 * A while a request for the same upload arrives on node B. B waits for the lock, A is asked to
 * let go (it answers with the offset it reached), and only then is B answered — so the two never
 * write the upload at once — and the upload resumed on B finishes with the right bytes.
 */
import { mkdtempSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../sync-server/src/storage/fs-blob-store.ts';
import { startCluster, type ClusterNode } from '../support/cluster.ts';
import { signUpWithSubject } from '../support/server.ts';
import { pngBytes, sha256 } from '../support/uploads.ts';

const metadataHeader = (pairs: Record<string, string>) =>
	Object.entries(pairs)
		.map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
		.join(',');

const tus = (cookie: string) => ({ cookie, 'tus-resumable': '1.0.0' });

describe('cluster: tus uploads locked across nodes (REDIS_URL)', () => {
	it('a PATCH on node B for an upload node A is writing waits until A let go, then finishes the upload', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'beian-cluster-uploads-'));
		const shared = { blobStore: new FsBlobStore(join(dataDir, 'blobs')), uploadDir: join(dataDir, 'uploads') };
		const { nodes } = await startCluster({ server: shared });
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const bytes = pngBytes(200_000, 7);
		const created = await fetch(`${a.server.url}/files`, {
			method: 'POST',
			headers: { ...tus(owner.cookie), 'upload-length': String(bytes.byteLength), 'upload-metadata': metadataHeader({ sha256: sha256(bytes), subjectId: owner.subjectId, kind: 'id-front' }) }
		});
		expect(created.status).toBe(201);
		const location = created.headers.get('location')!;

		// On A: a PATCH for all the bytes that sends the first 80 000 and then stalls.
		const events: string[] = [];
		const held = request(a.server.url + location, {
			method: 'PATCH',
			headers: { ...tus(owner.cookie), 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(bytes.byteLength) }
		});
		const answeredOnA = new Promise<IncomingMessage>((resolve) => held.once('response', resolve)).then((res) => {
			events.push(`A answered ${res.statusCode} at ${res.headers['upload-offset']}`);
			res.resume();
			return res;
		});
		held.on('error', () => {});
		held.write(bytes.subarray(0, 80_000));
		await new Promise((resolve) => setTimeout(resolve, 300));

		// On B: the rest of the bytes, sent while A still holds the upload (a client that gave up on A).
		const rest = await fetch(b.server.url + location, {
			method: 'PATCH',
			headers: { ...tus(owner.cookie), 'upload-offset': '80000', 'content-type': 'application/offset+octet-stream' },
			body: new Uint8Array(bytes.subarray(80_000))
		});
		events.push(`B answered ${rest.status} at ${rest.headers.get('upload-offset')}`);
		// Without a shared lock A would still be writing now, unanswered.
		await Promise.race([answeredOnA, new Promise((resolve) => setTimeout(resolve, 2000))]);
		held.destroy();
		expect(events).toEqual(['A answered 204 at 80000', 'B answered 204 at 200000']);
		expect(await shared.blobStore.stat(sha256(bytes))).toMatchObject({ size: bytes.byteLength });
	});
});
