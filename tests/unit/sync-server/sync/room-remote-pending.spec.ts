/**
 * A writer that reconnects to another node sends only what that node's sync step 1 says it
 * lacks; when that node has not yet heard of the writer's edits committed through the first
 * node, the new edits wait there for their dependencies (Yjs pending structs). The remote batch
 * that brings the dependencies then integrates them too: they must be stored and acknowledged
 * only after their commit, never counted as committed elsewhere (found by the crash test across
 * nodes: tests/support/cluster-crash.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { silentLogger } from '../../../../sync-server/src/log.ts';
import type { Peer } from '../../../../sync-server/src/sync/room.ts';
import { Rooms } from '../../../../sync-server/src/sync/rooms.ts';
import { listenerBus, SharedLog } from './shared-log.ts';
import { MESSAGE_PERSISTED } from '../../../../src/lib/sync/protocol.ts';

const ROOM = 'ws-dddddddddddddddd';

const opened: Rooms[] = [];
afterEach(async () => {
	for (const rooms of opened.splice(0)) await rooms.closeAll();
});

/** The writer's clock the latest "persisted" message to `sent` covers. */
function durableClock(sent: Uint8Array[], clientID: number): number {
	const last = sent.filter((m) => m[0] === MESSAGE_PERSISTED).at(-1);
	if (!last) return 0;
	const decoder = decoding.createDecoder(last);
	decoding.readVarUint(decoder);
	return Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(clientID) ?? 0;
}

describe('Room.applyRemote releasing updates that waited here', () => {
	it('stores the released edits and acknowledges them only after their commit', async () => {
		const log = new SharedLog();
		const bus = listenerBus();
		const rooms = new Rooms({ store: log, logger: silentLogger, idleMs: 60_000, compactAfter: 1000, cluster: { bus, log, pollMs: 60_000, gapGraceMs: 60_000 } });
		opened.push(rooms);
		const room = await rooms.open(ROOM);
		await rooms.replicaOf(room)?.settled();

		const writer = new Y.Doc();
		writer.getMap('w').set('first', 'through node A');
		const first = Y.encodeStateAsUpdate(writer);
		const afterFirst = Y.encodeStateVector(writer);
		writer.getMap('w').set('second', 'through node B');
		const second = Y.encodeStateAsUpdate(writer, afterFirst);
		// Node A committed the first edit; this node has not heard of it yet.
		log.rows.push({ seq: 1, update: first });

		const sent: Uint8Array[] = [];
		const peer: Peer = { send: (m) => void sent.push(m), close() {} };
		room.addPeer(peer);
		room.applyUpdate(second, peer);
		expect(room.doc.getMap('w').get('second')).toBeUndefined();

		bus.listener?.updates(1, 1, [first]);
		expect(room.doc.getMap('w').get('second')).toBe('through node B');
		// Not durable yet: nothing may claim it is.
		expect(Y.decodeStateVector(room.durableStateVector).get(writer.clientID) ?? 0).toBeLessThan(2);

		await room.flushed();
		const stored = new Y.Doc();
		for (const row of log.rows) Y.applyUpdate(stored, row.update);
		expect(stored.getMap('w').get('second')).toBe('through node B');
		expect(durableClock(sent, writer.clientID)).toBe(2);
	});
});
