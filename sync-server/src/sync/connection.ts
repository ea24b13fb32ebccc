/**
 * Reads the y-websocket protocol from one connection into its room. Anything that is not a
 * complete, known message throws `MalformedMessageError`; the caller closes only that
 * connection. On a read-only connection (viewer, facts room) document updates are dropped and
 * answered with `MESSAGE_ERROR` `read-only`; sync step 1 and awareness work as usual.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, SYNC_ERROR } from '../../../src/lib/sync/protocol.ts';
import { errorMessage, isContainedIn } from './read-only.ts';
import { layoutRefusal } from './layout-refusal.ts';
import type { Peer, Room } from './room.ts';

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export class MalformedMessageError extends Error {}

/** What a connection may do in its room; read at every message, so a role change applies at once. */
export interface PeerRights {
	readonly canWrite: boolean;
}

const WRITABLE: PeerRights = { canWrite: true };

/** The greeting a server sends on connect: its sync step 1, awareness states, durable state. */
export function greetingMessages(room: Room): Uint8Array[] {
	const messages = [syncStep1(room.doc)];
	const states = room.awareness.getStates();
	if (states.size > 0) messages.push(awarenessMessage(room, [...states.keys()]));
	messages.push(room.persistedMessage());
	return messages;
}

/**
 * Applies one incoming frame from `peer` to `room`; returns the replies to send back to it.
 * Throws MalformedMessageError for unknown, truncated or trailing-garbage frames.
 */
export function handleMessage(room: Room, peer: Peer, frame: Uint8Array, rights: PeerRights = WRITABLE): Uint8Array[] {
	try {
		const decoder = decoding.createDecoder(frame);
		const replies = dispatch(room, peer, decoder, rights);
		if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes');
		return replies;
	} catch (error) {
		if (error instanceof MalformedMessageError) throw error;
		throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
	}
}

function dispatch(room: Room, peer: Peer, decoder: decoding.Decoder, rights: PeerRights): Uint8Array[] {
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MESSAGE_SYNC:
			return handleSync(room, peer, decoder, rights);
		case MESSAGE_AWARENESS:
			awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), peer);
			return [];
		case MESSAGE_QUERY_AWARENESS:
			return [awarenessMessage(room, [...room.awareness.getStates().keys()])];
		default:
			throw new MalformedMessageError(`unknown message type ${type}`);
	}
}

function handleSync(room: Room, peer: Peer, decoder: decoding.Decoder, rights: PeerRights): Uint8Array[] {
	const step = decoding.readVarUint(decoder);
	if (step === SYNC_STEP1) {
		const stateVector = decoding.readVarUint8Array(decoder);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		encoding.writeVarUint(encoder, SYNC_STEP2);
		encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(room.doc, stateVector));
		return [encoding.toUint8Array(encoder)];
	}
	if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
		const update = decoding.readVarUint8Array(decoder);
		if (!rights.canWrite) return isContainedIn(room.doc, update) ? [] : [errorMessage(SYNC_ERROR.readOnly)];
		const refusal = layoutRefusal(room.doc, update);
		if (refusal) return [errorMessage(refusal)];
		Y.applyUpdate(room.doc, update, peer);
		return [];
	}
	throw new MalformedMessageError(`unknown sync step ${step}`);
}

function syncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

function awarenessMessage(room: Room, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients));
	return encoding.toUint8Array(encoder);
}
