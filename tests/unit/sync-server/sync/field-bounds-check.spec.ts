import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SUBJECT_FIELDS } from '../../../../src/lib/domain/workspace/layout.ts';
import { createRecord, ensureLayout } from '../../../../src/lib/sync/doc-layout.ts';
import { setSubjectText } from '../../../../src/lib/sync/bindings/subject.ts';
import { checkFieldBounds, updateBreaksFieldBounds } from '../../../../sync-server/src/sync/field-bounds-check.ts';
import { layoutRefusal } from '../../../../sync-server/src/sync/layout-refusal.ts';

function roomAndDevice(): { room: Y.Doc; device: Y.Doc } {
	const device = new Y.Doc();
	ensureLayout(device);
	createRecord(device, 'websites', 'w1');
	const room = new Y.Doc();
	Y.applyUpdate(room, Y.encodeStateAsUpdate(device));
	return { room, device };
}

/** What a client that skips the app's bounds sends: a raw Y.Text edit. */
function rawEdit(device: Y.Doc, edit: () => void): Uint8Array {
	const before = Y.encodeStateVector(device);
	edit();
	return Y.encodeStateAsUpdate(device, before);
}

describe('field bounds on the server', () => {
	it('ROOM-6 lets an honest keystroke through on the fast path and keeps the doc within bounds', () => {
		const { room, device } = roomAndDevice();
		const update = rawEdit(device, () => setSubjectText(device, 'name', '杭州示例科技有限公司'));
		expect(updateBreaksFieldBounds(room, update)).toBe(false);
		Y.applyUpdate(room, update);
		expect(checkFieldBounds(room)).toEqual([]);
	});

	it('ROOM-6 drops 200,000 characters in the subject name, and markup in a website field', () => {
		const { room, device } = roomAndDevice();
		const long = rawEdit(device, () => (device.getMap('subject').get('name') as Y.Text).insert(0, '字'.repeat(200_000)));
		expect(updateBreaksFieldBounds(room, long)).toBe(true);
		expect(layoutRefusal(room, long)).toBe('field-bound');
		const other = roomAndDevice();
		const site = other.device.getMap('websites').get('w1') as Y.Map<unknown>;
		const markup = rawEdit(other.device, () => (site.get('name') as Y.Text).insert(0, '<script>x</script>'));
		expect(layoutRefusal(other.room, markup)).toBe('field-bound');
		expect(other.room.getMap('websites').get('w1')).toBeInstanceOf(Y.Map);
	});

	it('ROOM-6 accepts a paste up to the maximum, refuses one character more, and allows line breaks only where multi-line', () => {
		const { room, device } = roomAndDevice();
		const max = SUBJECT_FIELDS.name.max;
		const atMax = rawEdit(device, () => (device.getMap('subject').get('name') as Y.Text).insert(0, 'a'.repeat(max)));
		expect(updateBreaksFieldBounds(room, atMax)).toBe(false);
		Y.applyUpdate(room, atMax);
		expect(updateBreaksFieldBounds(room, rawEdit(device, () => (device.getMap('subject').get('name') as Y.Text).insert(0, 'b')))).toBe(true);
		const fresh = roomAndDevice();
		expect(updateBreaksFieldBounds(fresh.room, rawEdit(fresh.device, () => (fresh.device.getMap('subject').get('remarks') as Y.Text).insert(0, '第一行\n第二行')))).toBe(false);
		const single = roomAndDevice();
		expect(updateBreaksFieldBounds(single.room, rawEdit(single.device, () => (single.device.getMap('subject').get('investor') as Y.Text).insert(0, '甲\n乙')))).toBe(true);
	});

	it('ROOM-6 accepts two honest devices that filled one field concurrently, each within the bound in its own view', () => {
		const { room, device } = roomAndDevice();
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(device));
		const max = SUBJECT_FIELDS.investor.max;
		const first = rawEdit(device, () => setSubjectText(device, 'investor', '甲'.repeat(max)));
		const second = rawEdit(other, () => setSubjectText(other, 'investor', '乙'.repeat(max)));
		expect(layoutRefusal(room, first)).toBeNull();
		Y.applyUpdate(room, first);
		expect(layoutRefusal(room, second)).toBeNull();
		Y.applyUpdate(room, second);
		expect((room.getMap('subject').get('investor') as Y.Text).length).toBe(2 * max);
		// One more character from a device that already has the maximum of its own there: refused.
		Y.applyUpdate(device, Y.encodeStateAsUpdate(room));
		const over = rawEdit(device, () => (device.getMap('subject').get('investor') as Y.Text).insert(0, '丙'));
		expect(layoutRefusal(room, over)).toBe('field-bound');
	});

	it('ROOM-6 refuses an oversized plain value', () => {
		const { room, device } = roomAndDevice();
		const update = rawEdit(device, () => device.getMap('subject').set('type', 'x'.repeat(10_000)));
		expect(updateBreaksFieldBounds(room, update)).toBe(true);
		expect(checkFieldBounds(room)).toEqual([]);
	});
});
