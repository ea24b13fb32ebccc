import { describe, expect, it } from 'vitest';
import { CAPTURE_ERRORS } from '../../../src/lib/capture/protocol.ts';
import { describeCaptureError } from '../../../src/lib/i18n/capture-errors.ts';
import { m } from '../../../src/lib/i18n/paraglide/messages.js';

describe('capture error messages', () => {
	it('has a distinct zh-CN and English text for every capture error code', () => {
		const texts = CAPTURE_ERRORS.map((code) => describeCaptureError(code));
		expect(new Set(texts).size).toBe(CAPTURE_ERRORS.length);
		for (const locale of ['zh-CN', 'en'] as const) {
			const localized = CAPTURE_ERRORS.map((code) => (m as unknown as Record<string, (i: object, o: object) => string>)[`capture_error_${code.replaceAll('-', '_')}`]?.({}, { locale }));
			expect(localized.every((t) => typeof t === 'string' && t.length > 10)).toBe(true);
			expect(new Set(localized).size).toBe(CAPTURE_ERRORS.length);
		}
	});

	it('tells an iPhone user what to do about HEIC (Most Compatible, or a JPG)', () => {
		expect(m.capture_error_heic_not_decodable({}, { locale: 'zh-CN' })).toContain('兼容性最佳');
		expect(m.capture_error_heic_not_decodable({}, { locale: 'en' })).toContain('Most Compatible');
		expect(m.capture_error_heic_not_decodable({}, { locale: 'en' })).toContain('JPG');
	});
});
