import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFreeText } from '../../../../src/lib/domain/text/sanitize.ts';

const rules = (v: unknown, o = {}) => checkFreeText(v, o).map((i) => i.rule);

describe('free text', () => {
	it('TEXT-1 refuses control and invisible characters, and line breaks in single-line fields', () => {
		expect(rules('北京\u0000示例')).toContain('TEXT-1');
		expect(rules('北京\u200B示例')).toContain('TEXT-1');
		expect(rules('第一行\n第二行')).toContain('TEXT-1');
		expect(rules('第一行\n第二行', { multiline: true })).not.toContain('TEXT-1');
	});
	it('TEXT-2 refuses markup', () => {
		expect(rules('<script>alert(1)</script>')).toContain('TEXT-2');
		expect(rules('示例&amp;公司')).toContain('TEXT-2');
		expect(rules('a < b 且 c > d')).not.toContain('TEXT-2');
	});
	it('TEXT-3 refuses text longer than the field allows, even 10 MB', () => {
		const issues = checkFreeText('字'.repeat(10 * 1024 * 1024), { max: 50 });
		expect(issues.map((i) => i.rule)).toEqual(['TEXT-3']);
		expect(issues[0]?.params).toMatchObject({ max: 50 });
	});
	it('TEXT-4 reports an empty required field, and nothing for an optional one', () => {
		expect(rules('  ', { required: true, path: ['name'] })).toEqual(['TEXT-4']);
		expect(rules(undefined)).toEqual([]);
	});
	it('never throws on any input', () => {
		fc.assert(fc.property(fc.anything(), fc.boolean(), (v, required) => Array.isArray(checkFreeText(v, { required, max: 10 }))));
	});
});
