/**
 * Reads the y-websocket protocol from one connection into its room, in two phases:
 *
 * 1. **Decode** the whole frame and check it against the bounds of `update-bounds.ts`. Anything
 *    that is not a complete, known message throws `MalformedMessageError`; the caller closes
 *    only that connection (4400). A well-formed update or awareness update that breaks a bound
 *    is dropped and answered with `MESSAGE_ERROR` (`update-refused`, `awareness-refused`): the
 *    room is unchanged and the connection stays open. A presence update sooner than its interval
 *    is held, not refused (presence.ts).
 * 2. **Apply** it to the room. An error here is a fault of the room, not of the frame: it
 *    throws `RoomFailure`, and the caller discards the room and reloads it from the store.
 *
 * On a read-only connection (viewer, facts room) document updates are dropped and answered
 * with `MESSAGE_ERROR` `read-only`; sync step 1 and awareness work as usual.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, SYNC_ERROR, type SyncErrorCode } from '../../../src/lib/sync/protocol.ts';
import {
	checkAwarenessUpdate,
	checkUpdate,
	isRefusal,
	MAX_AWARENESS_CLIENTS_PER_CONNECTION,
	type AwarenessEntries,
	type Refusal
} from '../../../src/lib/sync/update-bounds.ts';
import { errorMessage, isContainedIn } from './read-only.ts';
import { layoutRefusal } from './layout-refusal.ts';
import { awarenessFrame } from './frames.ts';
import { HELD } from './presence.ts';
import type { Peer, Room } from './room.ts';

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export class MalformedMessageError extends Error {}

/** An unexpected error inside a room while it served a connection; the room must be reloaded. */
export class RoomFailure extends Error {
	constructor(what: string, cause: unknown) {
		super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
	}
}

/** What a connection may do in its room; read at every message, so a role change applies at once. */
export interface PeerRights {
	readonly canWrite: boolean;
	/** Rewrites (stamps), refuses (null) or holds (HELD: it comes back later) each awareness update; see presence.ts. */
	readonly presence?: { admit(update: Uint8Array): Uint8Array | null | typeof HELD };
}

const WRITABLE: PeerRights = { canWrite: true };

type Message =
	| { readonly kind: 'step1'; readonly stateVector: Uint8Array }
	| { readonly kind: 'update'; readonly update: Uint8Array; readonly refusal: Refusal | null }
	| { readonly kind: 'awareness'; readonly update: Uint8Array; readonly entries: AwarenessEntries | Refusal }
	| { readonly kind: 'query-awareness' };

/** The greeting a server sends on connect: its sync step 1, awareness states, durable state. Throws RoomFailure. */
export function greetingMessages(room: Room): Uint8Array[] {
	try {
		const messages = [syncStep1(room.doc)];
		const states = room.awareness.getStates();
		if (states.size > 0) messages.push(awarenessMessage(room, [...states.keys()]));
		messages.push(room.persistedMessage());
		return messages;
	} catch (error) {
		throw new RoomFailure('greeting', error);
	}
}

/**
 * Applies one incoming frame from `peer` to `room`; returns the replies to send back to it.
 * Throws MalformedMessageError for unknown, truncated or trailing-garbage frames, and
 * RoomFailure when the room failed to apply a valid one.
 */
export function handleMessage(room: Room, peer: Peer, frame: Uint8Array, rights: PeerRights = WRITABLE): Uint8Array[] {
	return apply(room, peer, decodeMessage(frame), rights);
}

/** Decodes and bound-checks one frame; throws MalformedMessageError. */
export function decodeMessage(frame: Uint8Array): Message {
	try {
		const decoder = decoding.createDecoder(frame);
		const message = readMessage(decoder);
		if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes');
		return message;
	} catch (error) {
		if (error instanceof MalformedMessageError) throw error;
		throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
	}
}

function readMessage(decoder: decoding.Decoder): Message {
	const type = decoding.readVarUint(decoder);
	if (type === MESSAGE_AWARENESS) {
		const update = decoding.readVarUint8Array(decoder);
		return { kind: 'awareness', update, entries: checkAwarenessUpdate(update) };
	}
	if (type === MESSAGE_QUERY_AWARENESS) return { kind: 'query-awareness' };
	if (type !== MESSAGE_SYNC) throw new MalformedMessageError(`unknown message type ${type}`);
	const step = decoding.readVarUint(decoder);
	if (step === SYNC_STEP1) {
		const stateVector = decoding.readVarUint8Array(decoder);
		checkStateVector(stateVector);
		return { kind: 'step1', stateVector };
	}
	if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
		const update = decoding.readVarUint8Array(decoder);
		return { kind: 'update', update, refusal: checkUpdate(update) };
	}
	throw new MalformedMessageError(`unknown sync step ${step}`);
}

function apply(room: Room, peer: Peer, message: Message, rights: PeerRights): Uint8Array[] {
	switch (message.kind) {
		case 'step1':
			return inRoom('sync step 1', () => {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_SYNC);
				encoding.writeVarUint(encoder, SYNC_STEP2);
				encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(room.doc, message.stateVector));
				return [encoding.toUint8Array(encoder)];
			});
		case 'update': {
			if (!rights.canWrite) {
				if (message.refusal) return [errorMessage(SYNC_ERROR.readOnly)];
				return inRoom('read-only check', () => (isContainedIn(room.doc, message.update) ? [] : [errorMessage(SYNC_ERROR.readOnly)]));
			}
			if (message.refusal) return [errorMessage(SYNC_ERROR.updateRefused)];
			const layout = layoutCheck(room, message.update);
			if (layout) return [errorMessage(layout)];
			const accepted = inRoom('update', () => room.applyUpdate(message.update, peer));
			return accepted ? [] : [errorMessage(SYNC_ERROR.updateRefused)];
		}
		case 'awareness': {
			const { entries } = message;
			if (isRefusal(entries)) return [errorMessage(SYNC_ERROR.awarenessRefused)];
			const own = ownAwareness(room, peer, message.update);
			if (own === 'refused') return [errorMessage(SYNC_ERROR.awarenessRefused)];
			if (own === null) return [];
			const update = rights.presence ? rights.presence.admit(own) : own;
			if (update === null) return [errorMessage(SYNC_ERROR.awarenessRefused)];
			if (update === HELD) return [];
			return inRoom('awareness', () => {
				awarenessProtocol.applyAwarenessUpdate(room.awareness, update, peer);
				return [];
			});
		}
		case 'query-awareness':
			return inRoom('awareness query', () => [awarenessMessage(room, [...room.awareness.getStates().keys()])]);
	}
}

/**
 * The part of an awareness update (already bound-checked) that `peer` may set: the states of the
 * client ids it controls, and of new ids within MAX_AWARENESS_CLIENTS_PER_CONNECTION ('refused'
 * beyond). y-websocket clients re-broadcast every change they see, other people's states and
 * removals included: entries about an id another peer controls, removals of ids this peer does
 * not control, and states no newer than the room's clock for their id are dropped without a word (applying them would let one connection rewrite or
 * clear someone else's presence). Null when nothing is left to apply.
 */
function ownAwareness(room: Room, peer: Peer, update: Uint8Array): Uint8Array | null | 'refused' {
	const controlled = room.peers.get(peer) ?? new Set<number>();
	const decoder = decoding.createDecoder(update);
	const len = decoding.readVarUint(decoder);
	const kept: { clientId: number; clock: number; state: string }[] = [];
	let added = 0;
	let others: Set<number> | null = null;
	for (let i = 0; i < len; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state = decoding.readVarString(decoder);
		if (!controlled.has(clientId)) {
			// Not newer than what the room saw of that id: a copy passed on, never a claim.
			const seen = room.awareness.meta.get(clientId);
			if (state === 'null' || (seen && clock <= seen.clock)) continue;
			others ??= controlledByOthers(room, peer);
			if (others.has(clientId)) continue;
			added++;
		}
		kept.push({ clientId, clock, state });
	}
	if (controlled.size + added > MAX_AWARENESS_CLIENTS_PER_CONNECTION) return 'refused';
	if (kept.length === 0) return null;
	if (kept.length === len) return update;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const { clientId, clock, state } of kept) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, state);
	}
	return encoding.toUint8Array(encoder);
}

function controlledByOthers(room: Room, peer: Peer): Set<number> {
	const ids = new Set<number>();
	for (const [other, clients] of room.peers) if (other !== peer) for (const id of clients) ids.add(id);
	return ids;
}

/**
 * The workspace layout's refusals (ROOM-5, ROOM-6). The update already passed the structural
 * bounds; should the layout check still fail to read it, it is refused, never applied.
 */
function layoutCheck(room: Room, update: Uint8Array): SyncErrorCode | null {
	try {
		return layoutRefusal(room.doc, update);
	} catch {
		return SYNC_ERROR.updateRefused;
	}
}

function inRoom<T>(what: string, work: () => T): T {
	try {
		return work();
	} catch (error) {
		throw new RoomFailure(what, error);
	}
}

/** A state vector is `[len, (client, clock)*]`; anything else is malformed. */
function checkStateVector(bytes: Uint8Array): void {
	const decoder = decoding.createDecoder(bytes);
	const len = decoding.readVarUint(decoder);
	for (let i = 0; i < len; i++) {
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
	}
	if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the state vector');
}

function syncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

function awarenessMessage(room: Room, clients: number[]): Uint8Array {
	return awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients));
}
