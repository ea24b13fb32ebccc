/**
 * Who may open and write a sync room, against a real server on port 0 with real y-websocket
 * clients: Origin at the upgrade, session and membership close codes, read-only viewers and
 * facts rooms, revocation kicking sockets at once, and the per-connection message limit.
 */
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE, MESSAGE_ERROR, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, SYNC_ERROR } from '../../src/lib/sync/protocol.ts';
import {
	addMember,
	api,
	connectClient,
	signUpWithSubject,
	useTestServers,
	waitFor,
	type TestClient,
	type TestServer
} from '../support/server.ts';

const servers = useTestServers();

function client(s: TestServer, room: string, cookie: string | null, origin?: string | null): TestClient & { errors: string[] } {
	const c = connectClient(s.server, room, { cookie, origin });
	servers.track(c);
	const errors: string[] = [];
	c.provider.messageHandlers[MESSAGE_ERROR] = (_encoder, decoder) => void errors.push(decoding.readVarString(decoder));
	return Object.assign(c, { errors });
}

/** A server, an owner, a member with `role`, and both connected to the owner's workspace and synced. */
async function ownerAndMember(role: 'editor' | 'viewer') {
	const s = await servers.start();
	const owner = await signUpWithSubject(s.server);
	const member = await addMember(s.server, owner, role);
	const a = client(s, owner.workspaceRoom, owner.cookie);
	const m = client(s, owner.workspaceRoom, member.cookie);
	await waitFor(() => a.provider.synced && m.provider.synced, 5000, 'synced');
	return { s, owner, member, a, m };
}

interface RawSocket {
	ws: WebSocket;
	closed: Promise<number>;
	received: Uint8Array[];
}

/** A bare `ws` socket (no y-websocket client) that records what it receives. */
function rawSocket(s: TestServer, room: string, headers: Record<string, string> = {}): Promise<RawSocket> {
	const ws = new WebSocket(`${s.server.url.replace('http', 'ws')}/sync/${room}`, { headers: { origin: s.server.url, ...headers } });
	const received: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
	return new Promise((done, fail) => {
		ws.on('open', () => done({ ws, closed, received }));
		ws.on('error', fail);
	});
}

function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

const field = (c: TestClient, key: string) => c.doc.getMap('subject').get(key);

/**
 * Sends a sync step 1 and waits for the server's step 2: the server handles a socket's frames
 * in order, so every frame sent before has been handled and answered by then. The positive
 * signal that "no error came" is final.
 */
async function roundTrip(raw: RawSocket): Promise<void> {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
	const mark = raw.received.length;
	raw.ws.send(encoding.toUint8Array(encoder));
	await waitFor(() => raw.received.slice(mark).some((m) => m[0] === MESSAGE_SYNC && m[1] === 1), 2000, 'sync step 2');
}

/** Writes on `c` and waits for the server's durable ack on its socket, which comes after anything the room sent it before. */
async function acknowledgedWrite(...clients: TestClient[]): Promise<void> {
	for (const c of clients) c.doc.getMap('subject').set(`probe-${c.doc.clientID}`, 1);
	await waitFor(() => clients.every((c) => c.saved), 5000, 'acknowledged write');
}

describe('admission to a sync room', () => {
	it('refuses a foreign Origin with HTTP 403 before the upgrade', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const ws = new WebSocket(`${s.server.url.replace('http', 'ws')}/sync/${owner.workspaceRoom}`, {
			headers: { origin: 'https://evil.example', cookie: owner.cookie }
		});
		const status = await new Promise<number>((done) => {
			ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
			ws.on('open', () => done(101));
		});
		expect(status).toBe(403);
	});

	it('closes with 4401 without a session, and the y-websocket client stops reconnecting', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const raw = await rawSocket(s, owner.workspaceRoom);
		expect(await raw.closed).toBe(CLOSE.unauthenticated);
		const c = client(s, owner.workspaceRoom, null);
		// y-websocket's terminal \`closed\` event: it gave up reconnecting (a scheduled retry is a no-op).
		const terminal = await new Promise<{ code: number }>((done) => c.provider.once('closed', (event) => done(event)));
		expect(terminal.code).toBe(CLOSE.unauthenticated);
		expect(c.closeCodes).toEqual([CLOSE.unauthenticated]);
		expect(c.provider.shouldConnect).toBe(false);
	});

	it('closes with 4401 for an expired session', async () => {
		let now = Date.now();
		const s = await servers.start({ sessionLifetimeMs: 10 * 60_000, now: () => now });
		const owner = await signUpWithSubject(s.server);
		now += 10 * 60_000;
		const raw = await rawSocket(s, owner.workspaceRoom, { cookie: owner.cookie });
		expect(await raw.closed).toBe(CLOSE.unauthenticated);
	});

	it('closes with 4403 for a signed-in account that is not a member', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const stranger = await signUpWithSubject(s.server);
		for (const room of [owner.workspaceRoom, owner.factsRoom]) {
			const raw = await rawSocket(s, room, { cookie: stranger.cookie });
			expect(await raw.closed).toBe(CLOSE.forbidden);
		}
	});

	it('ROOM-4 closes with 4404 for a room that names no subject, such as ws-local', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		for (const room of ['ws-local', `${owner.workspaceRoom}_other`, 'ws-..%2F']) {
			const raw = await rawSocket(s, room, { cookie: owner.cookie });
			expect(await raw.closed).toBe(CLOSE.unknownRoom);
		}
	});
});

describe('roles in a sync room', () => {
	it('a viewer reads but cannot write: the update is dropped and answered with read-only, the socket stays open', async () => {
		const { s, owner, a, m: v } = await ownerAndMember('viewer');
		a.doc.getMap('subject').set('name', 'owner wrote');
		await waitFor(() => field(v, 'name') === 'owner wrote', 5000, 'viewer reads');
		expect(v.errors).toEqual([]);

		v.doc.getMap('subject').set('province', 'viewer wrote');
		await waitFor(() => v.errors.length > 0, 5000, 'read-only error');
		expect(v.errors).toEqual([SYNC_ERROR.readOnly]);
		await acknowledgedWrite(a);
		expect(field(a, 'province')).toBeUndefined();
		expect(v.provider.wsconnected).toBe(true);
		expect(v.saved).toBe(false);

		const fresh = client(s, owner.workspaceRoom, owner.cookie);
		await waitFor(() => fresh.provider.synced && field(fresh, 'name') === 'owner wrote', 5000, 'fresh client');
		expect(field(fresh, 'province')).toBeUndefined();
	});

	it('a viewer whose update the room already has gets no error (sync step 2 on reconnect)', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const viewer = await addMember(s.server, owner, 'viewer');
		const a = client(s, owner.workspaceRoom, owner.cookie);
		await waitFor(() => a.provider.synced);
		a.doc.getMap('subject').set('name', 'x');
		a.doc.getMap('subject').delete('name');
		await waitFor(() => a.saved, 5000, 'saved');
		const raw = await rawSocket(s, owner.workspaceRoom, { cookie: viewer.cookie });
		raw.ws.send(updateMessage(Y.encodeStateAsUpdate(a.doc)));
		await roundTrip(raw);
		expect(raw.received.some((m) => m[0] === MESSAGE_ERROR)).toBe(false);
		raw.ws.send(updateMessage(Y.encodeStateAsUpdate(new Y.Doc())));
		await roundTrip(raw);
		expect(raw.received.some((m) => m[0] === MESSAGE_ERROR)).toBe(false);
		const extra = new Y.Doc();
		extra.getMap('subject').set('x', 1);
		raw.ws.send(updateMessage(Y.encodeStateAsUpdate(extra)));
		await waitFor(() => raw.received.some((m) => m[0] === MESSAGE_ERROR), 2000, 'error for new content');
		expect(raw.ws.readyState).toBe(WebSocket.OPEN);
		raw.ws.close();
	});

	it('an editor writes like the owner', async () => {
		const { a, m: e } = await ownerAndMember('editor');
		e.doc.getMap('subject').set('name', 'editor wrote');
		await waitFor(() => field(a, 'name') === 'editor wrote', 5000, 'edit at owner');
		await waitFor(() => e.saved, 5000, 'editor saved');
		expect(e.errors).toEqual([]);
	});

	it('a role change applies to open connections at once: an editor made viewer can no longer write', async () => {
		const { s, owner, member: editor, a, m: e } = await ownerAndMember('editor');
		const patch = await api(s.server, 'PATCH', `/api/subjects/${owner.subjectId}/members/${editor.account.id}`, { cookie: owner.cookie, body: { role: 'viewer' } });
		expect(patch.status).toBe(200);
		e.doc.getMap('subject').set('name', 'after demotion');
		await waitFor(() => e.errors.length > 0, 5000, 'read-only error');
		expect(e.provider.wsconnected).toBe(true);
		expect(field(a, 'name')).toBeUndefined();
	});

	it('ROOM-3 the facts room carries the binding, written by the server, and is read-only for every client', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const f = client(s, owner.factsRoom, owner.cookie);
		await waitFor(() => f.provider.synced && field(f, 'id') === owner.subjectId, 5000, 'binding facts');
		const facts = f.doc.getMap('subject').toJSON();
		expect(facts).toEqual({ id: owner.subjectId, certificateType: 'passport', certificateNumber: expect.any(String), boundAt: expect.any(String) });
		expect(new Date(facts.boundAt).getTime()).not.toBeNaN();
		await waitFor(() => f.saved, 5000, 'facts durable');

		f.doc.getMap('subject').set('certificateNumber', 'forged');
		await waitFor(() => f.errors.length > 0, 5000, 'read-only error');
		expect(f.errors).toEqual([SYNC_ERROR.readOnly]);
		const other = client(s, owner.factsRoom, owner.cookie);
		// \`other\` joined after the refusal and synced the room's whole state: the forged value would be in it.
		await waitFor(() => other.provider.synced && field(other, 'id') === owner.subjectId, 5000, 'second reader');
		expect(field(other, 'certificateNumber')).toBe(facts.certificateNumber);
	});

	it('keeps the facts after a restart', async () => {
		let s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		s = await s.restart();
		servers.adopt(s);
		const f = client(s, owner.factsRoom, owner.cookie);
		await waitFor(() => field(f, 'id') === owner.subjectId, 5000, 'facts after restart');
	});
});

describe('revocation', () => {
	it('revoking a session closes its sockets at once with 4401', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const other = await api(s.server, 'POST', '/api/sessions', { body: { email: owner.email, password: owner.password } });
		const c = client(s, owner.workspaceRoom, owner.cookie);
		const facts = client(s, owner.factsRoom, owner.cookie);
		await waitFor(() => c.provider.synced && facts.provider.synced);
		const listed = (await api(s.server, 'GET', '/api/sessions', { cookie: other.cookie })).body.sessions as unknown as { id: string; current: boolean }[];
		const mine = listed.find((x) => !x.current);
		const started = Date.now();
		expect((await api(s.server, 'DELETE', `/api/sessions/${mine?.id}`, { cookie: other.cookie })).status).toBe(204);
		await waitFor(() => c.closeCodes.length > 0 && facts.closeCodes.length > 0, 2000, 'kicked');
		expect(Date.now() - started).toBeLessThan(1000);
		expect([c.closeCodes, facts.closeCodes]).toEqual([[CLOSE.unauthenticated], [CLOSE.unauthenticated]]);
	});

	it("signing out closes that session's sockets with 4401", async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const c = client(s, owner.workspaceRoom, owner.cookie);
		await waitFor(() => c.provider.synced);
		await api(s.server, 'DELETE', '/api/sessions/current', { cookie: owner.cookie });
		await waitFor(() => c.closeCodes.length > 0, 2000, 'kicked');
		expect(c.closeCodes).toEqual([CLOSE.unauthenticated]);
	});

	it("removing a member closes that person's sockets for the subject at once with 4403, and no one else's", async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const editor = await addMember(s.server, owner, 'editor');
		const elsewhere = await signUpWithSubject(s.server);
		const a = client(s, owner.workspaceRoom, owner.cookie);
		const e = client(s, owner.workspaceRoom, editor.cookie);
		const ef = client(s, owner.factsRoom, editor.cookie);
		const unrelated = client(s, elsewhere.workspaceRoom, elsewhere.cookie);
		await waitFor(() => [a, e, ef, unrelated].every((c) => c.provider.synced));
		const res = await api(s.server, 'DELETE', `/api/subjects/${owner.subjectId}/members/${editor.account.id}`, { cookie: owner.cookie });
		expect(res.status).toBe(204);
		await waitFor(() => e.closeCodes.length > 0 && ef.closeCodes.length > 0, 2000, 'kicked');
		expect([e.closeCodes, ef.closeCodes]).toEqual([[CLOSE.forbidden], [CLOSE.forbidden]]);
		expect(e.provider.shouldConnect).toBe(false);
		await acknowledgedWrite(a, unrelated);
		expect([a.closeCodes, unrelated.closeCodes]).toEqual([[], []]);
		const again = await rawSocket(s, owner.workspaceRoom, { cookie: editor.cookie });
		expect(await again.closed).toBe(CLOSE.forbidden);
	});
});

describe('message rate limit', () => {
	it('closes a connection that floods with 4529 (transient), and others keep syncing', async () => {
		const s = await servers.start({ limits: { syncMessagesPerSecond: 20, syncMessageBurst: 40 } });
		const owner = await signUpWithSubject(s.server);
		const a = client(s, owner.workspaceRoom, owner.cookie);
		const b = client(s, owner.workspaceRoom, owner.cookie);
		await waitFor(() => a.provider.synced && b.provider.synced);
		const flood = await rawSocket(s, owner.workspaceRoom, { cookie: owner.cookie });
		const query = new Uint8Array([MESSAGE_QUERY_AWARENESS]);
		for (let i = 0; i < 200; i++) flood.ws.send(query);
		expect(await flood.closed).toBe(CLOSE.rateLimited);
		a.doc.getMap('subject').set('name', 'still syncing');
		await waitFor(() => field(b, 'name') === 'still syncing', 5000, 'edit after flood');
	});

});
