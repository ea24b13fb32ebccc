/**
 * Bad input (issue 3): any string — empty, 10 MB, control characters, markup, full-width
 * digits, mixed scripts — and any non-string gets a typed result from every part-1 parser,
 * never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '$lib/domain/contact/email.ts';
import { parseLandline, parseMobile } from '$lib/domain/contact/phone.ts';
import { parseDomain } from '$lib/domain/domain-name/domain.ts';
import { parseFilingNumber } from '$lib/domain/filing-number/filing-number.ts';
import { parseCertificateNumber } from '$lib/domain/identity/certificate-number.ts';
import { parseResidentId } from '$lib/domain/identity/resident-id.ts';
import { parseUscc } from '$lib/domain/identity/uscc.ts';
import { addBusinessDays, businessDaysBetween, isBusinessDay } from '$lib/domain/calendar/business-days.ts';
import { deadlineFor, type DeadlineKind } from '$lib/domain/calendar/deadlines.ts';
import { transition } from '$lib/domain/lifecycle/order-lifecycle.ts';
import type { Result } from '$lib/domain/result.ts';

const parsers: Record<string, (input: unknown) => Result<unknown>> = {
	'ID-1': (i) => parseResidentId(i),
	'USCC-1': parseUscc,
	'CERT-7': (i) => parseCertificateNumber('military-unit-code', i),
	'PHONE-1': parseMobile,
	'PHONE-5': parseLandline,
	'MAIL-1': parseEmail,
	'DOMAIN-1': (i) => parseDomain(i),
	'FNUM-1': (i) => parseFilingNumber(i),
	'CAL-3': (i) => addBusinessDays(i, 1),
	'LIFE-10': (i) => transition(i, i)
};

function expectTyped(r: Result<unknown>): void {
	expect(typeof r.ok).toBe('boolean');
	expect(Array.isArray(r.issues)).toBe(true);
	if (!r.ok) expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
}

const TEN_MB = '1'.repeat(10 * 1024 * 1024);
const nasty: unknown[] = [
	'',
	' ',
	TEN_MB,
	'\u0000\u0001\u001f\u007f\u0085\u200b\u202e\ufeff',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'１２３４５６７８９０',
	'ＡＢＣ\u3000ｄｅｆ',
	'Ωмир中文عربي😀𝟘',
	'\ud800',
	'a'.repeat(300),
	null,
	undefined,
	0,
	Number.NaN,
	{},
	[],
	Symbol('x'),
	() => 1
];

describe('bad input never throws', () => {
	for (const [rule, parse] of Object.entries(parsers)) {
		it(`${rule} returns a typed result for hostile and huge input`, () => {
			for (const input of nasty) expectTyped(parse(input));
		});

		it(`${rule} returns a typed result for arbitrary strings`, () => {
			fc.assert(
				fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
					expectTyped(parse(s));
				}),
				{ numRuns: 200 }
			);
		});
	}

	it('CAL-3 calendar helpers and deadlines accept anything', () => {
		for (const input of nasty) {
			expect(typeof isBusinessDay(input)).toBe('boolean');
			expectTyped(businessDaysBetween(input, input));
			expectTyped(deadlineFor({ kind: input as DeadlineKind, start: input as string }));
			expectTyped(deadlineFor({ kind: 'sms-verification', start: input as string }));
			expectTyped(deadlineFor({ kind: 'administration-review', start: '2026-03-02', province: input as 'ZJ' }));
			expectTyped(deadlineFor(input as never));
		}
	});

	it('ID-1 a 10 MB input is refused quickly', () => {
		const started = performance.now();
		for (const parse of Object.values(parsers)) parse(TEN_MB);
		expect(performance.now() - started).toBeLessThan(1000);
	});
});
