import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isCovered } from '../../../src/lib/sync/persisted.ts';

describe('isCovered (the "saved on server" test)', () => {
	it('is true only when the durable state has every local update', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		client.getMap('subject').set('province', '浙江');
		expect(isCovered(Y.encodeStateVector(client), Y.encodeStateVector(server))).toBe(false);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
		expect(isCovered(Y.encodeStateVector(client), Y.encodeStateVector(server))).toBe(true);
		client.getMap('subject').set('province', '四川');
		expect(isCovered(Y.encodeStateVector(client), Y.encodeStateVector(server))).toBe(false);
	});

	it('an empty local doc is covered by anything', () => {
		expect(isCovered(Y.encodeStateVector(new Y.Doc()), Y.encodeStateVector(new Y.Doc()))).toBe(true);
	});
});

describe('isSaved (own data durable, the rest delivered by the server)', () => {
	it('counts what the server delivered on this connection, and only that, besides the durable state', async () => {
		const { isSaved, noteDelivered } = await import('../../../src/lib/sync/persisted.ts');
		const author = new Y.Doc();
		const watcher = new Y.Doc();
		const durable = Y.encodeStateVector(new Y.Doc());
		const delivered = new Map<number, number>();
		let relayed: Uint8Array | null = null;
		author.on('update', (update: Uint8Array) => (relayed = update));
		author.getMap('subject').set('name', '甲');
		if (!relayed) throw new Error('no update');
		Y.applyUpdate(watcher, relayed);
		expect(isSaved(Y.encodeStateVector(watcher), durable, delivered)).toBe(false);
		noteDelivered(delivered, relayed);
		expect(isSaved(Y.encodeStateVector(watcher), durable, delivered)).toBe(true);
		// The watcher's own edit is not delivered by anyone: it needs the durable state.
		watcher.getMap('subject').set('province', '浙江');
		expect(isSaved(Y.encodeStateVector(watcher), durable, delivered)).toBe(false);
		expect(isSaved(Y.encodeStateVector(watcher), Y.encodeStateVector(watcher), new Map())).toBe(true);
	});
});
