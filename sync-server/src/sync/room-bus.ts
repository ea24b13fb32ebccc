/**
 * What a room shares with the same room on the other nodes of a cluster (issue 13): its
 * committed updates, tagged with their seqs in the room's log, and its awareness. A node
 * publishes an update batch only after its commit; a node that receives one applies it to its
 * copy of the room and relays it to its own peers. The bus is not durable (Redis pub/sub): the
 * log is, so a receiver that sees a gap in the seqs reads the missing rows from it
 * (`SeqLog.loadSince`). Without a cluster there is no bus and rooms behave as on one node.
 */

/** Rows of a room's log after a seq, as a cluster's catch-up reads them (PgDocStore). */
export interface SeqLog {
	/** The rows with seq > `afterSeq`, in seq order (the first may be a compacted snapshot covering earlier seqs too). */
	loadSince(room: string, afterSeq: number): Promise<readonly { readonly seq: number; readonly update: Uint8Array }[]>;
	/**
	 * The last committed seq of each of `rooms` (absent: nothing committed), in one read: lets a
	 * node poll all its rooms with one query instead of one per room (rooms.ts).
	 */
	lastSeqs?(rooms: readonly string[]): Promise<ReadonlyMap<string, number>>;
}

export interface RoomBusListener {
	/** Updates another node committed with seqs `firstSeq..lastSeq` (one update per seq). */
	updates(firstSeq: number, lastSeq: number, updates: readonly Uint8Array[]): void;
	/** An awareness update from another node's peers. */
	awareness(update: Uint8Array): void;
}

export interface RoomBus {
	publishUpdates(room: string, firstSeq: number, lastSeq: number, updates: readonly Uint8Array[]): void;
	publishAwareness(room: string, update: Uint8Array): void;
	/** Receives what other nodes publish for `room` (never this node's own messages); returns the unsubscribe function. */
	subscribe(room: string, listener: RoomBusListener): () => void;
	/** Called when messages may have been lost (the bus reconnected): every room catches up from the log. */
	onResync(listener: () => void): () => void;
}

/** A cluster's room sharing: the bus and the log it catches up from. */
export interface RoomCluster {
	bus: RoomBus;
	log: SeqLog;
	/** How often a room checks the log for commits it heard nothing about (a node died between commit and publish). Default 2 s. */
	pollMs?: number;
	/** How long a gap may wait for the missing messages before the room reads the log. Default 100 ms. */
	gapGraceMs?: number;
}
