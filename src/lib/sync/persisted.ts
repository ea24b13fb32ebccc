/**
 * Client side of Beian's "persisted" message. The server announces the state vector it has made
 * durable; it tells a connection after each commit that holds that connection's own updates (and
 * in its greeting), not after every edit of someone else.
 *
 * "Saved" therefore means: everything this device holds is either durable on the server, or
 * was delivered by the server over the current connection. What the server delivered is not
 * this device's to keep safe: its author's device keeps it unacknowledged (and sends it again
 * after a reconnect) until the server reports it durable. What came from anywhere else — this
 * device's edits, copies loaded from IndexedDB, another tab over BroadcastChannel — counts only
 * once the durable state covers it. After a connection closes, nothing counts as delivered.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { MESSAGE_PERSISTED, MESSAGE_SYNC } from './protocol.ts';

/** Whether every update in `local` is also in `durable` (both encoded state vectors). */
export function isCovered(local: Uint8Array, durable: Uint8Array): boolean {
	return isSaved(local, durable, new Map());
}

/**
 * Whether every update in `local` is in `durable` or was delivered by the server (`delivered`:
 * per client id, the clock the server's updates reached on this connection).
 */
export function isSaved(local: Uint8Array, durable: Uint8Array, delivered: ReadonlyMap<number, number>): boolean {
	const durableClocks = Y.decodeStateVector(durable);
	for (const [client, clock] of Y.decodeStateVector(local)) {
		if (Math.max(durableClocks.get(client) ?? 0, delivered.get(client) ?? 0) < clock) return false;
	}
	return true;
}

/** Raises `delivered` to the end clock of every client in `update`. */
export function noteDelivered(delivered: Map<number, number>, update: Uint8Array): void {
	for (const [client, clock] of Y.parseUpdateMeta(update).to) {
		if ((delivered.get(client) ?? 0) < clock) delivered.set(client, clock);
	}
}

/** Per client id, the clock up to which everything is saved (durable, or delivered on this connection). */
export function savedClocks(durable: Uint8Array | null, delivered: ReadonlyMap<number, number>): Map<number, number> {
	const clocks = durable ? Y.decodeStateVector(durable) : new Map<number, number>();
	for (const [client, clock] of delivered) if ((clocks.get(client) ?? 0) < clock) clocks.set(client, clock);
	return clocks;
}

/** How many local updates (Yjs items, per client clock) are not saved yet. */
export function pendingCount(local: Uint8Array, saved: ReadonlyMap<number, number>): number {
	let pending = 0;
	for (const [client, clock] of Y.decodeStateVector(local)) pending += Math.max(0, clock - (saved.get(client) ?? 0));
	return pending;
}

/** What `trackPersisted` reports besides saved / not saved. */
export interface PersistedDetail {
	/** Whether the server has reported a durable state (on this connection, or earlier on this device). */
	readonly known: boolean;
	/** Local items not yet saved (0 when saved). */
	readonly pending: number;
	/** When the latest durable acknowledgment arrived (ms since the epoch), or null. */
	readonly savedAt: number | null;
	/** Per client id, the clock up to which this device's copy is saved. */
	readonly saved: ReadonlyMap<number, number>;
}

export interface TrackPersistedOptions {
	/** The last durable acknowledgment this device kept (a reopen with no network starts from it). */
	initial?: { stateVector: Uint8Array; at: number } | null;
	/** Each durable acknowledgment as it arrives (to keep it on the device). */
	onDurable?: (mark: { stateVector: Uint8Array; at: number }) => void;
	now?: () => number;
}

/**
 * Tracks what is saved for `provider`'s doc (see above). `onChange(saved, detail)` runs when the
 * server reports a new durable state and whenever the local doc changes. The last durable state
 * stays known after the connection closes (and across reloads through `initial`): what it covers
 * is on the server whatever the network does now; only what was delivered is forgotten.
 * Returns a function that stops tracking.
 */
export function trackPersisted(provider: WebsocketProvider, onChange: (saved: boolean, detail: PersistedDetail) => void, options: TrackPersistedOptions = {}): () => void {
	const now = options.now ?? Date.now;
	let durable: Uint8Array | null = options.initial?.stateVector ?? null;
	let savedAt: number | null = options.initial?.at ?? null;
	/** Whether the durable state came from the server on the current connection (the device's copy only counts while closed). */
	let live = false;
	const delivered = new Map<number, number>();
	/** True while y-websocket applies a sync message that came over the WebSocket (not BroadcastChannel). */
	let fromSocket = false;
	const report = () => {
		const saved = savedClocks(durable, delivered);
		const pending = pendingCount(Y.encodeStateVector(provider.doc), saved);
		const known = durable !== null;
		// "Saved" as a connection state needs the server's word on this connection.
		onChange(live && known && pending === 0, { known, pending, savedAt, saved });
	};
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (fromSocket && origin === provider) noteDelivered(delivered, update);
		report();
	};
	const syncHandler = provider.messageHandlers[MESSAGE_SYNC];
	if (syncHandler) {
		// y-websocket passes emitSynced = true for socket messages and false for BroadcastChannel ones.
		provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
			fromSocket = emitSynced;
			try {
				syncHandler(encoder, decoder, p, emitSynced, type);
			} finally {
				fromSocket = false;
			}
		};
	}
	provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
		durable = decoding.readVarUint8Array(decoder);
		live = true;
		savedAt = now();
		options.onDurable?.({ stateVector: durable, at: savedAt });
		report();
	};
	const onClose = () => {
		live = false;
		delivered.clear();
		report();
	};
	provider.doc.on('update', onUpdate);
	provider.on('connection-close', onClose);
	report();
	return () => {
		provider.doc.off('update', onUpdate);
		provider.off('connection-close', onClose);
		if (syncHandler) provider.messageHandlers[MESSAGE_SYNC] = syncHandler;
		provider.messageHandlers[MESSAGE_PERSISTED] = undefined as never;
	};
}
