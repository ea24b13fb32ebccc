/**
 * What an honest client does when the server refuses one of its updates (src/lib/sync/refusal.ts),
 * with real y-websocket clients and the real server: every later update of its client id
 * depends on the dropped one, so it rebuilds from the server's state under a new client id and
 * re-applies its values — and then the sender's later edits reach the server and are
 * acknowledged.
 */
import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { ensureLayout } from '../../src/lib/sync/doc-layout.ts';
import { MESSAGE_ERROR, SYNC_ERROR } from '../../src/lib/sync/protocol.ts';
import { recoverFromRefusal } from '../../src/lib/sync/refusal.ts';
import { connectClient, signUpWithSubject, useTestServers, waitFor, webSocketWithHeaders } from '../support/server.ts';

const servers = useTestServers();

/** A map value nested `depth` deep: Yjs writes it as ContentAny, over the server's depth bound. */
function nested(depth: number): unknown {
	let value: unknown = 'bottom';
	for (let i = 0; i < depth; i++) value = { inner: value };
	return value;
}

describe('a refused update: the sender rebuilds and syncs again', () => {
	it('keeps its text and values, drops the refused value, and its later edits are relayed and acknowledged', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const sender = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		const observer = servers.track(connectClient(s.server, owner.workspaceRoom, { cookie: owner.cookie }));
		const errors: string[] = [];
		sender.provider.messageHandlers[MESSAGE_ERROR] = (_encoder, decoder) => void errors.push(decoding.readVarString(decoder));
		await waitFor(() => sender.provider.synced && observer.provider.synced, 5000, 'synced');
		const subject = sender.doc.getMap('subject');
		ensureLayout(sender.doc);
		(subject.get('name') as Y.Text).insert(0, '原名');
		subject.set('city', '杭州');
		await waitFor(() => sender.saved, 5000, 'a first edit acknowledged');

		subject.set('deep', nested(20));
		await waitFor(() => errors.includes(SYNC_ERROR.updateRefused), 5000, 'update-refused');
		// Later edits of the same client id depend on the refused one: the server cannot take them.
		subject.set('phone', '0571-12345678');
		const name = subject.get('name') as Y.Text;
		name.insert(name.length, '科技');
		await new Promise((r) => setTimeout(r, 300));
		expect(observer.doc.getMap('subject').get('phone')).toBeUndefined();
		expect(sender.saved).toBe(false);

		sender.provider.disconnect();
		const rebuilt = await recoverFromRefusal(sender.doc, {
			serverUrl: s.server.url.replace('http', 'ws'),
			room: owner.workspaceRoom,
			WebSocketPolyfill: webSocketWithHeaders({ origin: s.server.url, cookie: owner.cookie })
		});
		expect(rebuilt.clientID).not.toBe(sender.doc.clientID);
		expect(rebuilt.getMap('subject').has('deep')).toBe(false);

		const again = servers.track(connectClient(s.server, owner.workspaceRoom, { doc: rebuilt, cookie: owner.cookie }));
		await waitFor(() => again.saved, 5000, 'the rebuilt doc acknowledged');
		const seen = () => observer.doc.getMap('subject');
		await waitFor(() => seen().get('phone') === '0571-12345678', 5000, 'the value typed after the refusal');
		expect(String(seen().get('name'))).toBe('原名科技');
		expect(seen().get('city')).toBe('杭州');
		expect(seen().has('deep')).toBe(false);

		rebuilt.getMap('subject').set('province', '浙江');
		(rebuilt.getMap('subject').get('name') as Y.Text).insert(0, '杭州');
		await waitFor(() => seen().get('province') === '浙江' && String(seen().get('name')) === '杭州原名科技', 5000, 'a later edit relayed');
		await waitFor(() => again.saved, 5000, 'the later edit acknowledged');
		expect(again.closeCodes).toEqual([]);
	});
});
