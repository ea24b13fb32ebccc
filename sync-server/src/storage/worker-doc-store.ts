/**
 * DocStore that runs SqliteDocStore in a worker thread, so SQLite commits and their fsyncs never
 * block the event loop that relays updates. Calls are answered in the order they were made.
 * The worker opens its own connection to the same database file (WAL allows a reader and a
 * writer side by side with the main thread's record stores' connection).
 *
 * If the worker dies, every call in flight and every later call is rejected — an update is
 * never acknowledged as durable on the strength of a worker that is gone.
 */
import { Worker } from 'node:worker_threads';
import type { DocStore, StoredUpdates } from './doc-store.ts';

interface Reply {
	id: number;
	ok: boolean;
	value?: unknown;
	error?: string;
}

export class WorkerDocStore implements DocStore {
	#worker: Worker;
	#next = 1;
	#waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	#closed = false;
	#failure: Error | null = null;

	constructor(path: string) {
		this.#worker = new Worker(new URL('./doc-store-worker.ts', import.meta.url), { workerData: { path } });
		this.#worker.on('message', (reply: Reply) => {
			const waiting = this.#waiting.get(reply.id);
			this.#waiting.delete(reply.id);
			if (reply.ok) waiting?.resolve(reply.value);
			else waiting?.reject(new Error(reply.error));
		});
		this.#worker.on('error', (error) => this.#fail(error));
		this.#worker.on('exit', (code) => {
			if (!this.#closed) this.#fail(new Error(`doc store worker exited with code ${code}`));
		});
	}

	async load(room: string): Promise<StoredUpdates> {
		return this.#call<StoredUpdates>('load', room);
	}

	append(room: string, updates: readonly Uint8Array[]): Promise<number> {
		return this.#call('append', room, updates);
	}

	compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
		return this.#call('compact', room, snapshot, throughSeq);
	}

	count(room: string): Promise<number> {
		return this.#call('count', room);
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		if (!this.#failure) await this.#call('close');
		this.#closed = true;
		await this.#worker.terminate();
	}

	#fail(error: Error): void {
		this.#failure ??= error;
		for (const waiting of this.#waiting.values()) waiting.reject(this.#failure);
		this.#waiting.clear();
	}

	#call<T>(op: string, ...args: unknown[]): Promise<T> {
		if (this.#failure) return Promise.reject(this.#failure);
		if (this.#closed) return Promise.reject(new Error('doc store is closed'));
		const id = this.#next++;
		return new Promise<T>((resolve, reject) => {
			this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.#worker.postMessage({ id, op, args });
		});
	}
}
