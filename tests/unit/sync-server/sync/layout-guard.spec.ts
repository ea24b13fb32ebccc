import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RECORD_LAYOUTS } from '../../../../src/lib/domain/workspace/layout.ts';
import { createRecord, ensureLayout, ensureRecordLayout } from '../../../../src/lib/sync/doc-layout.ts';
import { setSubjectText } from '../../../../src/lib/sync/bindings/subject.ts';
import { usesReservedClientsOnlyForLayout } from '../../../../sync-server/src/sync/layout-guard.ts';
import { layoutRefusal } from '../../../../sync-server/src/sync/layout-refusal.ts';

const full = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);

describe('layout guard (reserved client ids)', () => {
	it('ROOM-5 accepts the templates as every device builds them, with edits and deletions', () => {
		const room = new Y.Doc();
		const device = new Y.Doc();
		ensureLayout(device);
		setSubjectText(device, 'name', '杭州示例科技有限公司');
		expect(usesReservedClientsOnlyForLayout(room, full(device))).toBe(true);
		// Another editor replaces a template field (allowed: any editor may); the deleted template item is re-sent.
		device.getMap('subject').set('remarks', 'plain');
		const gcDoc = new Y.Doc();
		Y.applyUpdate(gcDoc, full(device));
		expect(usesReservedClientsOnlyForLayout(room, full(gcDoc))).toBe(true);
		expect(layoutRefusal(room, full(device))).toBeNull();
	});

	it('ROOM-5 refuses other content written as a template client id', () => {
		const hostile = new Y.Doc();
		hostile.clientID = 1;
		hostile.getMap('subject').set('name', 'not a Y.Text');
		expect(usesReservedClientsOnlyForLayout(new Y.Doc(), full(hostile))).toBe(false);
		const other = new Y.Doc();
		other.clientID = 2;
		other.getMap('subject').set('certificateNumber', new Y.Text('x'));
		expect(usesReservedClientsOnlyForLayout(new Y.Doc(), full(other))).toBe(false);
		const unused = new Y.Doc();
		unused.clientID = 7;
		unused.getText('t').insert(0, 'a');
		expect(layoutRefusal(new Y.Doc(), full(unused))).toBe('reserved-client');
	});

	it('ROOM-5 accepts record layout items for the record they derive from, and refuses them elsewhere', () => {
		const layouts = { ...RECORD_LAYOUTS, websites: [...RECORD_LAYOUTS.websites, { version: 2, texts: ['slogan'] }] };
		const room = new Y.Doc();
		createRecord(room, 'websites', 'w1');
		createRecord(room, 'websites', 'w2');
		const device = new Y.Doc();
		Y.applyUpdate(device, full(room));
		const before = Y.encodeStateVector(device);
		ensureRecordLayout(device, 'websites', 'w1', layouts.websites);
		const upgrade = Y.encodeStateAsUpdate(device, before);
		expect(usesReservedClientsOnlyForLayout(room, upgrade, layouts)).toBe(true);
		// Without that layout version, the same items are not the layout's.
		expect(usesReservedClientsOnlyForLayout(room, upgrade)).toBe(false);
		// The derived id of w1 used under w2: refused.
		const misplaced = new Y.Doc();
		Y.applyUpdate(misplaced, full(room));
		const sv = Y.encodeStateVector(misplaced);
		const scratch = new Y.Doc();
		Y.applyUpdate(scratch, full(misplaced));
		scratch.clientID = [...Y.decodeStateVector(Y.encodeStateVector(device)).keys()].find((c) => c >= 2 ** 32) as number;
		(scratch.getMap('websites').get('w2') as Y.Map<unknown>).set('slogan', new Y.Text());
		expect(usesReservedClientsOnlyForLayout(room, Y.encodeStateAsUpdate(scratch, sv), layouts)).toBe(false);
	});
});
