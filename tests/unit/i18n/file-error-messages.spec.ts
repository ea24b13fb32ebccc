import { describe, expect, it } from 'vitest';
import { describeApiError } from '../../../src/lib/i18n/api-errors.ts';
import { m } from '../../../src/lib/i18n/paraglide/messages.js';
import { FILE_ERROR_CODES } from '../../../sync-server/src/files/errors.ts';

describe('upload error messages', () => {
	it('has a localized message for every code /files refuses an upload with, not the generic one', () => {
		for (const code of FILE_ERROR_CODES) {
			const text = describeApiError({ error: code });
			expect(text, code).not.toBe(m.api_error_unknown({ code }));
			expect(text, code).not.toContain(code);
		}
	});

	it('says the quota and structure refusals in zh-CN and English', () => {
		expect(m.api_error_quota_exceeded({}, { locale: 'zh-CN' })).toContain('存储空间');
		expect(m.api_error_quota_exceeded({}, { locale: 'en' })).toContain('storage');
		expect(m.api_error_too_many_uploads({}, { locale: 'zh-CN' })).toContain('上传');
		expect(m.api_error_malformed_file({}, { locale: 'en' })).toContain('appended');
	});
});
