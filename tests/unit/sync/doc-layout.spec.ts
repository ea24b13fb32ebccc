import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ensureLayout, subjectText } from '../../../src/lib/sync/doc-layout.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('workspace doc layout', () => {
	it('two devices that initialise the same workspace offline keep both texts', () => {
		const phone = new Y.Doc();
		const laptop = new Y.Doc();
		ensureLayout(phone);
		ensureLayout(laptop);
		subjectText(phone, 'name').insert(0, '杭州');
		subjectText(laptop, 'name').insert(0, '科技');
		sync(phone, laptop);
		const merged = subjectText(phone, 'name').toString();
		expect(merged).toHaveLength(4);
		expect(merged).toContain('杭州');
		expect(merged).toContain('科技');
		expect(subjectText(laptop, 'name').toString()).toBe(merged);
	});

	it('is idempotent: applying the layout twice adds nothing', () => {
		const doc = new Y.Doc();
		ensureLayout(doc);
		const before = Y.encodeStateVector(doc);
		ensureLayout(doc);
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});
});
