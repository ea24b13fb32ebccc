/**
 * Issue 7, findings 1 and 2: one hostile collaborator must not take the server down or poison
 * a room. The crash frame runs against the server as a process (`main.ts`, as in production) so
 * a crash is a process exit; a bystander tenant in another room must keep syncing throughout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { isCovered } from '../../src/lib/sync/persisted.ts';
import { SYNC_ERROR } from '../../src/lib/sync/protocol.ts';
import { checkUpdate } from '../../src/lib/sync/update-bounds.ts';
import { awarenessFrame, deepContentJsonUpdate, deepJson, itemUpdate, SYNC_UPDATE, syncFrame } from '../support/hostile-frames.ts';
import { createPrng } from '../support/prng.ts';
import { openRawSocket } from '../support/raw-socket.ts';
import { addMember, connectClient, signUpWithSubject, useTestServers, waitFor, type ServerAddress } from '../support/server.ts';
import { spawnOurServer, type ServerProcess } from '../support/server-process.ts';
import { connectWireClient, waitSynced, type WireClient } from '../support/sync-wire-client.ts';
import * as encoding from 'lib0/encoding';

const servers = useTestServers();
const processes: { server: ServerProcess; dataDir: string }[] = [];
const wires: WireClient[] = [];
afterEach(async () => {
	for (const w of wires.splice(0)) w.close();
	for (const p of processes.splice(0)) {
		await p.server.stop();
		rmSync(p.dataDir, { recursive: true, force: true });
	}
});

const wsUrl = (server: ServerAddress, room: string) => `${server.url.replace('http', 'ws')}/sync/${room}`;
const headersOf = (server: ServerAddress, cookie: string) => ({ origin: server.url, cookie });

async function wire(server: ServerAddress, room: string, cookie: string): Promise<WireClient> {
	const client = await connectWireClient({ url: wsUrl(server, room), headers: headersOf(server, cookie) });
	wires.push(client);
	await waitSynced(client);
	return client;
}

/** Another tenant (own account and subject) with a writer and a reader in its workspace room. */
async function bystander(server: ServerAddress) {
	const tenant = await signUpWithSubject(server, '旁观者');
	const writer = await wire(server, tenant.workspaceRoom, tenant.cookie);
	const reader = await wire(server, tenant.workspaceRoom, tenant.cookie);
	let round = 0;
	/** One edit: relayed to the reader and acknowledged as durable to the writer. */
	const roundTrip = async () => {
		const value = `round ${++round}`;
		writer.doc.getMap('subject').set('probe', value);
		await waitFor(() => reader.doc.getMap('subject').get('probe') === value, 5000, `bystander edit ${value} relayed`);
		await waitFor(() => writer.durable !== null && isCovered(Y.encodeStateVector(writer.doc), writer.durable), 5000, `bystander edit ${value} durable`);
	};
	return { tenant, writer, reader, roundTrip };
}

async function spawned(): Promise<ServerProcess> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-hostile-'));
	const server = await spawnOurServer({ dataDir, env: { LOG_LEVEL: 'error', REGISTER_LIMIT_PER_IP: '1000/60' } });
	processes.push({ server, dataDir });
	return server;
}

describe('finding 1: a deep awareness state cannot crash the server', () => {
	const cases = [
		{ who: 'viewer', room: 'workspace' },
		{ who: 'owner', room: 'workspace' },
		{ who: 'viewer', room: 'facts' }
	] as const;
	for (const { who, room } of cases) {
		it(`a ${who} in the ${room} room sends awareness nested 50,000 deep; a joiner syncs, the bystander keeps syncing, the process lives`, async () => {
			const process = await spawned();
			const address = { url: process.httpOrigin };
			const others = await bystander(address);
			const owner = await signUpWithSubject(address);
			const cookie = who === 'viewer' ? (await addMember(address, owner, 'viewer')).cookie : owner.cookie;
			const roomName = room === 'workspace' ? owner.workspaceRoom : owner.factsRoom;
			await others.roundTrip();

			const attacker = await openRawSocket(wsUrl(address, roomName), headersOf(address, cookie));
			const frame = awarenessFrame(4242, 1, deepJson(50_000));
			expect(frame.byteLength).toBeGreaterThan(100_000);
			attacker.send(frame);
			await waitFor(() => attacker.errors.length > 0 || !attacker.isOpen, 5000, 'an answer to the deep awareness frame');
			expect(attacker.errors).toEqual([SYNC_ERROR.awarenessRefused]);

			// The greeting of a joiner re-encodes the room's awareness: this is where the old server died.
			const joiner = await wire(address, roomName, owner.cookie);
			expect(joiner.isOpen).toBe(true);
			await others.roundTrip();
			expect(attacker.isOpen).toBe(true);
			const exited = await Promise.race([process.exited.then(() => true), new Promise<false>((done) => setTimeout(() => done(false), 200))]);
			expect(exited, process.stderr()).toBe(false);
		}, 60_000);
	}
});

describe('finding 2: an update that breaks a bound cannot poison a room', () => {
	async function room() {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const editor = await addMember(s.server, owner, 'editor');
		const member = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: editor.cookie }));
		const observer = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		await waitFor(() => member.provider.synced && observer.provider.synced, 5000, 'members synced');
		const attacker = await openRawSocket(wsUrl(s.server, owner.workspaceRoom), headersOf(s.server, owner.cookie));
		return { s, owner, editor, member, observer, attacker };
	}

	it('ContentJSON nested 50,000 deep is refused with update-refused; a member’s later edits are relayed, persisted and acknowledged; joiners sync', async () => {
		const { s, owner, member, observer, attacker } = await room();
		const update = deepContentJsonUpdate(777_777, 50_000);
		expect(update.byteLength).toBeGreaterThan(100_000);
		attacker.send(syncFrame(SYNC_UPDATE, update));
		await waitFor(() => attacker.errors.length > 0 || !attacker.isOpen, 5000, 'an answer to the poison update');
		expect(attacker.errors).toEqual([SYNC_ERROR.updateRefused]);
		expect(attacker.isOpen).toBe(true);

		member.doc.getMap('subject').set('after', '已保存');
		await waitFor(() => observer.doc.getMap('subject').get('after') === '已保存', 5000, 'the member’s edit relayed');
		await waitFor(() => member.saved, 5000, 'the member’s edit acknowledged');
		const joiner = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		await waitFor(() => joiner.doc.getMap('subject').get('after') === '已保存', 5000, 'a joiner synced');
		expect(joiner.closeCodes).toEqual([]);
		expect(joiner.doc.getMap('subject').has('poison')).toBe(false);

		const restarted = servers.adopt(await s.restart());
		const fresh = servers.track(connectClient(restarted.server, owner.workspaceRoom, { cookie: owner.cookie }));
		await waitFor(() => fresh.doc.getMap('subject').get('after') === '已保存', 10_000, 'the edit persisted');
		expect(fresh.doc.getMap('subject').has('poison')).toBe(false);
	});

	it('an update that would leave the room holding more than the pending bound is refused; the room keeps working', async () => {
		const { member, observer, attacker } = await room();
		// Clock 5 of a client the room has never seen: its items wait for clocks 0–4 that never come.
		const gap = itemUpdate(888_888, 5, 'subject', 'later', 4, (e) => encoding.writeVarString(e, 'x'.repeat(300_000)));
		attacker.send(syncFrame(SYNC_UPDATE, gap));
		await waitFor(() => attacker.errors.length > 0, 5000, 'the pending bound');
		expect(attacker.errors).toEqual([SYNC_ERROR.updateRefused]);
		member.doc.getMap('subject').set('still', 'works');
		await waitFor(() => observer.doc.getMap('subject').get('still') === 'works' && member.saved, 5000, 'the room after the refusal');
	});

	it('an update Yjs throws on is refused before it reaches the room: no socket closes, the member’s edits go on being acknowledged', async () => {
		const { s, owner, member, attacker } = await room();
		member.doc.getMap('subject').set('before', '已确认');
		await waitFor(() => member.saved, 5000, 'an acknowledged edit');
		const breaking = updateYjsThrowsOn(member.doc);
		attacker.send(syncFrame(SYNC_UPDATE, breaking));
		await waitFor(() => attacker.errors.length > 0 || !attacker.isOpen, 5000, 'an answer to the breaking update');
		expect(attacker.errors).toEqual([SYNC_ERROR.updateRefused]);
		expect(attacker.isOpen).toBe(true);
		member.doc.getMap('subject').set('after', '之后');
		await waitFor(() => member.saved, 5000, 'a later edit acknowledged');
		expect(member.closeCodes).toEqual([]);
		const fresh = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		await waitFor(() => fresh.doc.getMap('subject').get('after') === '之后', 5000, 'a fresh client');
		expect(fresh.doc.getMap('subject').get('before')).toBe('已确认');
	});
});

/** A mutated update that passes the structural bounds but makes Yjs throw when applied to a copy of `doc` (seeded search). */
function updateYjsThrowsOn(doc: Y.Doc): Uint8Array {
	const source = new Y.Doc();
	const text = new Y.Text();
	source.getMap('subject').set('name2', text);
	text.insert(0, 'hello 世界');
	source.getMap('subject').set('n', 5);
	text.delete(1, 2);
	const valid = Y.encodeStateAsUpdate(source);
	const prng = createPrng(0x0bad5eed);
	for (let attempt = 0; attempt < 100_000; attempt++) {
		const candidate = valid.slice();
		for (let flips = prng.int(1, 3); flips > 0; flips--) candidate[prng.int(0, candidate.length - 1)] = prng.int(0, 255);
		try {
			if (checkUpdate(candidate)) continue;
		} catch {
			continue;
		}
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		try {
			Y.applyUpdate(copy, candidate);
		} catch {
			return candidate;
		}
	}
	throw new Error('no update found that Yjs throws on');
}
