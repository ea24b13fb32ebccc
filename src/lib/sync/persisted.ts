/**
 * Client side of Beian's "persisted" message: the server announces the state vector it has
 * made durable; the local doc is saved when that vector covers the local one.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { MESSAGE_PERSISTED } from './protocol.ts';

/** Whether every update in `local` is also in `durable` (both encoded state vectors). */
export function isCovered(local: Uint8Array, durable: Uint8Array): boolean {
	const durableClocks = Y.decodeStateVector(durable);
	for (const [client, clock] of Y.decodeStateVector(local)) {
		if ((durableClocks.get(client) ?? 0) < clock) return false;
	}
	return true;
}

/**
 * Tracks what the server has made durable for `provider`'s doc. `onChange(saved)` runs when
 * the server reports a new durable state and whenever the local doc changes.
 * Returns a function that stops tracking.
 */
export function trackPersisted(provider: WebsocketProvider, onChange: (saved: boolean) => void): () => void {
	let durable: Uint8Array | null = null;
	const report = () => onChange(durable !== null && isCovered(Y.encodeStateVector(provider.doc), durable));
	provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
		durable = decoding.readVarUint8Array(decoder);
		report();
	};
	const onClose = () => {
		durable = null;
		report();
	};
	provider.doc.on('update', report);
	provider.on('connection-close', onClose);
	return () => {
		provider.doc.off('update', report);
		provider.off('connection-close', onClose);
		provider.messageHandlers[MESSAGE_PERSISTED] = undefined as never;
	};
}
