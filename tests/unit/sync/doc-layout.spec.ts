import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LAYOUT_TEMPLATES, RECORD_LAYOUTS, isReservedClientId, recordLayoutClientId } from '../../../src/lib/domain/workspace/layout.ts';
import { createRecord, ensureLayout, ensureRecordLayout, recordMap, subjectMap, templateUpdate } from '../../../src/lib/sync/doc-layout.ts';
import { readSubject, setSubjectText } from '../../../src/lib/sync/bindings/subject.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The published templates' bytes. A change here means a published template changed: add a new template instead. */
const PINNED: Record<number, string> = {
	1: '010101002701077375626a656374046e616d650200',
	2:
		'010d02002701077375626a6563741163657274696669636174654e756d626572022701077375626a65637412636572746966696361746541646472657373022701077375626a6563741a636f72726573706f6e64656e6365416464726573732e63697479022701077375626a6563741e636f72726573706f6e64656e6365416464726573732e6469737472696374022701077375626a6563741c636f72726573706f6e64656e6365416464726573732e64657461696c022701077375626a65637408696e766573746f72022701077375626a6563740b6c65616465722e6e616d65022701077375626a656374186c65616465722e63657274696669636174654e756d626572022701077375626a6563740d6c65616465722e6d6f62696c65022701077375626a656374156c65616465722e656d657267656e637950686f6e65022701077375626a6563740f6c65616465722e6c616e646c696e65022701077375626a6563740c6c65616465722e656d61696c022701077375626a6563740772656d61726b730200'
};

describe('workspace doc layout', () => {
	it('pins the encoded bytes of every published template', () => {
		expect(LAYOUT_TEMPLATES.map((t) => t.clientId)).toEqual(Object.keys(PINNED).map(Number));
		for (const template of LAYOUT_TEMPLATES) expect(hex(templateUpdate(template)), `template ${template.clientId}`).toBe(PINNED[template.clientId]);
	});

	it('keeps template field lists frozen', () => {
		expect(Object.isFrozen(LAYOUT_TEMPLATES)).toBe(true);
		for (const template of LAYOUT_TEMPLATES) expect(Object.isFrozen(template.texts)).toBe(true);
		expect(Object.isFrozen(RECORD_LAYOUTS.websites[0]?.texts)).toBe(true);
	});

	it('reads a doc built by template 1 as published (fixture) and adds the newer templates to it', () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL('../../fixtures/workspace/template-1-doc.bin', import.meta.url))));
		const before = readSubject(doc);
		expect(before.issues).toEqual([]);
		expect(before.value.name).toBe('杭州示例科技有限公司');
		ensureLayout(doc);
		expect(subjectMap(doc).get('remarks')).toBeInstanceOf(Y.Text);
		expect(setSubjectText(doc, 'certificateAddress', '杭州市西湖区')).toEqual([]);
		const after = readSubject(doc);
		expect(after.value).toMatchObject({ name: '杭州示例科技有限公司', certificateAddress: '杭州市西湖区' });
		expect(after.issues).toEqual([]);
	});

	it('two devices that initialise the same workspace offline keep both texts', () => {
		const phone = new Y.Doc();
		const laptop = new Y.Doc();
		ensureLayout(phone);
		ensureLayout(laptop);
		setSubjectText(phone, 'name', '杭州');
		setSubjectText(laptop, 'remarks', '科技');
		setSubjectText(laptop, 'name', '科技');
		sync(phone, laptop);
		const merged = readSubject(phone).value.name;
		expect(merged).toHaveLength(4);
		expect(merged).toContain('杭州');
		expect(merged).toContain('科技');
		expect(readSubject(laptop).value).toEqual(readSubject(phone).value);
		expect(readSubject(phone).value.remarks).toBe('科技');
	});

	it('is idempotent: applying the layout twice adds nothing', () => {
		const doc = new Y.Doc();
		ensureLayout(doc);
		const before = Y.encodeStateVector(doc);
		ensureLayout(doc);
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});

	it('gives a device whose random client id is reserved an id of its own', () => {
		const doc = new Y.Doc();
		doc.clientID = 1;
		ensureLayout(doc);
		expect(isReservedClientId(doc.clientID)).toBe(false);
		setSubjectText(doc, 'name', '甲');
		expect(readSubject(doc).value.name).toBe('甲');
	});

	it('creates a record with every Y.Text of the current layout in one transaction', () => {
		const doc = new Y.Doc();
		let transactions = 0;
		doc.on('afterTransaction', () => (transactions += 1));
		createRecord(doc, 'websites', 'w1');
		expect(transactions).toBe(1);
		const site = recordMap(doc, 'websites', 'w1');
		for (const key of RECORD_LAYOUTS.websites[0]?.texts ?? []) expect(site?.get(key), key).toBeInstanceOf(Y.Text);
	});

	it('adds a later record layout version identically on two offline devices', () => {
		// A version 2 as a later release would add it: the same mechanism, exercised here.
		const layouts = [...RECORD_LAYOUTS.websites, { version: 2, texts: ['slogan'] }];
		const origin = new Y.Doc();
		createRecord(origin, 'websites', 'w1');
		const phone = new Y.Doc();
		const laptop = new Y.Doc();
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(origin));
		Y.applyUpdate(laptop, Y.encodeStateAsUpdate(origin));
		{
			ensureRecordLayout(phone, 'websites', 'w1', layouts);
			ensureRecordLayout(laptop, 'websites', 'w1', layouts);
			ensureRecordLayout(laptop, 'websites', 'w1', layouts);
			const id = recordLayoutClientId('websites', 'w1', 2);
			expect(isReservedClientId(id)).toBe(true);
			expect(hex(Y.encodeStateAsUpdate(phone, Y.encodeStateVector(origin)))).toBe(hex(Y.encodeStateAsUpdate(laptop, Y.encodeStateVector(origin))));
			(recordMap(phone, 'websites', 'w1')?.get('slogan') as Y.Text).insert(0, '好');
			(recordMap(laptop, 'websites', 'w1')?.get('slogan') as Y.Text).insert(0, '站');
			sync(phone, laptop);
			const text = (recordMap(phone, 'websites', 'w1')?.get('slogan') as Y.Text).toString();
			expect(text).toHaveLength(2);
			expect((recordMap(laptop, 'websites', 'w1')?.get('slogan') as Y.Text).toString()).toBe(text);
		}
	});

	it('ORDER-3 adds the order layout version 2 (cancellation reason text) to a version 1 order as pinned, derived-client bytes', () => {
		expect(RECORD_LAYOUTS.orders.map((l) => [l.version, [...l.texts]])).toEqual([[1, []], [2, ['cancellationReason.text']]]);
		const origin = new Y.Doc();
		origin.clientID = 5000;
		origin.transact(() => {
			const order = new Y.Map<unknown>();
			order.set('id', 'o1');
			order.set('layout', 1);
			origin.getMap('orders').set('o1', order);
		});
		const phone = new Y.Doc();
		const laptop = new Y.Doc();
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(origin));
		Y.applyUpdate(laptop, Y.encodeStateAsUpdate(origin));
		ensureRecordLayout(phone, 'orders', 'o1');
		ensureRecordLayout(laptop, 'orders', 'o1');
		const added = hex(Y.encodeStateAsUpdate(phone, Y.encodeStateVector(origin)));
		expect(added).toBe(hex(Y.encodeStateAsUpdate(laptop, Y.encodeStateVector(origin))));
		expect(added).toBe(PINNED_ORDER_V2);
		expect(recordMap(phone, 'orders', 'o1')?.get('cancellationReason.text')).toBeInstanceOf(Y.Text);
		const created = new Y.Doc();
		createRecord(created, 'orders', 'o2');
		expect(recordMap(created, 'orders', 'o2')?.get('cancellationReason.text')).toBeInstanceOf(Y.Text);
		expect(recordMap(created, 'orders', 'o2')?.get('layout')).toBe(2);
	});
});

/** The items order layout version 2 adds to order `o1` (client id derived from the record id). */
const PINNED_ORDER_V2 = '0101f68d87fcdf0f0027008827001763616e63656c6c6174696f6e526561736f6e2e746578740200';
