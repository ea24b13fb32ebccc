/**
 * `bench:server` row for issue 7 finding 6: server RSS while 5 members of a room never read
 * (their TCP sockets paused) and ~40 MB of updates pass through the room, paced by one member
 * that reads. Ours closes a stalled socket at `SYNC_MAX_BUFFERED_BYTES` (4503) and destroys it
 * once it has drained nothing for 500 ms; the reference keeps buffering.
 *
 * An untimed pass with no stalled member goes first: the first ~40 MB through any Node process
 * grow its heap by 85–89 MB whichever run comes first, which would otherwise be charged to it.
 */
import type { Socket } from 'node:net';
import { connectWireClient, waitSynced, type WireClient } from '../support/sync-wire-client.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { sleep, waitUntil, type Target } from './server-load.ts';

export interface StalledRun {
	rssBefore: number;
	rssPeak: number;
	/** RSS 8 s after the traffic stopped (ours destroys a stalled socket 500 ms after closing it). */
	rssAfter: number;
	/** Stalled sockets the server had closed by then (seen once they read again). */
	closedByServer: number;
}

export interface StalledReaders {
	/** 5 members that never read. */
	stalled: StalledRun;
	/** The same traffic with no stalled member: the server's own cost of 40 MB of updates. */
	control: StalledRun;
	megabytes: number;
}

const STALLED = 5;
const UPDATES = 80;
const UPDATE_BYTES = 512 * 1024;

export async function measureStalledReaders(target: Target, server: ServerProcess): Promise<StalledReaders> {
	// Warm-up, not reported: the heap's one-off growth on the first tens of MB through the process.
	await run(target, server, 0);
	const stalled = await run(target, server, STALLED);
	const control = await run(target, server, 0);
	return { stalled, control, megabytes: (UPDATES * UPDATE_BYTES) / 1e6 };
}

async function run(target: Target, server: ServerProcess, stalledCount: number): Promise<StalledRun> {
	const [room] = await target.rooms(server, 1, `stalled-${stalledCount}`);
	if (!room) throw new Error('no room for the stalled-reader measurement');
	const open = (): Promise<WireClient> => connectWireClient({ url: room.url, headers: room.headers });
	const writer = await open();
	const reader = await open();
	const stalled: WireClient[] = [];
	for (let i = 0; i < stalledCount; i++) stalled.push(await open());
	await Promise.all([writer, reader, ...stalled].map((c) => waitSynced(c)));
	let closedByServer = 0;
	const tcp = (client: WireClient) => (client.ws as unknown as { _socket: Socket })._socket;
	for (const client of stalled) {
		void client.closed.then(() => closedByServer++);
		tcp(client).pause();
	}
	await sleep(1000);
	const rssBefore = server.rss();
	let rssPeak = rssBefore;
	const chunk = 'x'.repeat(UPDATE_BYTES);
	const bulk = reader.doc.getMap('bench');
	for (let i = 0; i < UPDATES; i++) {
		writer.doc.getMap('bench').set('bulk', `${i}:${chunk}`);
		await waitUntil(() => String(bulk.get('bulk')).startsWith(`${i}:`), 10_000, `update ${i} at the reading member`);
		rssPeak = Math.max(rssPeak, server.rss());
	}
	for (let i = 0; i < 16; i++) {
		await sleep(500);
		rssPeak = Math.max(rssPeak, server.rss());
	}
	const rssAfter = server.rss();
	// Reading again, a socket the server closed or cut off sees its close; an open one does not.
	for (const client of stalled) tcp(client).resume();
	await waitUntil(() => closedByServer === stalled.length, 3000, 'stalled sockets closed').catch(() => {});
	for (const client of [writer, reader, ...stalled]) {
		client.ws.terminate();
		client.doc.destroy();
	}
	return { rssBefore, rssPeak, rssAfter, closedByServer };
}
