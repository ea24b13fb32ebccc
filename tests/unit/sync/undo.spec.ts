import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addWebsite, readWebsites, removeWebsite, setWebsiteText, setWebsiteValue } from '../../../src/lib/sync/bindings/websites.ts';
import { readSubject, setSubjectChoice, setSubjectText } from '../../../src/lib/sync/bindings/subject.ts';
import { updateBreaksFieldBounds } from '../../../src/lib/sync/field-bounds-check.ts';
import { UndoState } from '../../../src/lib/state/undo.svelte.ts';
import { createUndo, stepBreaksFieldBounds, undoShortcut } from '../../../src/lib/sync/undo.ts';

const REMOTE = Symbol('provider');

/** Two devices whose updates reach each other at once, as a sync provider would apply them. */
function pair(): { a: Y.Doc; b: Y.Doc } {
	const a = new Y.Doc();
	const b = new Y.Doc();
	a.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(b, u, REMOTE));
	b.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(a, u, REMOTE));
	return { a, b };
}

describe('undo of one’s own edits (UNDO-1)', () => {
	it('UNDO-1 undo reverts only this device’s edits; a collaborator’s edits in between stay', () => {
		const { a, b } = pair();
		const undoA = createUndo(a, 'subject');
		setSubjectText(a, 'name', '杭州示例');
		undoA.stopCapturing();
		setSubjectText(b, 'remarks', '乙的备注');
		setSubjectText(b, 'name', '杭州示例科技');
		expect(setSubjectChoice(a, 'province', 'ZJ')).toEqual([]);
		expect(readSubject(b).value.province).toBe('ZJ');
		undoA.stopCapturing();
		setSubjectText(b, 'investor', '乙');

		undoA.undo();
		expect(readSubject(a).value.province).toBeUndefined();
		expect(readSubject(b).value.province).toBeUndefined();
		expect(readSubject(a).value.remarks).toBe('乙的备注');
		expect(readSubject(a).value.investor).toBe('乙');
		undoA.undo();
		// Only a's characters go; b's "科技", typed after them, stays.
		expect(readSubject(a).value.name).toBe('科技');
		expect(readSubject(b).value.name).toBe('科技');
		expect(undoA.canUndo()).toBe(false);
		undoA.redo();
		expect(readSubject(b).value.name).toBe('杭州示例科技');
	});

	it('UNDO-1 a collaborator’s undo manager never reverts the other device’s edits', () => {
		const { a, b } = pair();
		const undoB = createUndo(b, 'subject');
		setSubjectText(a, 'name', '甲的名称');
		expect(undoB.canUndo()).toBe(false);
		undoB.undo();
		expect(readSubject(b).value.name).toBe('甲的名称');
	});

	it('UNDO-1 undo of a removed website brings it back with its fields, on both devices', () => {
		const { a, b } = pair();
		const undoA = createUndo(a, 'websites');
		const id = addWebsite(a) ?? '';
		setWebsiteText(a, id, 'domain', 'example.cn');
		setWebsiteText(a, id, 'name', '示例网站');
		undoA.stopCapturing();
		removeWebsite(a, id);
		expect(readWebsites(b).value).toEqual([]);
		undoA.undo();
		const back = readWebsites(b).value.find((w) => w.id === id);
		expect(back?.domain).toBe('example.cn');
		expect(back?.name).toBe('示例网站');
	});

	it('UNDO-1 each form undoes its own part: the websites undo leaves the subject alone', () => {
		const { a } = pair();
		const subjectUndo = createUndo(a, 'subject');
		const websitesUndo = createUndo(a, 'websites');
		setSubjectText(a, 'name', '名称');
		addWebsite(a);
		websitesUndo.undo();
		expect(readWebsites(a).value).toEqual([]);
		expect(readSubject(a).value.name).toBe('名称');
		expect(subjectUndo.canUndo()).toBe(true);
	});

	it('UNDO-1 Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, other keys do nothing', () => {
		const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
			undoShortcut({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
		expect(key('z', { ctrlKey: true })).toBe('undo');
		expect(key('z', { metaKey: true })).toBe('undo');
		expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
		expect(key('y', { ctrlKey: true })).toBe('redo');
		expect(key('z')).toBeNull();
		expect(key('z', { ctrlKey: true, altKey: true })).toBeNull();
		expect(key('a', { ctrlKey: true })).toBeNull();
	});
});

describe('undo within the field bounds (ROOM-6)', () => {
	/** a and b each typed the whole of a 100-character name at once; a then deleted b's half. */
	function overfull() {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const undoA = createUndo(a, 'subject');
		setSubjectText(a, 'name', '甲'.repeat(100));
		setSubjectText(b, 'name', '乙'.repeat(100));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b), REMOTE);
		undoA.stopCapturing();
		setSubjectText(a, 'name', '甲'.repeat(100));
		undoA.stopCapturing();
		return { a, b, undoA };
	}

	it('ROOM-6 an undo that would bring back 100 characters as this device\'s own, past the 100 of the name, is refused before it is applied or sent', () => {
		const { a, undoA } = overfull();
		expect(readSubject(a).value.name).toBe('甲'.repeat(100));
		const sent: Uint8Array[] = [];
		a.on('update', (u: Uint8Array) => sent.push(u));
		expect(stepBreaksFieldBounds(a, 'subject', undoA, 'undo')).toBe(true);
		expect(sent).toEqual([]);
		expect(readSubject(a).value.name).toBe('甲'.repeat(100));
		expect(undoA.canUndo()).toBe(true);
		// What the guard spares: the real undo makes exactly an update the server drops.
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
		undoA.undo();
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.some((u) => updateBreaksFieldBounds(server, u))).toBe(true);
	});

	it('ROOM-6 an undo within the bound is not refused, and the check leaves the doc as it was', () => {
		const a = new Y.Doc();
		const undoA = createUndo(a, 'subject');
		setSubjectText(a, 'name', '杭州示例');
		undoA.stopCapturing();
		setSubjectText(a, 'name', '杭州示例科技');
		const before = Y.encodeStateVector(a);
		expect(stepBreaksFieldBounds(a, 'subject', undoA, 'undo')).toBe(false);
		expect(Y.encodeStateVector(a)).toEqual(before);
		expect(undoA.undo()).not.toBeNull();
		expect(readSubject(a).value.name).toBe('杭州示例');
		expect(stepBreaksFieldBounds(a, 'subject', undoA, 'redo')).toBe(false);
	});

	it('ROOM-6 the forms\' undo refuses such a step and says so (refused), keeps it on the stack, and a later step within the bound passes', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const undo = new UndoState(a, 'subject');
		setSubjectText(a, 'name', '甲'.repeat(100));
		setSubjectText(b, 'name', '乙'.repeat(100));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b), REMOTE);
		undo.checkpoint();
		setSubjectText(a, 'name', '甲'.repeat(100));
		undo.checkpoint();
		const sent: Uint8Array[] = [];
		a.on('update', (u: Uint8Array) => sent.push(u));
		expect(undo.undo()).toBe(false);
		expect(undo.refused).toBe(true);
		expect(sent).toEqual([]);
		expect(undo.canUndo).toBe(true);
		setSubjectText(a, 'name', '甲'.repeat(50));
		undo.checkpoint();
		expect(undo.undo()).toBe(true);
		expect(undo.refused).toBe(false);
		expect(readSubject(a).value.name).toBe('甲'.repeat(100));
		undo.destroy();
	});
});

describe('undo after a collaborator removed what it restored (UNDO-1)', () => {
	/**
	 * The sync fuzz's seed 0xfae1e6f9, cut down: a removed website is restored by undo, its
	 * language changed and undone, another edit clears the redo stack, then a collaborator
	 * removes the restored website. Before the fix Yjs collected the restored website's fields
	 * and the next undo threw `Cannot read properties of undefined (reading 'redone')`.
	 */
	it('UNDO-1 the next undo neither throws nor brings back what the collaborator removed', () => {
		const { a, b } = pair();
		const undoA = createUndo(a, 'websites');
		const id = addWebsite(a) ?? '';
		setWebsiteValue(a, id, 'languages', ['zh-Hans']);
		undoA.stopCapturing();
		setWebsiteValue(a, id, 'languages', ['en']);
		undoA.stopCapturing();
		removeWebsite(a, id);
		undoA.stopCapturing();
		undoA.undo();
		setWebsiteValue(a, id, 'languages', ['ja']);
		undoA.stopCapturing();
		undoA.undo();
		expect(readWebsites(b).value.find((w) => w.id === id)?.languages).toEqual(['en']);
		const other = addWebsite(a) ?? '';
		undoA.stopCapturing();
		removeWebsite(b, id);

		expect(undoA.undo()).not.toBeNull();
		expect(readWebsites(a).value.map((w) => w.id)).not.toContain(other);
		expect(() => undoA.undo()).not.toThrow();
		expect(readWebsites(a).value.map((w) => w.id)).not.toContain(id);
		// The same content on both devices; a only encodes it longer (it kept the removed website's structure).
		expect(readWebsites(a).value).toEqual(readWebsites(b).value);
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate(a));
		expect(readWebsites(fresh).value).toEqual(readWebsites(b).value);
	});
});
