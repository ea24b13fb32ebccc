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
