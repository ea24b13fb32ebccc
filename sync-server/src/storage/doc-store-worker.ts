/** Worker side of WorkerDocStore: owns a SqliteDocStore (its own connection) and answers calls in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, SqliteDocStore } from './sqlite-doc-store.ts';

type Op = 'load' | 'append' | 'compact' | 'count' | 'close';
const store = new SqliteDocStore(openDatabase((workerData as { path: string }).path));

/** The appends of one group window: queued in one turn, so SqliteDocStore commits them in one transaction. */
function appendMany(items: { room: string; updates: Uint8Array[] }[]): Promise<number[]> {
	return Promise.all(items.map((item) => store.append(item.room, item.updates)));
}

parentPort?.on('message', (message: { id: number; op: Op | 'appendMany'; args: unknown[] }) => {
	const { id, op, args } = message;
	const call =
		op === 'appendMany'
			? appendMany(args[0] as { room: string; updates: Uint8Array[] }[])
			: (store[op] as (...a: unknown[]) => Promise<unknown>).apply(store, args);
	call.then(
		(value) => parentPort?.postMessage({ id, ok: true, value }),
		(error: unknown) => parentPort?.postMessage({ id, ok: false, error: String(error) })
	);
});
