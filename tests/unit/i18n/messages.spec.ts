import { describe, expect, it } from 'vitest';
import { m } from '../../../src/lib/i18n/paraglide/messages.js';
import { baseLocale, locales } from '../../../src/lib/i18n/paraglide/runtime.js';

// Guards the Paraglide plugin path: a wrong path compiles "successfully" with no messages.
describe('message catalogues', () => {
	it('are zh-CN first and English second', () => {
		expect(baseLocale).toBe('zh-CN');
		expect(locales).toEqual(['zh-CN', 'en']);
	});

	it('render a translated string in both languages', () => {
		expect(m.subject_name_label({}, { locale: 'zh-CN' })).toBe('主办单位名称');
		expect(m.subject_name_label({}, { locale: 'en' })).toBe('Subject name (主办单位名称)');
	});

	it('fill parameters', () => {
		expect(m.storage_unavailable({ reason: 'QuotaExceededError' }, { locale: 'en' })).toContain('QuotaExceededError');
	});
});
