/**
 * Test doubles for a room in a cluster: one room's log shared by "nodes" (seqs 1, 2, 3… in
 * commit order, every catch-up read recorded) and a bus that hands the test the room's
 * listener, so a test delivers other nodes' batches by hand.
 */
import type { DocStore, StoredUpdates } from '../../../../sync-server/src/storage/doc-store.ts';
import type { RoomBus, RoomBusListener, SeqLog } from '../../../../sync-server/src/sync/room-bus.ts';

export class SharedLog implements DocStore, SeqLog {
	rows: { seq: number; update: Uint8Array }[] = [];
	/** The `afterSeq` of every catch-up read. */
	reads: number[] = [];
	async load(): Promise<StoredUpdates> {
		return { updates: this.rows.map((r) => r.update), lastSeq: this.rows.at(-1)?.seq ?? 0 };
	}
	async append(_room: string, updates: readonly Uint8Array[]): Promise<number> {
		for (const update of updates) this.rows.push({ seq: this.rows.length + 1, update });
		return this.rows.length;
	}
	async loadSince(_room: string, afterSeq: number) {
		this.reads.push(afterSeq);
		return this.rows.filter((r) => r.seq > afterSeq);
	}
	async compact(): Promise<void> {}
	async count(): Promise<number> {
		return this.rows.length;
	}
	async close(): Promise<void> {}
}

/** A bus that publishes nowhere and keeps the room's listener for the test. */
export function listenerBus(): RoomBus & { listener: RoomBusListener | null } {
	return {
		listener: null,
		publishUpdates() {},
		publishAwareness() {},
		subscribe(_room, listener) {
			this.listener = listener;
			return () => (this.listener = null);
		},
		onResync: () => () => {}
	};
}
