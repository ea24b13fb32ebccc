import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { isCovered } from '../../src/lib/sync/persisted.ts';
import { CLOSE } from '../../src/lib/sync/protocol.ts';
import { connectWireClient, waitSynced, type WireClient } from '../support/sync-wire-client.ts';
import {
	connectClient,
	signUpWithSubject,
	useTestServers,
	waitFor,
	type OwnerWithSubject,
	type TestClient,
	type TestServer,
	type TestServerOptions
} from '../support/server.ts';

const servers = useTestServers();

let owner: OwnerWithSubject;

/** A server with a signed-in owner whose subject's workspace room the clients use. */
async function server(options: TestServerOptions = {}): Promise<TestServer> {
	const s = await servers.start(options);
	owner = await signUpWithSubject(s.server);
	return s;
}

function client(s: TestServer, room = owner.workspaceRoom): TestClient {
	const c = connectClient(s.server, room, { cookie: owner.cookie });
	return servers.track(c);
}

function syncUrl(s: TestServer, room = owner.workspaceRoom): string {
	return `${s.server.url.replace('http', 'ws')}/sync/${room}`;
}

function subjectName(c: TestClient): string {
	return c.doc.getMap('subject').get('name')?.toString() ?? '';
}

function rawSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
	const ws = new WebSocket(url, { headers: { cookie: owner.cookie } });
	const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
	return new Promise((done, fail) => {
		ws.on('open', () => done({ ws, closed }));
		ws.on('error', fail);
	});
}

describe('sync server', () => {
	it('relays an edit from one client to another through the server', async () => {
		const s = await server();
		const a = client(s);
		const b = client(s);
		await waitFor(() => a.provider.synced && b.provider.synced, 5000, 'both synced');
		const { Text } = await import('yjs');
		const text = new Text();
		a.doc.getMap('subject').set('name', text);
		text.insert(0, '杭州示例科技有限公司');
		await waitFor(() => subjectName(b) === '杭州示例科技有限公司', 5000, 'edit at b');
		expect(subjectName(b)).toBe('杭州示例科技有限公司');
	});

	it('gives the edit back to a new client after a server restart on the same data folder', async () => {
		let s = await server();
		const a = client(s);
		await waitFor(() => a.provider.synced);
		a.doc.getMap('subject').set('province', '浙江');
		await waitFor(() => a.saved, 5000, 'durable acknowledgment');
		await s.server.close();
		a.destroy();
		s = await s.restart();
		servers.adopt(s);
		const fresh = client(s);
		await waitFor(() => fresh.doc.getMap('subject').get('province') === '浙江', 5000, 'restored edit');
		expect(fresh.doc.getMap('subject').get('province')).toBe('浙江');
	});

	it('closes only the connection that sent a garbage frame; others keep syncing', async () => {
		const s = await server();
		const a = client(s);
		const b = client(s);
		await waitFor(() => a.provider.synced && b.provider.synced);
		const bad = await rawSocket(syncUrl(s));
		bad.ws.send(new Uint8Array([0, 1, 200, 200, 200, 7]));
		expect(await bad.closed).toBe(CLOSE.malformed);
		a.doc.getMap('subject').set('province', '四川');
		await waitFor(() => b.doc.getMap('subject').get('province') === '四川', 5000, 'edit after garbage');
		expect(b.provider.wsconnected).toBe(true);
	});

	it('acknowledges an edit as saved only after it is durable, and not before', async () => {
		const s = await server();
		const a = client(s);
		await waitFor(() => a.saved, 5000, 'initial saved state');
		a.doc.getMap('subject').set('name', '甲');
		expect(a.saved).toBe(false);
		await waitFor(() => a.saved, 5000, 'saved after edit');
		a.provider.disconnect();
		a.doc.getMap('subject').set('name', '乙');
		expect(a.saved).toBe(false);
	});

	it('sends a client that only watches no per-edit acknowledgment, and it still ends saved: what the server delivered counts', async () => {
		const s = await server();
		const acks = { writer: 0, watcher: 0 };
		const connect = (who: keyof typeof acks) =>
			connectWireClient({ url: syncUrl(s), headers: { cookie: owner.cookie }, onPersisted: () => acks[who]++ });
		const writer = await connect('writer');
		const wireWatcher = await connect('watcher');
		const watcher = client(s);
		try {
			await Promise.all([waitSynced(writer), waitSynced(wireWatcher)]);
			const covered = (c: WireClient) => c.durable !== null && isCovered(Y.encodeStateVector(c.doc), c.durable);
			await waitFor(() => covered(writer) && watcher.saved, 5000, 'saved before the burst');
			acks.writer = acks.watcher = 0;
			// Typing: 30 edits 10 ms apart, each its own commit and acknowledgment to the writer.
			for (let i = 1; i <= 30; i++) {
				writer.doc.getMap('subject').set('n', i);
				await new Promise((done) => setTimeout(done, 10));
			}
			await waitFor(() => covered(writer) && watcher.doc.getMap('subject').get('n') === 30 && watcher.saved, 5000, 'the burst saved at the writer and the watcher');
			await waitFor(() => wireWatcher.doc.getMap('subject').get('n') === 30, 5000, 'the burst at the wire watcher');
			expect(acks.writer).toBeGreaterThan(0);
			expect(acks.watcher).toBe(0);
			// The watcher's own edit is not saved until the server says it is durable.
			watcher.doc.getMap('subject').set('m', 1);
			expect(watcher.saved).toBe(false);
			await waitFor(() => watcher.saved, 5000, "the watcher's own edit saved");
		} finally {
			writer.close();
			wireWatcher.close();
		}
	});

	it('tells a client that rejoins while its earlier edits are still being committed when they are durable', async () => {
		const s = await server();
		const first = await connectWireClient({ url: syncUrl(s), headers: { cookie: owner.cookie } });
		await waitSynced(first);
		first.doc.getMap('subject').set('name', '甲');
		// The same device comes back at once with the same doc (its edit applied, maybe not durable yet).
		first.ws.terminate();
		const again = await connectWireClient({ url: syncUrl(s), headers: { cookie: owner.cookie }, doc: first.doc });
		try {
			await waitSynced(again);
			await waitFor(() => again.durable !== null && isCovered(Y.encodeStateVector(again.doc), again.durable), 5000, 'the earlier edit reported durable');
		} finally {
			again.close();
		}
	});

	it('ROOM-1 closes a socket that asks for an invalid room name', async () => {
		const s = await server();
		const bad = await rawSocket(syncUrl(s, '..%2Fetc'));
		expect(await bad.closed).toBe(CLOSE.unknownRoom);
	});

	it('refuses a frame larger than maxPayload with 1009 and keeps serving', async () => {
		const s = await server();
		const a = client(s);
		await waitFor(() => a.provider.synced);
		const big = await rawSocket(syncUrl(s));
		big.ws.send(new Uint8Array(1024 * 1024 + 10));
		expect(await big.closed).toBe(CLOSE.tooLarge);
		const b = client(s);
		a.doc.getMap('subject').set('name2', 'x');
		await waitFor(() => b.doc.getMap('subject').get('name2') === 'x');
	});

	it('evicts an idle room after compacting its log into one snapshot, and reloads it intact', async () => {
		const s = await server({ roomIdleMs: 50, compactAfter: 1000 });
		const a = client(s);
		await waitFor(() => a.provider.synced);
		for (let i = 0; i < 20; i++) a.doc.getMap('subject').set(`field${i}`, i);
		await waitFor(() => a.saved, 5000, 'saved');
		const rows = () => {
			const db = new DatabaseSync(join(s.dataDir, 'beian.sqlite'), { readOnly: true });
			try {
				return (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE room = ?').get(owner.workspaceRoom) as { n: number }).n;
			} finally {
				db.close();
			}
		};
		expect(rows()).toBeGreaterThan(1);
		a.destroy();
		const health = async () => (await (await fetch(`${s.server.url}/api/health`)).json()) as { rooms: number };
		await expect.poll(async () => (await health()).rooms, { timeout: 5000 }).toBe(0);
		expect(rows()).toBe(1);
		const fresh = client(s);
		await waitFor(() => fresh.doc.getMap('subject').get('field19') === 19, 5000, 'reloaded room');
		expect(fresh.doc.getMap('subject').toJSON()).toMatchObject({ field0: 0, field10: 10, field19: 19 });
	});
});
