/**
 * Issue 7, finding 6: a member who never reads is cut off at the buffer limit (4503, transient),
 * and sync connections are capped per client address and per account (4530, transient).
 */
import { describe, expect, it } from 'vitest';
import { CLOSE } from '../../src/lib/sync/protocol.ts';
import { openRawSocket, type RawSocket } from '../support/raw-socket.ts';
import type { Logger } from '../../sync-server/src/log.ts';
import { connectClient, signUp, signUpWithSubject, useTestServers, waitFor, type ServerAddress, type TestClient } from '../support/server.ts';

const servers = useTestServers();
/** The close code a WebSocket reports when the connection ended without a close frame. */
const ABNORMAL_CLOSURE = 1006;
const sockets: RawSocket[] = [];

async function raw(server: ServerAddress, room: string, cookie: string): Promise<RawSocket> {
	const socket = await openRawSocket(`${server.url.replace('http', 'ws')}/sync/${room}`, { origin: server.url, cookie });
	sockets.push(socket);
	return socket;
}

/** Whether the socket is still open after the server had `ms` to close it. */
async function stillOpenAfter(socket: RawSocket, ms = 300): Promise<boolean> {
	await new Promise((r) => setTimeout(r, ms));
	return socket.isOpen;
}

describe('back-pressure', () => {
	it('closes a socket that stops reading once its unsent output passes the limit (4503); a reading member stays', async () => {
		const limit = 256 * 1024;
		// A long grace and stall time: on a loaded machine the writes below outlast the defaults
		// before the cut-off (the cut-off has its own tests below).
		const s = await servers.start({ maxBufferedBytes: limit, cutOffGraceMs: 120_000, stallCutOffMs: 120_000 });
		const owner = await signUpWithSubject(s.server);
		const writer = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		const reader = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		const stalled = await raw(s.server, owner.workspaceRoom, owner.cookie);
		await waitFor(() => writer.provider.synced && reader.provider.synced && stalled.received.length >= 2, 5000, 'everyone synced');
		stalled.pause();

		// 24 MB through the room, 512 KB an update: far more than loopback's socket buffers hold.
		// (A root outside the workspace layout: the layout's field bounds, ROOM-6, keep the subject's
		// fields far smaller than this.)
		const chunk = 'x'.repeat(512 * 1024);
		for (let i = 0; i < 48; i++) {
			writer.doc.getMap('bulk').set('bulk', `${i}:${chunk}`);
			await waitFor(() => String(reader.doc.getMap('bulk').get('bulk')).startsWith(`${i}:`), 5000, `update ${i} at the reader`);
		}
		await waitFor(() => writer.saved, 10_000, 'the writer acknowledged');
		// Reading again, it finds what the server had queued, then the close frame.
		stalled.resume();
		expect(await stalled.closed).toBe(CLOSE.backPressure);
		expect(reader.provider.wsconnected).toBe(true);
		expect(reader.closeCodes).toEqual([]);
	}, 60_000);
});

/** A logger that calls `onCutOff` when the server closes a socket for back-pressure. */
function cutOffLogger(onCutOff: () => void): Logger {
	return {
		log(_level, msg) {
			if (msg === 'slow reader cut off') onCutOff();
		}
	};
}

/** Sends 512 KB updates through the room until the server has closed `stalled` for back-pressure. */
async function pushUntilCutOff(writer: TestClient, reader: TestClient, isCutOff: () => boolean): Promise<void> {
	const chunk = 'x'.repeat(512 * 1024);
	for (let i = 0; !isCutOff(); i++) {
		if (i >= 96) throw new Error('the stalled socket was never closed for back-pressure');
		writer.doc.getMap('bulk').set('bulk', `${i}:${chunk}`);
		await waitFor(() => String(reader.doc.getMap('bulk').get('bulk')).startsWith(`${i}:`), 5000, `update ${i} at the reader`);
	}
}

describe('cut-off after the back-pressure close', () => {
	const limit = 256 * 1024;

	it('destroys a socket closed with 4503 that reads nothing for stallCutOffMs, long before the grace ends: its queue and close frame are dropped', async () => {
		let cutOffAt = 0;
		// The grace alone would keep the stalled socket (and everything queued for it) for 2 minutes.
		const s = await servers.start({ maxBufferedBytes: limit, cutOffGraceMs: 120_000, stallCutOffMs: 200, logger: cutOffLogger(() => (cutOffAt ||= Date.now())) });
		const owner = await signUpWithSubject(s.server);
		const writer = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		const reader = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		const stalled = await raw(s.server, owner.workspaceRoom, owner.cookie);
		await waitFor(() => writer.provider.synced && reader.provider.synced && stalled.received.length >= 2, 5000, 'everyone synced');
		stalled.pause();
		await pushUntilCutOff(writer, reader, () => cutOffAt > 0);
		await new Promise((r) => setTimeout(r, 1500));
		stalled.resume();
		// Destroyed: what the kernel already held arrives, the rest and the close frame never do.
		expect(await stalled.closed).toBe(ABNORMAL_CLOSURE);
		expect(reader.provider.wsconnected).toBe(true);
		expect(reader.closeCodes).toEqual([]);
	}, 60_000);

	it('lets a socket closed with 4503 that reads again drain its queue and receive the close frame', async () => {
		let stalled: RawSocket | null = null;
		let cutOff = false;
		const s = await servers.start({
			maxBufferedBytes: limit,
			cutOffGraceMs: 120_000,
			stallCutOffMs: 3000,
			logger: cutOffLogger(() => {
				cutOff = true;
				stalled?.resume();
			})
		});
		const owner = await signUpWithSubject(s.server);
		const writer = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		const reader = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		stalled = await raw(s.server, owner.workspaceRoom, owner.cookie);
		const socket = stalled;
		await waitFor(() => writer.provider.synced && reader.provider.synced && socket.received.length >= 2, 5000, 'everyone synced');
		socket.pause();
		await pushUntilCutOff(writer, reader, () => cutOff);
		expect(await socket.closed).toBe(CLOSE.backPressure);
	}, 60_000);
});

describe('connection caps', () => {
	it('closes the socket beyond the per-address cap with 4530, and admits one again after another closed', async () => {
		const s = await servers.start({ maxConnectionsPerIp: 3 });
		const owner = await signUpWithSubject(s.server);
		const open = [await raw(s.server, owner.workspaceRoom, owner.cookie), await raw(s.server, owner.workspaceRoom, owner.cookie), await raw(s.server, owner.factsRoom, owner.cookie)];
		const fourth = await raw(s.server, owner.workspaceRoom, owner.cookie);
		expect(await fourth.closed).toBe(CLOSE.tooManyConnections);
		for (const socket of open) expect(await stillOpenAfter(socket, 0)).toBe(true);
		open[0]?.ws.close();
		await open[0]?.closed;
		const again = await raw(s.server, owner.workspaceRoom, owner.cookie);
		expect(await stillOpenAfter(again)).toBe(true);
	});

	it('closes an account’s socket beyond the per-account cap with 4530; another account from the same address gets in', async () => {
		const s = await servers.start({ maxConnectionsPerAccount: 2 });
		const owner = await signUpWithSubject(s.server);
		const first = await raw(s.server, owner.workspaceRoom, owner.cookie);
		const second = await raw(s.server, owner.factsRoom, owner.cookie);
		const third = await raw(s.server, owner.workspaceRoom, owner.cookie);
		expect(await third.closed).toBe(CLOSE.tooManyConnections);
		expect(first.isOpen && second.isOpen).toBe(true);
		const other = await signUpWithSubject(s.server);
		const theirs = await raw(s.server, other.workspaceRoom, other.cookie);
		expect(await stillOpenAfter(theirs)).toBe(true);
		// An account with no subject is refused by membership (4403), not by the cap.
		const stranger = await signUp(s.server);
		const refused = await raw(s.server, owner.workspaceRoom, stranger.cookie);
		expect(await refused.closed).toBe(CLOSE.forbidden);
	});
});
