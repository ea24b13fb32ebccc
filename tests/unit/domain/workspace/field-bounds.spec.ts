import { describe, expect, it } from 'vitest';
import { boundText, textBoundIssues } from '../../../../src/lib/domain/workspace/field-bounds.ts';
import { SUBJECT_FIELDS, isReservedClientId, recordLayoutClientId } from '../../../../src/lib/domain/workspace/layout.ts';

describe('field bounds (domain)', () => {
	it('ROOM-6 cuts input at the field maximum and says so (TEXT-3)', () => {
		const out = boundText(SUBJECT_FIELDS.name, '字'.repeat(200_000), ['name']);
		expect(out.text).toHaveLength(SUBJECT_FIELDS.name.max);
		expect(out.issues.map((i) => i.rule)).toEqual(['TEXT-3']);
		expect(textBoundIssues(SUBJECT_FIELDS.name, out.text)).toEqual([]);
	});

	it('ROOM-6 refuses markup brackets and control characters, keeps the rest (TEXT-1, TEXT-2)', () => {
		const out = boundText(SUBJECT_FIELDS.name, '<b>杭州</b>\u200b科技\n');
		expect(out.text).toBe('b杭州/b科技');
		expect(out.issues.map((i) => i.rule).sort()).toEqual(['TEXT-1', 'TEXT-2']);
		expect(boundText(SUBJECT_FIELDS.remarks, '第一行\n第二行').text).toBe('第一行\n第二行');
	});

	it('ROOM-6 does not split a surrogate pair when cutting', () => {
		const out = boundText({ kind: 'text', max: 3, multiline: false }, 'ab😀');
		expect(out.text).toBe('ab');
	});

	it('ROOM-5 reserves template ids and derived record layout ids, never a random 32-bit id', () => {
		expect(isReservedClientId(1)).toBe(true);
		expect(isReservedClientId(1024)).toBe(false);
		expect(isReservedClientId(2 ** 32 - 1)).toBe(false);
		const a = recordLayoutClientId('websites', 'w1', 2);
		expect(isReservedClientId(a)).toBe(true);
		expect(Number.isSafeInteger(a)).toBe(true);
		expect(recordLayoutClientId('websites', 'w1', 2)).toBe(a);
		expect(recordLayoutClientId('websites', 'w2', 2)).not.toBe(a);
		expect(recordLayoutClientId('websites', 'w1', 3)).not.toBe(a);
	});
});
