/**
 * A room's replica in a cluster (issue 13): batches from other nodes arrive in any order and
 * possibly twice; the replica applies each seq once, reads a hole from the log only when it
 * stays open, and publishes its own commits only after they committed, tagged with their seqs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../../../../sync-server/src/log.ts';
import type { RoomBus, RoomBusListener } from '../../../../sync-server/src/sync/room-bus.ts';
import type { Peer, Room } from '../../../../sync-server/src/sync/room.ts';
import { Rooms } from '../../../../sync-server/src/sync/rooms.ts';
import { SharedLog } from './shared-log.ts';

const ROOM = 'ws-cccccccccccccccc';

class FakeBus implements RoomBus {
	published: { first: number; last: number; committedRows: number }[] = [];
	listener: RoomBusListener | null = null;
	readonly log: SharedLog;
	constructor(log: SharedLog) {
		this.log = log;
	}
	publishUpdates(_room: string, first: number, last: number) {
		this.published.push({ first, last, committedRows: this.log.rows.length });
	}
	publishAwareness() {}
	subscribe(_room: string, listener: RoomBusListener) {
		this.listener = listener;
		return () => (this.listener = null);
	}
	onResync() {
		return () => {};
	}
}

/** Another node's edit: committed to the log, returned with its seq for delivering by hand. */
function otherNodeCommit(log: SharedLog, other: Y.Doc, key: string): { seq: number; update: Uint8Array } {
	const before = Y.encodeStateVector(other);
	other.getMap('m').set(key, key);
	const update = Y.encodeStateAsUpdate(other, before);
	log.rows.push({ seq: log.rows.length + 1, update });
	return { seq: log.rows.length, update };
}

const opened: Rooms[] = [];
afterEach(async () => {
	for (const rooms of opened.splice(0)) await rooms.closeAll();
});

async function setup() {
	const log = new SharedLog();
	const bus = new FakeBus(log);
	const rooms = new Rooms({ store: log, logger: silentLogger, idleMs: 60_000, compactAfter: 1000, cluster: { bus, log, pollMs: 60_000, gapGraceMs: 30 } });
	opened.push(rooms);
	const room = await rooms.open(ROOM);
	await rooms.replicaOf(room)?.settled();
	const applied: number[] = [];
	const original = room.applyRemote.bind(room);
	room.applyRemote = (updates, lastSeq) => {
		applied.push(updates.length);
		original(updates, lastSeq);
	};
	const deliver = (...commits: { seq: number; update: Uint8Array }[]) => bus.listener?.updates(commits[0]?.seq ?? 0, commits.at(-1)?.seq ?? 0, commits.map((c) => c.update));
	return { log, bus, rooms, room, applied, deliver, replica: () => rooms.replicaOf(room) };
}

const value = (room: Room, key: string) => room.doc.getMap('m').get(key);

describe('RoomReplica (cluster fan-out)', () => {
	it('applies batches arriving out of seq order once each, ignores a repeat, and reads nothing from the log', async () => {
		const { log, room, applied, deliver, replica } = await setup();
		const other = new Y.Doc();
		const one = otherNodeCommit(log, other, 'one');
		const two = otherNodeCommit(log, other, 'two');
		const readsBefore = log.reads.length;
		deliver(two);
		deliver(one);
		deliver(two);
		deliver(one);
		expect([value(room, 'one'), value(room, 'two')]).toEqual(['one', 'two']);
		expect(applied).toEqual([1, 1]);
		expect(replica()?.through).toBe(2);
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(log.reads.length).toBe(readsBefore);
	});

	it('a hole that stays open is read from the log, applying only the missing seqs', async () => {
		const { log, room, applied, deliver, replica } = await setup();
		const other = new Y.Doc();
		const one = otherNodeCommit(log, other, 'one');
		otherNodeCommit(log, other, 'lost in transit');
		const three = otherNodeCommit(log, other, 'three');
		deliver(one);
		deliver(three);
		expect(value(room, 'lost in transit')).toBeUndefined();
		await new Promise((resolve) => setTimeout(resolve, 80));
		await replica()?.settled();
		expect(value(room, 'lost in transit')).toBe('lost in transit');
		expect(log.reads.at(-1)).toBe(1);
		expect(applied).toEqual([1, 1, 1]);
		expect(replica()?.through).toBe(3);
	});

	it("publishes its own commit after it committed, with the batch's seqs, and counts it as held", async () => {
		const { log, bus, room, replica } = await setup();
		const other = new Y.Doc();
		otherNodeCommit(log, other, 'from elsewhere');
		const peer: Peer = { send() {}, close() {} };
		room.addPeer(peer);
		const mine = new Y.Doc();
		mine.getMap('m').set('mine', 'mine');
		room.applyUpdate(Y.encodeStateAsUpdate(mine), peer);
		await room.flushed();
		expect(bus.published).toEqual([{ first: 2, last: 2, committedRows: 2 }]);
		// Seq 1 was never delivered: the hole before the own commit is read from the log.
		await new Promise((resolve) => setTimeout(resolve, 80));
		await replica()?.settled();
		expect(value(room, 'from elsewhere')).toBe('from elsewhere');
		expect(replica()?.through).toBe(2);
	});
});

/** A log that tells every room's last seq in one read, as PostgreSQL's `doc_rooms` does. */
class CountedLog extends SharedLog {
	polls: string[][] = [];
	async lastSeqs(rooms: readonly string[]): Promise<Map<string, number>> {
		this.polls.push([...rooms]);
		return new Map(rooms.map((room) => [room, this.rows.at(-1)?.seq ?? 0]));
	}
}

describe('Rooms: one log poll for every room', () => {
	it('reads only the last seqs while nothing was missed, and catches up the room a commit nobody published left behind', async () => {
		const log = new CountedLog();
		const bus = new FakeBus(log);
		const rooms = new Rooms({ store: log, logger: silentLogger, idleMs: 60_000, compactAfter: 1000, cluster: { bus, log, pollMs: 20, gapGraceMs: 60_000 } });
		opened.push(rooms);
		const room = await rooms.open(ROOM);
		await rooms.replicaOf(room)?.settled();
		const readsAfterOpen = log.reads.length;
		await new Promise((resolve) => setTimeout(resolve, 90));
		expect(log.polls.length).toBeGreaterThanOrEqual(2);
		expect(log.polls.every((names) => names.length === 1 && names[0] === ROOM)).toBe(true);
		expect(log.reads.length).toBe(readsAfterOpen);

		otherNodeCommit(log, new Y.Doc(), 'unpublished');
		const deadline = Date.now() + 2000;
		while (value(room, 'unpublished') === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(value(room, 'unpublished')).toBe('unpublished');
		expect(log.reads.length).toBe(readsAfterOpen + 1);
		expect(rooms.replicaOf(room)?.through).toBe(1);
	});
});
