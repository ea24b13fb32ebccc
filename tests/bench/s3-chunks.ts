/**
 * What small tus PATCH chunks cost on S3 (`@tus/s3-store` on the test radosgw): the store
 * buffers any tail under its part size (5 MiB minimum on S3) in a `.part` object and reads it
 * back on the next PATCH, so chunks under 5 MiB re-send what came before. Prints a table of
 * one upload per chunk size: time, PATCHes, and the time per MiB.
 * `node tests/bench/s3-chunks.ts [MiB]` (default 8 MiB per upload).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { S3Store } from '@tus/s3-store';
import { MemoryKvStore, Upload } from '@tus/utils';
import { startRadosgw } from '../support/radosgw.ts';

const MiB = 1024 * 1024;
const total = Number(process.argv[2] ?? 8) * MiB;
const server = await startRadosgw();
process.stdout.write(`radosgw up in ${server.startupSeconds.toFixed(1)} s\n`);
try {
	const store = new S3Store({
		partSize: 5 * MiB,
		cache: new MemoryKvStore(),
		s3ClientConfig: {
			bucket: server.bucket,
			endpoint: server.endpoint,
			region: server.region,
			forcePathStyle: true,
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED',
			credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }
		}
	});
	const bytes = randomBytes(total);
	const rows: string[][] = [];
	for (const chunk of [256 * 1024, 1 * MiB, 2 * MiB, 5 * MiB, 8 * MiB]) {
		const id = randomUUID();
		await store.create(new Upload({ id, size: total, offset: 0 }));
		const started = performance.now();
		let offset = 0;
		let patches = 0;
		while (offset < total) {
			const end = Math.min(offset + chunk, total);
			offset = await store.write(Readable.from([bytes.subarray(offset, end)]), id, offset);
			patches += 1;
		}
		const ms = performance.now() - started;
		rows.push([`${chunk / 1024} KiB`, String(patches), ms.toFixed(0), (ms / (total / MiB)).toFixed(0)]);
		await store.remove(id).catch(() => {});
	}
	const header = ['chunk', 'PATCHes', 'total ms', 'ms per MiB'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	for (const row of [header, ...rows]) process.stdout.write(`${row.map((cell, i) => cell.padStart(widths[i]!)).join('  ')}\n`);
} finally {
	await server.stop();
}
