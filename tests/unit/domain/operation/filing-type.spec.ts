import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveFilingType, type FilingFacts } from '../../../../src/lib/domain/operation/filing-type.ts';
import { cancellationConsequences } from '../../../../src/lib/domain/operation/cancellation.ts';

const f = (subjectInMiit: boolean, subjectHere: boolean, siteInMiit: boolean, siteAccessedHere: boolean): FilingFacts => ({
	subjectInMiit, subjectHere, siteInMiit, siteAccessedHere
});

describe('filing type (§3.9)', () => {
	it('TYPE-1 derives a first filing when nothing is filed', () => {
		expect(deriveFilingType(f(false, false, false, false))).toMatchObject({ ok: true, value: 'first-filing', issues: [{ rule: 'TYPE-1' }] });
	});
	it('TYPE-2 derives a new website for a subject filed elsewhere', () => {
		expect(deriveFilingType(f(true, false, false, false))).toMatchObject({ value: 'new-website-subject-elsewhere' });
	});
	it('TYPE-3 derives a new website under a subject filed here', () => {
		expect(deriveFilingType(f(true, true, false, false))).toMatchObject({ value: 'new-website' });
	});
	it('TYPE-4 derives a new access for a subject filed elsewhere', () => {
		expect(deriveFilingType(f(true, false, true, false))).toMatchObject({ value: 'new-access-subject-elsewhere' });
	});
	it('TYPE-5 derives a new access under a subject filed here', () => {
		expect(deriveFilingType(f(true, true, true, false))).toMatchObject({ value: 'new-access' });
	});
	it('TYPE-6 sends filed and accessed sites to change or cancel', () => {
		expect(deriveFilingType(f(true, true, true, true))).toMatchObject({ ok: false, issues: [{ rule: 'TYPE-6' }] });
	});
	it('TYPE-7 refuses contradictory facts', () => {
		expect(deriveFilingType(f(false, true, false, false)).issues[0]?.rule).toBe('TYPE-7');
		expect(deriveFilingType(f(false, false, true, false)).issues[0]?.rule).toBe('TYPE-7');
	});
	it('answers every combination with exactly one outcome and never throws', () => {
		fc.assert(fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (a, b, c, d) => deriveFilingType(f(a, b, c, d)).issues.length === 1));
		expect(deriveFilingType(null as unknown as FilingFacts).ok).toBe(true);
	});
});

describe('cancellation consequences (§3.6)', () => {
	it('OP-16 marks subject and website cancellation as irreversible deletion', () => {
		expect(cancellationConsequences('cancel-subject')).toMatchObject({ deletesRecord: true, numberSurvives: false, removes: 'subject-and-all-websites' });
		expect(cancellationConsequences('cancel-website', { remainingWebsites: 2 })).toMatchObject({ deletesRecord: true, shellRisk: 'none' });
	});
	it('OP-17 flags the shell-subject risk when the last website goes', () => {
		expect(cancellationConsequences('cancel-website', { remainingWebsites: 0 })).toMatchObject({ shellRisk: 'subject', rules: ['OP-16', 'OP-17'] });
	});
	it('OP-18 marks access cancellation as an unlink with shell-website risk', () => {
		expect(cancellationConsequences('cancel-access')).toMatchObject({ deletesRecord: false, numberSurvives: true, shellRisk: 'website' });
		expect(cancellationConsequences('cancel-access', { otherAccessProviders: 1 }).shellRisk).toBe('none');
	});
});
