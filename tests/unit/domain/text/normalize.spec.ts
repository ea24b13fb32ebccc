import { describe, expect, it } from 'vitest';
import {
	compactIdentifier,
	stripControlChars,
	toHalfWidth,
	toHalfWidthAscii
} from '$lib/domain/text/normalize.ts';

describe('text normalisation', () => {
	it('ID-1 toHalfWidth folds full-width digits, letters and the ideographic space only', () => {
		expect(toHalfWidth('１２３ＡＢＣｘ\u3000（测试）')).toBe('123ABCx （测试）');
	});

	it('MAIL-1 toHalfWidthAscii also folds full-width punctuation', () => {
		expect(toHalfWidthAscii('ａ＠ｂ．ｃｏｍ＋－')).toBe('a@b.com+-');
	});

	it('ID-1 stripControlChars removes C0/C1 controls, zero-width and bidi characters', () => {
		expect(stripControlChars('1\u00002\u200b3\u202e4\ufeff5\t6\n7\u00858')).toBe('12345678');
	});

	it('ID-1 compactIdentifier refuses non-strings and over-long input without reading it', () => {
		expect(compactIdentifier(42)).toBeUndefined();
		expect(compactIdentifier('1'.repeat(10_000_000))).toBeUndefined();
		expect(compactIdentifier(' １ 2\u200b3 ')).toBe('123');
	});
});
