import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addWebsite, setWebsiteText } from '../../../src/lib/sync/bindings/websites.ts';
import { setSubjectChoice, setSubjectText } from '../../../src/lib/sync/bindings/subject.ts';
import { ensureLayout } from '../../../src/lib/sync/doc-layout.ts';
import { authorOfValue, decodeSelection, encodeSelection, textOfFieldPath } from '../../../src/lib/sync/presence-fields.ts';
import { elementOfFieldPath, fieldPathOfElement } from '../../../src/lib/domain/presence/field-paths.ts';
import { clientPresenceSchema } from '../../../src/lib/domain/presence/presence.ts';
import { caretAfterSplice, spliceBetween } from '../../../src/lib/sync/text-diff.ts';

describe('presence field paths (PRES-6)', () => {
	it('PRES-6 form element ids map to workspace field paths and back', () => {
		expect(fieldPathOfElement('subject-name', undefined)).toBe('subject.name');
		expect(fieldPathOfElement('subject-correspondenceAddress-detail', undefined)).toBe('subject.correspondenceAddress.detail');
		expect(fieldPathOfElement('website-remarks', 'abc234')).toBe('websites.abc234.remarks');
		expect(fieldPathOfElement('access-region', 'abc234')).toBe('websites.abc234.access.region');
		expect(fieldPathOfElement('website-domain', undefined)).toBeNull();
		expect(fieldPathOfElement('members-role', 'abc234')).toBeNull();
		expect(fieldPathOfElement('subject-', undefined)).toBeNull();
		for (const id of ['subject-leader-mobile', 'website-administrator-name', 'access-serviceCode']) {
			const path = fieldPathOfElement(id, 'abc234');
			expect(path).not.toBeNull();
			expect(elementOfFieldPath(path!)).toBe(id);
		}
	});

	it('PRES-1 a selection travels as relative positions within the presence bounds and resolves on another copy of the doc', () => {
		const a = new Y.Doc();
		ensureLayout(a);
		const id = addWebsite(a);
		expect(id).not.toBeNull();
		setWebsiteText(a, id!, 'remarks', '演示站点');
		const text = textOfFieldPath(a, `websites.${id}.remarks`);
		expect(text?.toString()).toBe('演示站点');
		const selection = encodeSelection(text!, 1, 3);
		expect(clientPresenceSchema.safeParse({ field: `websites.${id}.remarks`, selection }).success).toBe(true);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const other = textOfFieldPath(b, `websites.${id}.remarks`);
		expect(decodeSelection(b, other!, selection)).toEqual({ anchor: 1, head: 3 });
		// A caret is its anchor alone, and resolves to the same index twice.
		const caret = encodeSelection(text!, 2, 2);
		expect(caret.head).toBeUndefined();
		expect(clientPresenceSchema.safeParse({ field: `websites.${id}.remarks`, selection: caret }).success).toBe(true);
		expect(decodeSelection(b, other!, caret)).toEqual({ anchor: 2, head: 2 });
		expect(JSON.stringify(caret).length).toBeLessThan(JSON.stringify(selection).length - 20);
		// Not a position in that text: nothing is drawn.
		expect(decodeSelection(b, textOfFieldPath(b, 'subject.name')!, selection)).toBeNull();
		expect(textOfFieldPath(a, 'subject.province')).toBeNull();
	});

	it('PRES-7 the author of a choice is the client that wrote its current value', () => {
		const a = new Y.Doc();
		ensureLayout(a);
		expect(authorOfValue(a, 'subject.type')).toBeNull();
		setSubjectChoice(a, 'type', 'enterprise');
		expect(authorOfValue(a, 'subject.type')).toBe(a.clientID);
		setSubjectText(a, 'name', '示例');
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setSubjectChoice(b, 'type', 'individual');
		expect(authorOfValue(b, 'subject.type')).toBe(b.clientID);
	});
});

describe('one’s own caret under a collaborator’s edit (PRES-6)', () => {
	it('PRES-6 an edit before the caret moves it along; one after it or at it leaves it', () => {
		const before = '|甲乙';
		const caret = before.length;
		const remoteAtStart = spliceBetween(before, 'AB|甲乙');
		expect(caretAfterSplice(caret, remoteAtStart)).toBe(caret + 2);
		expect(caretAfterSplice(0, remoteAtStart)).toBe(0);
		expect(caretAfterSplice(1, spliceBetween(before, '|甲乙丙'))).toBe(1);
		// Inside a removed range: at the end of what replaced it.
		expect(caretAfterSplice(2, spliceBetween('杭州市西湖区', '杭区'))).toBe(1);
		expect(caretAfterSplice(5, spliceBetween('杭州市西湖区', '杭区'))).toBe(1);
		expect(caretAfterSplice(3, null)).toBe(3);
	});
});
