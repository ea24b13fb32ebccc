/** Where each part of a workspace doc is: which fields hold edits the server has not acknowledged as durable. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRecord, ensureLayout, subjectMap } from '../../../src/lib/sync/doc-layout.ts';
import { pendingCount, savedClocks } from '../../../src/lib/sync/persisted.ts';
import { unsavedFields } from '../../../src/lib/sync/unsaved.ts';

function workspace(): Y.Doc {
	const doc = new Y.Doc();
	ensureLayout(doc);
	return doc;
}

const everything = (doc: Y.Doc) => savedClocks(Y.encodeStateVector(doc), new Map());

describe('unsaved fields', () => {
	it('SAVE-1 a part is saved only when the durable state covers every edit in it; each task speaks for its own fields', () => {
		const doc = workspace();
		createRecord(doc, 'websites', 'site-1', { serviceContent: [] });
		createRecord(doc, 'orders', 'order-1', { kind: 'filing' });
		const acked = everything(doc);
		for (const kind of ['all', 'subject'] as const) expect(unsavedFields(doc, { kind }, acked)).toBe(0);
		expect(pendingCount(Y.encodeStateVector(doc), acked)).toBe(0);

		(subjectMap(doc).get('name') as Y.Text).insert(0, '杭州');
		subjectMap(doc).set('province', 'ZJ');
		const site = doc.getMap('websites').get('site-1') as Y.Map<unknown>;
		site.set('access.ips', ['1.2.3.4']);
		expect(unsavedFields(doc, { kind: 'subject' }, acked)).toBe(2);
		expect(unsavedFields(doc, { kind: 'website', id: 'site-1', part: 'access' }, acked)).toBe(1);
		expect(unsavedFields(doc, { kind: 'website', id: 'site-1', part: 'site' }, acked)).toBe(0);
		expect(unsavedFields(doc, { kind: 'order', orderId: 'order-1' }, acked)).toBe(0);
		expect(unsavedFields(doc, { kind: 'all' }, acked)).toBe(3);
		expect(pendingCount(Y.encodeStateVector(doc), acked)).toBeGreaterThan(0);

		// The server acknowledges: everything is saved again.
		const later = everything(doc);
		expect(unsavedFields(doc, { kind: 'all' }, later)).toBe(0);
		expect(pendingCount(Y.encodeStateVector(doc), later)).toBe(0);
	});

	it('SAVE-1 text typed and deleted again is unsaved until acknowledged (its insertion must reach the server)', () => {
		const doc = workspace();
		const acked = everything(doc);
		const name = subjectMap(doc).get('name') as Y.Text;
		name.insert(0, '临时');
		name.delete(0, 2);
		expect(name.toString()).toBe('');
		expect(unsavedFields(doc, { kind: 'subject' }, acked)).toBe(1);
	});

	it("SAVE-1 a collaborator's edit delivered by the server on this connection counts as saved; our own does not", () => {
		const mine = workspace();
		const theirs = new Y.Doc();
		Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
		const durable = Y.encodeStateVector(mine);
		const delivered = new Map<number, number>();
		theirs.on('update', (update: Uint8Array) => {
			Y.applyUpdate(mine, update, 'server');
			for (const [client, clock] of Y.parseUpdateMeta(update).to) delivered.set(client, clock);
		});
		(subjectMap(theirs).get('name') as Y.Text).insert(0, '他人');
		expect(unsavedFields(mine, { kind: 'subject' }, savedClocks(durable, delivered))).toBe(0);
		subjectMap(mine).set('province', 'BJ');
		expect(unsavedFields(mine, { kind: 'subject' }, savedClocks(durable, delivered))).toBe(1);
		// The documents task: a new attachment reference is unsaved there, not on the subject.
		mine.getMap('attachments').set('a'.repeat(64), { sha256: 'a'.repeat(64) });
		expect(unsavedFields(mine, { kind: 'documents', orderId: 'none' }, savedClocks(durable, delivered))).toBe(1);
	});
});
