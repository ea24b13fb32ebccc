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

/**
 * Tracks what is saved for `provider`'s doc (see above). `onChange(saved)` runs when the server
 * reports a new durable state and whenever the local doc changes.
 * Returns a function that stops tracking.
 */
export function trackPersisted(provider: WebsocketProvider, onChange: (saved: boolean) => void): () => void {
	let durable: Uint8Array | null = null;
	const delivered = new Map<number, number>();
	/** True while y-websocket applies a sync message that came over the WebSocket (not BroadcastChannel). */
	let fromSocket = false;
	const report = () => onChange(durable !== null && isSaved(Y.encodeStateVector(provider.doc), durable, delivered));
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
		report();
	};
	const onClose = () => {
		durable = null;
		delivered.clear();
		report();
	};
	provider.doc.on('update', onUpdate);
	provider.on('connection-close', onClose);
	return () => {
		provider.doc.off('update', onUpdate);
		provider.off('connection-close', onClose);
		if (syncHandler) provider.messageHandlers[MESSAGE_SYNC] = syncHandler;
		provider.messageHandlers[MESSAGE_PERSISTED] = undefined as never;
	};
}
