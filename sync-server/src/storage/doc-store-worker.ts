/** Worker side of WorkerDocStore: owns a SqliteDocStore (its own connection) and answers calls in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, SqliteDocStore } from './sqlite-doc-store.ts';
import type { PackedAppends } from './worker-doc-store.ts';

type Op = 'load' | 'append' | 'compact' | 'count' | 'close';
const store = new SqliteDocStore(openDatabase((workerData as { path: string }).path));

/**
 * The appends of one group window, packed in one buffer: queued in one turn, so SqliteDocStore
 * commits them in one transaction. The updates are views into the buffer (no copy); the reply
 * hands the buffer back, so this thread (whose small heap is rarely collected) keeps no garbage.
 */
function appendPacked(packed: PackedAppends): Promise<number[]> {
	let offset = 0;
	let next = 0;
	return Promise.all(
		packed.rooms.map((room, i) => {
			const updates: Uint8Array[] = [];
			for (let n = 0; n < (packed.counts[i] as number); n++) {
				const length = packed.lengths[next++] as number;
				updates.push(packed.bytes.subarray(offset, offset + length));
				offset += length;
			}
			return store.appendOwned(room, updates);
		})
	);
}

parentPort?.on('message', (message: { id: number; op: Op | 'appendPacked'; args: unknown[] }) => {
	const { id, op, args } = message;
	const packed = op === 'appendPacked' ? (args[0] as PackedAppends) : null;
	const call = packed ? appendPacked(packed) : (store[op as Op] as (...a: unknown[]) => Promise<unknown>).apply(store, args);
	const transfer = packed ? [packed.bytes.buffer as ArrayBuffer] : [];
	call.then(
		(value) => parentPort?.postMessage({ id, ok: true, value, returned: packed?.bytes }, transfer),
		(error: unknown) => parentPort?.postMessage({ id, ok: false, error: String(error), returned: packed?.bytes }, transfer)
	);
});
