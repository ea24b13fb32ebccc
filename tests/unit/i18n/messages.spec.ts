import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { m } from '../../../src/lib/i18n/paraglide/messages.js';
import { baseLocale, locales, strategy } from '../../../src/lib/i18n/paraglide/runtime.js';

// Guards the Paraglide plugin path: a wrong path compiles "successfully" with no messages.
describe('message catalogues', () => {
	it('are zh-CN first and English second', () => {
		expect(baseLocale).toBe('zh-CN');
		expect(locales).toEqual(['zh-CN', 'en']);
	});

	// The default is zh-CN whatever the browser says; only the person's own choice (kept in
	// localStorage) changes it. The e2e journey checks the same with an English browser.
	it('pick the language from the remembered choice, else zh-CN — never from the browser', () => {
		expect(strategy).toEqual(['localStorage', 'baseLocale']);
	});

	it('render a translated string in both languages', () => {
		expect(m.subject_name_label({}, { locale: 'zh-CN' })).toBe('主办单位名称');
		expect(m.subject_name_label({}, { locale: 'en' })).toBe('Subject name');
	});

	// The rule catalogue may quote Chinese formats (浙ICP备…号); the UI strings are English only.
	it('have no Chinese in the English UI strings', () => {
		const en = JSON.parse(readFileSync(new URL('../../../src/lib/i18n/messages/en.json', import.meta.url), 'utf8')) as Record<string, string>;
		const mixed = Object.entries(en).filter(([, text]) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u.test(text));
		expect(mixed).toEqual([]);
	});

	it('fill parameters', () => {
		expect(m.storage_unavailable({ reason: 'QuotaExceededError' }, { locale: 'en' })).toContain('QuotaExceededError');
	});
});
