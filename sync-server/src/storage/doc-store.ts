/**
 * Where the Yjs update log of each room lives. An implementation must make `append` durable
 * before its promise resolves: the server acknowledges an edit as saved only after that.
 */

export interface StoredUpdates {
	/** Updates in commit order (the first may be a compacted snapshot). */
	readonly updates: Uint8Array[];
	/** Sequence number of the last stored update, or 0 when the room is empty. */
	readonly lastSeq: number;
}

export interface DocStore {
	/** Every stored update of a room, oldest first. */
	load(room: string): Promise<StoredUpdates>;
	/** Appends updates (one transaction) and resolves once they are durable; returns the last seq. */
	append(room: string, updates: readonly Uint8Array[]): Promise<number>;
	/**
	 * Replaces every update with seq ≤ `throughSeq` by one snapshot (the merged state of those
	 * updates), atomically. Later updates stay.
	 */
	compact(room: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
	/** Number of stored rows of a room, for compaction decisions. */
	count(room: string): Promise<number>;
	/** Flushes and closes; later calls reject. */
	close(): Promise<void>;
}
