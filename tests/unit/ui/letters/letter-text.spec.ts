import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_DRAFT_ORDER, letterFieldsFor } from '../../../../src/lib/domain/letter/letter-fields.ts';
import { OPERATION_KINDS } from '../../../../src/lib/domain/operation/operation-kind.ts';
import { getLocale, locales, overwriteGetLocale } from '../../../../src/lib/i18n/paraglide/runtime.js';
import { OPERATION_LABELS, dateText, operationText, personRows, subjectRows } from '../../../../src/lib/ui/letters/letter-text.ts';

const inLocale = (locale: (typeof locales)[number]) => overwriteGetLocale(() => locale);
const blankPerson = { name: '', certificateNumber: '', certificateValidUntil: null, mobile: '', email: '' };

describe('letter text', () => {
	const original = getLocale;
	afterEach(() => overwriteGetLocale(original));

	it('PRINT-2 an empty person prints every line blank (empty strings, never "undefined")', () => {
		const rows = personRows(blankPerson);
		expect(rows.map((row) => row.value)).toEqual(['', '', '', '', '', '']);
		expect(rows.every((row) => row.label.length > 0)).toBe(true);
	});

	it('PRINT-2 the subject rows of an empty draft are all blank', () => {
		const empty = {
			certificateNumber: '',
			name: '',
			certificateAddress: '',
			correspondenceAddress: { city: '', district: '', detail: '' },
			investor: '',
			leader: { name: '', certificateNumber: '', mobile: '', emergencyPhone: '', landline: '', email: '' },
			remarks: ''
		};
		const fields = letterFieldsFor(CURRENT_DRAFT_ORDER, { subject: empty, websites: [], orders: [] });
		if (!fields) throw new Error('no fields');
		expect(subjectRows(fields).map((row) => row.value)).toEqual(['', '', '', '', '', '']);
	});

	it('PRINT-7 dates, certificate labels and long-term validity come from the catalogue of the UI language', () => {
		const person = { ...blankPerson, certificateType: 'resident-id-card' as const, certificateValidUntil: 'long-term' as const };
		inLocale('zh-CN');
		expect(dateText({ year: 2026, month: 3, day: 7 })).toBe('2026 年 03 月 07 日');
		expect(personRows(person).map((row) => row.value)).toContain('长期');
		expect(personRows(person).map((row) => row.value)).toContain('居民身份证');
		inLocale('en');
		expect(dateText({ year: 2026, month: 3, day: 7 })).toBe('07 / 03 / 2026');
		expect(personRows(person).map((row) => row.value)).toContain('Long-term');
		expect(dateText(null)).toBe('');
	});

	it.each(locales)('PRINT-7 every operation has its own %s wording, and no operation reads as the generic "filing"', (locale) => {
		inLocale(locale);
		const labels = OPERATION_KINDS.map((kind) => OPERATION_LABELS[kind]());
		expect(new Set(labels).size).toBe(OPERATION_KINDS.length);
		expect(labels).not.toContain(operationText(undefined));
		expect(labels.every((label) => label.trim().length > 0)).toBe(true);
	});
});
