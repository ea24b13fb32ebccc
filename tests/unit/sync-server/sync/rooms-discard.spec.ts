/**
 * A room whose doc failed (Yjs threw while applying, or while greeting) is discarded: its
 * connections close with 1011, what it applied is committed, and the next open reloads it from
 * the store — no acknowledged edit is lost. (On the wire, the bounds and layout checks refuse the
 * updates found to make Yjs throw before they reach a room; see sync-hostile.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../../../src/lib/sync/protocol.ts';
import { silentLogger } from '../../../../sync-server/src/log.ts';
import { MemoryDocStore } from '../../../../sync-server/src/storage/memory-doc-store.ts';
import type { Peer } from '../../../../sync-server/src/sync/room.ts';
import { Rooms } from '../../../../sync-server/src/sync/rooms.ts';

function edit(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('subject').set('remarks', text);
	return Y.encodeStateAsUpdate(doc);
}

describe('Rooms.discard', () => {
	it('closes the room’s peers with 1011, commits what it applied, and reloads it from the store on the next open', async () => {
		const store = new MemoryDocStore();
		const rooms = new Rooms({ store, logger: silentLogger, idleMs: 60_000, compactAfter: 1000 });
		const failed = await rooms.open('ws-aaaaaaaaaaaaaaaa');
		const closed: number[] = [];
		const peer: Peer = { send() {}, close: (code) => void closed.push(code) };
		failed.peers.set(peer, new Set());
		expect(failed.applyUpdate(edit('已确认'), peer)).toBe(true);

		rooms.discard(failed, new Error('Yjs threw'));
		rooms.discard(failed, new Error('again'));

		expect(closed).toEqual([CLOSE.unavailable]);
		const reloaded = await rooms.open('ws-aaaaaaaaaaaaaaaa');
		expect(reloaded).not.toBe(failed);
		expect(reloaded.doc.getMap('subject').get('remarks')).toBe('已确认');
		expect((await store.load('ws-aaaaaaaaaaaaaaaa')).updates.length).toBeGreaterThan(0);
		await rooms.closeAll();
	});
});
