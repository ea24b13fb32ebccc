/**
 * Presence on the sync socket (PRES-1…PRES-5), against a real server on port 0: the server
 * stamps each awareness state with the session's display name and role and keeps only the
 * presence fields, refuses non-presence states and more than one update per 100 ms, clears a
 * person's presence for the others at once when they leave or are removed (and reads nothing
 * they send after the removal), and closes the sockets of a session that expired.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE, SYNC_ERROR } from '../../src/lib/sync/protocol.ts';
import { renewPresenceOnConnect } from '../../src/lib/sync/workspace-sync.ts';
import { awarenessFrame } from '../support/hostile-frames.ts';
import { openRawSocket, type RawSocket } from '../support/raw-socket.ts';
import {
	addMember,
	api,
	connectClient,
	signUp,
	signUpWithSubject,
	useTestServers,
	waitFor,
	type ServerAddress,
	type TestClient,
	type TestServer
} from '../support/server.ts';

const servers = useTestServers();

/** A y-websocket client that only watches the room's presence (its own state is null, never sent). */
function watcher(s: TestServer, room: string, cookie: string): TestClient {
	const c = connectClient(s.server, room, { cookie });
	c.provider.awareness.setLocalState(null);
	return servers.track(c);
}

function raw(server: ServerAddress, room: string, cookie: string): Promise<RawSocket> {
	return openRawSocket(`${server.url.replace('http', 'ws')}/sync/${room}`, { origin: server.url, cookie });
}

async function named(server: ServerAddress, cookie: string, displayName: string): Promise<void> {
	const res = await api(server, 'PATCH', '/api/me', { cookie, body: { displayName } });
	expect(res.status).toBe(200);
}

const stateOf = (c: TestClient, clientId: number) => c.provider.awareness.getStates().get(clientId);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server, an owner named 李雷 watching its workspace, and a member named 韩梅梅 with `role`. */
async function room(role: 'editor' | 'viewer') {
	const s = await servers.start();
	const owner = await signUpWithSubject(s.server);
	const member = await addMember(s.server, owner, role);
	await named(s.server, owner.cookie, '李雷');
	await named(s.server, member.cookie, '韩梅梅');
	const observer = watcher(s, owner.workspaceRoom, owner.cookie);
	await waitFor(() => observer.provider.synced, 5000, 'observer synced');
	return { s, owner, member, observer };
}

describe('presence stamping (PRES-1, PRES-2)', () => {
	it('PRES-2 a viewer claiming to be an owner with another name is shown as a viewer with its own display name; PRES-1 an e-mail it adds is not relayed', async () => {
		const { s, owner, member, observer } = await room('viewer');
		const socket = await raw(s.server, owner.workspaceRoom, member.cookie);
		const claim = { name: 'Boss', role: 'owner', colour: 3, field: 'subject.name', selection: null, email: member.email, user: { phone: '13800000000' } };
		socket.send(awarenessFrame(7001, 1, JSON.stringify(claim)));
		await waitFor(() => stateOf(observer, 7001) !== undefined, 5000, 'the viewer’s presence');
		expect(stateOf(observer, 7001)).toEqual({ colour: 3, field: 'subject.name', selection: null, name: '韩梅梅', role: 'viewer' });
		expect(socket.errors).toEqual([]);
	});

	it('PRES-2 a state or removal of someone else’s client id, as y-websocket clients re-broadcast them, is dropped without an error and changes nothing', async () => {
		const { s, owner, member, observer } = await room('editor');
		const first = await raw(s.server, owner.workspaceRoom, member.cookie);
		first.send(awarenessFrame(7101, 1, JSON.stringify({ colour: 2, field: 'subject.name' })));
		await waitFor(() => stateOf(observer, 7101) !== undefined, 5000, 'the first socket’s presence');
		const second = await raw(s.server, owner.workspaceRoom, owner.cookie);
		second.send(awarenessFrame(7101, 2, JSON.stringify({ colour: 5, field: 'subject.remarks' })));
		await sleep(150);
		second.send(awarenessFrame(7101, 3, 'null'));
		await sleep(150);
		second.send(awarenessFrame(7102, 1, JSON.stringify({ colour: 4 })));
		await waitFor(() => stateOf(observer, 7102) !== undefined, 5000, 'the second socket’s own presence');
		expect(stateOf(observer, 7101)).toMatchObject({ colour: 2, field: 'subject.name', name: '韩梅梅', role: 'editor' });
		expect(stateOf(observer, 7102)?.name).toBe('李雷');
		expect(second.errors).toEqual([]);
		expect(first.errors).toEqual([]);
	});

	it('PRES-2 a role change applies to the next presence update', async () => {
		const { s, owner, member, observer } = await room('editor');
		const socket = await raw(s.server, owner.workspaceRoom, member.cookie);
		socket.send(awarenessFrame(7002, 1, JSON.stringify({ colour: 1 })));
		await waitFor(() => stateOf(observer, 7002)?.role === 'editor', 5000, 'editor presence');
		const patch = await api(s.server, 'PATCH', `/api/subjects/${owner.subjectId}/members/${member.account.id}`, { cookie: owner.cookie, body: { role: 'viewer' } });
		expect(patch.status).toBe(200);
		await sleep(120);
		socket.send(awarenessFrame(7002, 2, JSON.stringify({ colour: 1, field: 'subject.remark' })));
		await waitFor(() => stateOf(observer, 7002)?.field === 'subject.remark', 5000, 'second update');
		expect(stateOf(observer, 7002)?.role).toBe('viewer');
	});

	it('PRES-1 a state that is not presence (bad colour, field path with markup, oversized selection) is refused and not relayed', async () => {
		const { s, owner, member, observer } = await room('editor');
		const socket = await raw(s.server, owner.workspaceRoom, member.cookie);
		const bad = [{ colour: 'red' }, { field: '<script>' }, { field: 'subject.name', selection: { anchor: 'A'.repeat(4000), head: 'A' } }];
		for (const [i, state] of bad.entries()) {
			socket.send(awarenessFrame(7003, i + 1, JSON.stringify(state)));
			await sleep(120);
		}
		await waitFor(() => socket.errors.length === bad.length, 5000, 'three refusals');
		expect(socket.errors).toEqual(bad.map(() => SYNC_ERROR.awarenessRefused));
		expect(stateOf(observer, 7003)).toBeUndefined();
	});

	it('PRES-5 the display name is asked at sign-up, shown in /api/me and a bad one is refused', async () => {
		const s = await servers.start();
		const created = await api(s.server, 'POST', '/api/accounts', { body: { email: 'named@example.com', password: 'correct horse battery', displayName: ' 王小明 ' } });
		expect(created.status).toBe(201);
		const me = await api(s.server, 'GET', '/api/me', { cookie: created.cookie ?? '' });
		expect(me.body.account?.displayName).toBe('王小明');
		const refused = await api(s.server, 'POST', '/api/accounts', { body: { email: 'bad@example.com', password: 'correct horse battery', displayName: '<b>x</b>' } });
		expect(refused.status).toBe(400);
		expect(refused.body.error).toBe('invalid-input');
		const other = await signUp(s.server);
		const empty = await api(s.server, 'PATCH', '/api/me', { cookie: other.cookie, body: { displayName: '   ' } });
		expect(empty.status).toBe(400);
		const long = await api(s.server, 'PATCH', '/api/me', { cookie: other.cookie, body: { displayName: '名'.repeat(41) } });
		expect(long.status).toBe(400);
	});
});

describe('display name changes (PRES-5)', () => {
	it('PRES-5 a name changed on the account page shows in presence from the open socket\'s next update, without reconnecting', async () => {
		const { s, owner, member, observer } = await room('editor');
		const socket = await raw(s.server, owner.workspaceRoom, member.cookie);
		socket.send(awarenessFrame(7010, 1, JSON.stringify({ colour: 1 })));
		await waitFor(() => stateOf(observer, 7010)?.name === '韩梅梅', 5000, 'the first name');
		await named(s.server, member.cookie, '韩小梅');
		await sleep(120);
		socket.send(awarenessFrame(7010, 2, JSON.stringify({ colour: 2 })));
		await waitFor(() => stateOf(observer, 7010)?.colour === 2, 5000, 'the next update');
		expect(stateOf(observer, 7010)?.name).toBe('韩小梅');
		expect(socket.errors).toEqual([]);
	});
});

describe('presence limits (PRES-3)', () => {
	it('PRES-3 a burst of ten updates relays the first four at once and holds the rest: only the latest of them follows, after the interval, and nothing is refused', async () => {
		const { s, owner, member, observer } = await room('editor');
		const socket = await raw(s.server, owner.workspaceRoom, member.cookie);
		const seen: string[] = [];
		observer.provider.awareness.on('change', () => {
			const state = stateOf(observer, 7004);
			if (typeof state?.field === 'string') seen.push(state.field);
		});
		for (let i = 0; i < 10; i++) socket.send(awarenessFrame(7004, i + 1, JSON.stringify({ colour: i % 8, field: `websites.w${i}.domain` })));
		await waitFor(() => seen.length >= 5, 5000, 'the four bunched moves and the latest');
		expect(seen).toEqual(['websites.w0.domain', 'websites.w1.domain', 'websites.w2.domain', 'websites.w3.domain', 'websites.w9.domain']);
		expect(stateOf(observer, 7004)?.colour).toBe(1);
		await sleep(150);
		socket.send(awarenessFrame(7004, 11, JSON.stringify({ colour: 5 })));
		await waitFor(() => stateOf(observer, 7004)?.colour === 5, 5000, 'the update after the pause');
		// Nothing else of the burst came after the latest.
		expect(seen).toHaveLength(5);
		expect(socket.errors).toEqual([]);
	});

	it('PRES-3 a state over the size bound is refused, and leaving (a null state) passes even beyond the rate, dropping the move held before it', async () => {
		const { s, owner, member, observer } = await room('editor');
		const socket = await raw(s.server, owner.workspaceRoom, member.cookie);
		socket.send(awarenessFrame(7005, 1, JSON.stringify({ colour: 2, padding: 'x'.repeat(20_000) })));
		await waitFor(() => socket.errors.length === 1, 5000, 'size refusal');
		expect(socket.errors).toEqual([SYNC_ERROR.awarenessRefused]);
		await sleep(120);
		const seen: (number | null)[] = [];
		observer.provider.awareness.on('change', ({ removed }: { removed: number[] }) => {
			if (removed.includes(7005)) seen.push(null);
			const colour = stateOf(observer, 7005)?.colour;
			if (typeof colour === 'number') seen.push(colour);
		});
		socket.send(awarenessFrame(7005, 2, JSON.stringify({ colour: 2 })));
		socket.send(awarenessFrame(7005, 3, JSON.stringify({ colour: 4 })));
		socket.send(awarenessFrame(7005, 4, JSON.stringify({ colour: 5 })));
		socket.send(awarenessFrame(7005, 5, JSON.stringify({ colour: 6 })));
		socket.send(awarenessFrame(7005, 6, JSON.stringify({ colour: 7 })));
		socket.send(awarenessFrame(7005, 7, 'null'));
		await waitFor(() => seen.includes(null), 5000, 'removal');
		expect(seen).toEqual([2, 4, 5, 6, null]);
		// The fifth move (held for the interval) went with the removal: it never comes back.
		await sleep(250);
		expect(seen).toEqual([2, 4, 5, 6, null]);
		expect(stateOf(observer, 7005)).toBeUndefined();
		expect(socket.errors).toEqual([SYNC_ERROR.awarenessRefused]);
	});
});

describe('presence ends (PRES-4)', () => {
	it('PRES-4 closing the socket clears the presence for the others', async () => {
		const { s, owner, member, observer } = await room('editor');
		const socket = await raw(s.server, owner.workspaceRoom, member.cookie);
		socket.send(awarenessFrame(7006, 1, JSON.stringify({ colour: 6, field: 'subject.name' })));
		await waitFor(() => stateOf(observer, 7006) !== undefined, 5000, 'presence');
		socket.ws.terminate();
		await waitFor(() => stateOf(observer, 7006) === undefined, 2000, 'presence cleared');
	});

	it('PRES-4 a person who reconnects is shown again, and cleared at once when they leave after the reconnect', async () => {
		const { s, owner, member, observer } = await room('editor');
		const person = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: member.cookie }));
		renewPresenceOnConnect(person.provider);
		person.provider.awareness.setLocalState({ colour: 3, field: 'subject.name', selection: null });
		const id = person.provider.awareness.clientID;
		await waitFor(() => stateOf(observer, id) !== undefined, 5000, 'presence');
		for (let round = 1; round <= 2; round++) {
			person.provider.disconnect();
			await waitFor(() => stateOf(observer, id) === undefined, 2000, `presence cleared, round ${round}`);
			person.provider.connect();
			// Unmoved since: the same place, shown again without a move.
			await waitFor(() => (stateOf(observer, id) as { field?: string } | undefined)?.field === 'subject.name', 5000, `presence back, round ${round}`);
		}
	});

	it('PRES-6 a person who reconnects sees again the others who did not move meanwhile', async () => {
		const { s, owner, member, observer } = await room('editor');
		renewPresenceOnConnect(observer.provider);
		const person = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: member.cookie }));
		person.provider.awareness.setLocalState({ colour: 3, field: 'subject.name', selection: null });
		const id = person.provider.awareness.clientID;
		await waitFor(() => stateOf(observer, id) !== undefined, 5000, 'presence');
		observer.provider.disconnect();
		await waitFor(() => stateOf(observer, id) === undefined, 2000, 'the others cleared on close');
		observer.provider.connect();
		await waitFor(() => (stateOf(observer, id) as { field?: string } | undefined)?.field === 'subject.name', 3000, 'the unmoved person shown again');
	});

	it('PRES-4 removing a member clears their presence for the others at once, and awareness they send after is dropped', async () => {
		const { s, owner, member, observer } = await room('editor');
		const socket = await raw(s.server, owner.workspaceRoom, member.cookie);
		socket.send(awarenessFrame(7007, 1, JSON.stringify({ colour: 6, field: 'subject.name' })));
		await waitFor(() => stateOf(observer, 7007) !== undefined, 5000, 'presence');
		// The removed member stops reading: presence must not wait for its close handshake.
		socket.pause();
		const removed = await api(s.server, 'DELETE', `/api/subjects/${owner.subjectId}/members/${member.account.id}`, { cookie: owner.cookie });
		expect(removed.status).toBe(204);
		await waitFor(() => stateOf(observer, 7007) === undefined, 1000, 'presence cleared at removal');
		socket.send(awarenessFrame(7008, 1, JSON.stringify({ colour: 1, field: 'subject.remark' })));
		await sleep(300);
		expect(stateOf(observer, 7008)).toBeUndefined();
		expect(stateOf(observer, 7007)).toBeUndefined();
		socket.resume();
		expect(await socket.closed).toBe(CLOSE.forbidden);
	});

	it('PRES-4 a session that expires closes its sockets at once (4401) and its presence goes with it', async () => {
		const s = await servers.start({ sessionLifetimeMs: 2500, sessionTouchIntervalMs: 60_000 });
		const owner = await signUpWithSubject(s.server);
		const observerAccount = await addMember(s.server, owner, 'viewer');
		const started = Date.now();
		const socket = await raw(s.server, owner.workspaceRoom, owner.cookie);
		const observer = watcher(s, owner.workspaceRoom, observerAccount.cookie);
		await waitFor(() => observer.provider.synced, 5000, 'observer synced');
		socket.send(awarenessFrame(7009, 1, JSON.stringify({ colour: 2 })));
		await waitFor(() => stateOf(observer, 7009) !== undefined, 5000, 'presence');
		expect(await socket.closed).toBe(CLOSE.unauthenticated);
		const after = Date.now() - started;
		expect(after).toBeLessThan(4000);
		await waitFor(() => stateOf(observer, 7009) === undefined, 1000, 'presence cleared on expiry');
	});

	it('PRES-4 a session renewed by use meanwhile keeps its socket open past the first end', async () => {
		const s = await servers.start({ sessionLifetimeMs: 1500, sessionTouchIntervalMs: 0 });
		const owner = await signUpWithSubject(s.server);
		const socket = await raw(s.server, owner.workspaceRoom, owner.cookie);
		await sleep(1000);
		expect((await api(s.server, 'GET', '/api/me', { cookie: owner.cookie })).status).toBe(200);
		await sleep(800);
		expect(socket.isOpen).toBe(true);
		expect(await socket.closed).toBe(CLOSE.unauthenticated);
	});
});
