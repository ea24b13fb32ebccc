import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, SERVER_ERROR_CODES } from '../../../src/lib/domain/api-errors.ts';
import { API_ERROR_MESSAGES, describeApiError } from '../../../src/lib/i18n/api-errors.ts';
import { m } from '../../../src/lib/i18n/paraglide/messages.js';
import { overwriteGetLocale, type Locale } from '../../../src/lib/i18n/paraglide/runtime.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../src/lib/i18n/messages/${path}`, import.meta.url), 'utf8')) as Record<string, string>;
/** The main catalogue and the areas' own (`messages/<area>/<locale>.json`, see project.inlang/settings.json). */
const catalogue = (locale: Locale) => ({ ...read(`${locale}.json`), ...read(`orders/${locale}.json`) });

/** Renders the table's message for `code` in `locale` (the message functions read the current locale). */
function render(code: (typeof API_ERROR_CODES)[number], locale: Locale): string {
	overwriteGetLocale(() => locale);
	try {
		return API_ERROR_MESSAGES[code]({ error: code, unknownCode: 'newer-code' });
	} finally {
		overwriteGetLocale(() => 'zh-CN');
	}
}

// The table `satisfies Record<ApiErrorCode, …>` (svelte-check fails on a missing code); this
// checks at run time that every entry renders real, distinct text in both languages.
describe('API error messages', () => {
	it('has exactly one entry per shared code', () => {
		expect(Object.keys(API_ERROR_MESSAGES).sort()).toEqual([...API_ERROR_CODES].sort());
	});

	for (const locale of ['zh-CN', 'en'] as const) {
		it(`renders a non-empty ${locale} message for every code, never the code itself`, () => {
			for (const code of API_ERROR_CODES) {
				const text = render(code, locale);
				expect(text.trim(), code).not.toBe('');
				expect(text, code).not.toContain(code);
			}
		});
	}

	it('has a catalogue entry in both languages behind every server code (not the generic one)', () => {
		const zh = catalogue('zh-CN');
		const en = catalogue('en');
		for (const code of SERVER_ERROR_CODES) {
			const key = `api_error_${code.replaceAll('-', '_')}`;
			expect(zh[key], `zh-CN ${key}`).toMatch(/\S/);
			expect(en[key], `en ${key}`).toMatch(/\S/);
			expect(describeApiError({ error: code }), code).not.toBe(m.api_error_unknown({ code }));
		}
	});

	it('speaks zh-CN by default and English when chosen', () => {
		expect(render('session-not-found', 'zh-CN')).toBe('该设备已经退出登录。');
		expect(render('session-not-found', 'en')).toBe('That device is already signed out.');
	});

	it('names a code it does not know in the generic message', () => {
		expect(describeApiError({ error: 'brand-new-code' })).toBe(m.api_error_unknown({ code: 'brand-new-code' }));
		expect(describeApiError({ error: 'unknown-error', unknownCode: 'brand-new-code' })).toBe(m.api_error_unknown({ code: 'brand-new-code' }));
	});

	it('puts the wait into the rate-limit message', () => {
		expect(describeApiError({ error: 'rate-limited', retryAfterSeconds: 42 })).toContain('42');
	});
});
