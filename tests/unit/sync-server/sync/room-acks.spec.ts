/**
 * Who hears the "persisted" message after a commit: the peers whose updates it holds, and peers
 * that joined or re-sent what the room already had before it — never a peer that only watches.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MESSAGE_PERSISTED } from '../../../../src/lib/sync/protocol.ts';
import { silentLogger } from '../../../../sync-server/src/log.ts';
import { MemoryDocStore } from '../../../../sync-server/src/storage/memory-doc-store.ts';
import type { Peer } from '../../../../sync-server/src/sync/room.ts';
import { Rooms } from '../../../../sync-server/src/sync/rooms.ts';

function recorder(): Peer & { persisted: Uint8Array[]; other: number } {
	const peer = {
		persisted: [] as Uint8Array[],
		other: 0,
		send(message: Uint8Array) {
			const decoder = decoding.createDecoder(message);
			if (decoding.readVarUint(decoder) === MESSAGE_PERSISTED) peer.persisted.push(decoding.readVarUint8Array(decoder));
			else peer.other++;
		},
		close() {}
	};
	return peer;
}

async function setup() {
	const rooms = new Rooms({ store: new MemoryDocStore(), logger: silentLogger, idleMs: 60_000, compactAfter: 1000 });
	const room = await rooms.open('ws-bbbbbbbbbbbbbbbb');
	return { rooms, room };
}

describe('Room acknowledgments', () => {
	it('tells the writer after the commit and sends a peer that only watches the update, not an acknowledgment', async () => {
		const { rooms, room } = await setup();
		const writer = recorder();
		const watcher = recorder();
		room.addPeer(writer);
		room.addPeer(watcher);
		const doc = new Y.Doc();
		let update: Uint8Array | null = null;
		doc.on('update', (u: Uint8Array) => (update = u));
		doc.getMap('subject').set('name', '甲');
		expect(room.applyUpdate(update as unknown as Uint8Array, writer)).toBe(true);
		await room.flushed();
		expect(writer.persisted).toHaveLength(1);
		expect(Y.decodeStateVector(writer.persisted[0] as Uint8Array).get(doc.clientID)).toBe(1);
		expect(watcher.other).toBe(1);
		expect(watcher.persisted).toHaveLength(0);
		await rooms.closeAll();
	});

	it('tells a peer that joined, or re-sent an update the room had, while it was not yet durable — after the commit', async () => {
		const { rooms, room } = await setup();
		const writer = recorder();
		room.addPeer(writer);
		const doc = new Y.Doc();
		doc.getMap('subject').set('name', '乙');
		const update = Y.encodeStateAsUpdate(doc);
		room.applyUpdate(update, writer);
		// The same device again, before the commit: it joins and sends the same update (a no-op here).
		const again = recorder();
		room.addPeer(again);
		room.applyUpdate(update, again);
		expect(again.persisted).toHaveLength(0);
		await room.flushed();
		expect(again.persisted.length).toBeGreaterThan(0);
		expect(Y.decodeStateVector(again.persisted.at(-1) as Uint8Array).get(doc.clientID)).toBe(1);
		// Once all is durable, a no-op re-send is answered at once.
		const late = recorder();
		room.addPeer(late);
		room.applyUpdate(update, late);
		expect(late.persisted).toHaveLength(1);
		await rooms.closeAll();
	});
});
