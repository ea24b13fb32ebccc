import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spliceBetween } from '../../../src/lib/sync/text-diff.ts';

function apply(before: string, splice: ReturnType<typeof spliceBetween>): string {
	if (!splice) return before;
	return before.slice(0, splice.index) + splice.insert + before.slice(splice.index + splice.remove);
}

describe('spliceBetween', () => {
	it('returns null when nothing changed', () => {
		expect(spliceBetween('备案', '备案')).toBeNull();
	});

	it('finds an insertion in the middle', () => {
		expect(spliceBetween('杭州公司', '杭州科技公司')).toEqual({ index: 2, remove: 0, insert: '科技' });
	});

	it('finds a deletion at the end', () => {
		expect(spliceBetween('深圳有限公司', '深圳')).toEqual({ index: 2, remove: 4, insert: '' });
	});

	it('never splits a surrogate pair', () => {
		const splice = spliceBetween('a😀b', 'a😁b');
		expect(splice).toEqual({ index: 1, remove: 2, insert: '😁' });
	});

	it('turns any string into any other (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (before, after) => {
				expect(apply(before, spliceBetween(before, after))).toBe(after);
			})
		);
	});
});
