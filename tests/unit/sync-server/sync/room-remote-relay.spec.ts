/**
 * What a node relays of another node's edits (room.ts `applyRemote`): a batch heard on the bus
 * goes to the peers as it came (no re-encoding on the node that only relays), the durable state
 * it implies is still exact when a peer's own edit follows, and the log's catch-up rows — maybe
 * a compacted snapshot of the whole room — relay only what is new here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { silentLogger } from '../../../../sync-server/src/log.ts';
import type { RoomBus } from '../../../../sync-server/src/sync/room-bus.ts';
import { updateFrame, type Peer, type Room } from '../../../../sync-server/src/sync/room.ts';
import { Rooms } from '../../../../sync-server/src/sync/rooms.ts';
import { listenerBus, SharedLog } from './shared-log.ts';
import { MESSAGE_SYNC } from '../../../../src/lib/sync/protocol.ts';

const ROOM = 'ws-eeeeeeeeeeeeeeee';

const opened: Rooms[] = [];
afterEach(async () => {
	for (const rooms of opened.splice(0)) await rooms.closeAll();
});

async function openRoom(log: SharedLog, bus: RoomBus): Promise<{ rooms: Rooms; room: Room; sent: Uint8Array[]; peer: Peer }> {
	const rooms = new Rooms({ store: log, logger: silentLogger, idleMs: 60_000, compactAfter: 1000, cluster: { bus, log, pollMs: 60_000, gapGraceMs: 60_000 } });
	opened.push(rooms);
	const room = await rooms.open(ROOM);
	await rooms.replicaOf(room)?.settled();
	const sent: Uint8Array[] = [];
	const peer: Peer = { send: (m) => void sent.push(m), close() {} };
	room.addPeer(peer);
	return { rooms, room, sent, peer };
}

/** The update inside each relayed sync-update frame. */
function relayedUpdates(sent: Uint8Array[]): Uint8Array[] {
	return sent
		.filter((m) => m[0] === MESSAGE_SYNC)
		.map((m) => {
			const decoder = decoding.createDecoder(m);
			decoding.readVarUint(decoder);
			decoding.readVarUint(decoder);
			return decoding.readVarUint8Array(decoder);
		});
}

/** `doc`'s edits since `since` (a state vector), as one update. */
function edit(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const before = Y.encodeStateVector(doc);
	change(doc);
	return Y.encodeStateAsUpdate(doc, before);
}

describe('Room.applyRemote: what a relaying node sends its peers', () => {
	it('relays a batch heard on the bus byte for byte, and counts it durable', async () => {
		const log = new SharedLog();
		const bus = listenerBus();
		const { room, sent } = await openRoom(log, bus);
		const other = new Y.Doc();
		const a = edit(other, (d) => d.getArray<number>('t').push([1]));
		const b = edit(other, (d) => d.getArray<number>('t').push([2]));
		log.rows.push({ seq: 1, update: a }, { seq: 2, update: b });

		bus.listener?.updates(1, 2, [a, b]);

		expect(sent.filter((m) => m[0] === MESSAGE_SYNC)).toEqual([updateFrame(a), updateFrame(b)]);
		expect(room.doc.getArray<number>('t').toArray()).toEqual([1, 2]);
		expect(Y.decodeStateVector(room.durableStateVector).get(other.clientID)).toBe(2);
	});

	it('keeps the durable state exact when a peer edits right after a relayed batch', async () => {
		const log = new SharedLog();
		const bus = listenerBus();
		const { room, peer } = await openRoom(log, bus);
		const other = new Y.Doc();
		const remote = edit(other, (d) => d.getMap('m').set('remote', 'committed elsewhere'));
		log.rows.push({ seq: 1, update: remote });
		bus.listener?.updates(1, 1, [remote]);

		const mine = new Y.Doc();
		room.applyUpdate(edit(mine, (d) => d.getMap('m').set('mine', 'not committed yet')), peer);

		// Before the peer's commit: the remote edit is durable, the peer's is not.
		const durable = Y.decodeStateVector(room.durableStateVector);
		expect(durable.get(other.clientID)).toBe(1);
		expect(durable.get(mine.clientID) ?? 0).toBe(0);
		await room.flushed();
		expect(Y.decodeStateVector(room.durableStateVector).get(mine.clientID)).toBe(1);
	});

	it('relays only what is new from a catch-up row that repeats what the room holds (a compacted snapshot)', async () => {
		const log = new SharedLog();
		const bus = listenerBus();
		const { rooms, room, sent } = await openRoom(log, bus);
		const other = new Y.Doc();
		const held = edit(other, (d) => d.getText('long').insert(0, 'x'.repeat(5000)));
		log.rows.push({ seq: 1, update: held });
		bus.listener?.updates(1, 1, [held]);
		sent.length = 0;

		// Another node wrote seq 2 and compacted 1–2 into one snapshot row; this node heard nothing of seq 2.
		edit(other, (d) => d.getMap('m').set('new', 'only this'));
		log.rows = [{ seq: 2, update: Y.encodeStateAsUpdate(other) }];
		rooms.replicaOf(room)?.catchUp();
		await rooms.replicaOf(room)?.settled();

		expect(room.doc.getMap('m').get('new')).toBe('only this');
		const relayed = relayedUpdates(sent);
		expect(relayed).toHaveLength(1);
		expect(relayed[0]?.byteLength ?? Infinity).toBeLessThan(500);
	});
});
