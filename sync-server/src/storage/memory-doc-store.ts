/** In-memory DocStore for tests and benchmarks: same contract, no durability across processes. */
import type { DocStore, StoredUpdates } from './doc-store.ts';

interface Row {
	seq: number;
	data: Uint8Array;
}

export class MemoryDocStore implements DocStore {
	#rooms = new Map<string, Row[]>();
	#seq = 0;
	#closed = false;

	async load(room: string): Promise<StoredUpdates> {
		this.#assertOpen();
		const rows = this.#rooms.get(room) ?? [];
		return { updates: rows.map((r) => r.data.slice()), lastSeq: rows.at(-1)?.seq ?? 0 };
	}

	async append(room: string, updates: readonly Uint8Array[]): Promise<number> {
		this.#assertOpen();
		const rows = this.#rooms.get(room) ?? [];
		for (const data of updates) rows.push({ seq: ++this.#seq, data: data.slice() });
		this.#rooms.set(room, rows);
		return rows.at(-1)?.seq ?? 0;
	}

	async compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
		this.#assertOpen();
		const rest = (this.#rooms.get(room) ?? []).filter((r) => r.seq > throughSeq);
		this.#rooms.set(room, [{ seq: throughSeq, data: snapshot.slice() }, ...rest]);
	}

	async count(room: string): Promise<number> {
		this.#assertOpen();
		return this.#rooms.get(room)?.length ?? 0;
	}

	async close(): Promise<void> {
		this.#closed = true;
	}

	#assertOpen(): void {
		if (this.#closed) throw new Error('doc store is closed');
	}
}
