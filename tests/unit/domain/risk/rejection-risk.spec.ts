import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assessRejectionRisk } from '../../../../src/lib/domain/risk/rejection-risk.ts';
import { makeLeader, makeOrder, makeSubject, makeWebsite, TODAY } from '../../../support/factories.ts';

const rules = (o = makeOrder(), ctx = {}) => assessRejectionRisk(o, { today: TODAY, ...ctx }).map((i) => i.rule);

describe('rejection risk', () => {
	it('RISK-1 warns when the domain real-name verification is younger than 3 days', () => {
		expect(rules(makeOrder(), { domains: { 'site-1': { verifiedOn: '2026-11-01' } } })).toContain('RISK-1');
		expect(rules(makeOrder(), { domains: { 'site-1': { verifiedOn: '2026-10-01' } } })).not.toContain('RISK-1');
	});
	it('RISK-2 refuses a domain whose holder is not the subject', () => {
		expect(rules(makeOrder(), { domains: { 'site-1': { holderMatchesSubject: false } } })).toContain('RISK-2');
	});
	it('RISK-3 warns when the domain expires within 3 months', () => {
		expect(rules(makeOrder(), { domains: { 'site-1': { expiresOn: '2027-01-01' } } })).toContain('RISK-3');
	});
	it('RISK-4 warns when a new site is already online', () => {
		expect(rules(makeOrder(), { siteOnline: true })).toContain('RISK-4');
	});
	it('RISK-5 refuses an ineligible instance', () => {
		expect(rules(makeOrder(), { instance: { mainland: true, subscription: false, daysBought: 365, daysLeft: 200 } })).toContain('RISK-5');
		expect(rules(makeOrder(), { instance: { mainland: true, subscription: true, daysBought: 365, daysLeft: 200 } })).not.toContain('RISK-5');
	});
	it('RISK-6 warns when a certificate expires within 3 months', () => {
		expect(rules(makeOrder({ subject: makeSubject({ leader: makeLeader({ certificateValidUntil: '2026-12-15' }) }) }))).toContain('RISK-6');
	});
	it('RISK-7 reminds to answer the reviewer call and the 24 h SMS', () => {
		expect(rules()).toContain('RISK-7');
	});
	it('RISK-8 reminds that adding a site re-examines existing data', () => {
		const approved = { subject: makeSubject(), websites: [makeWebsite({ id: 'old' })] };
		expect(rules(makeOrder({ kind: 'new-website' }), { approved })).toContain('RISK-8');
	});
	it('lists validation findings and risks in one call, errors first', () => {
		const order = makeOrder({ websites: [makeWebsite({ name: '赌博' })] });
		const issues = assessRejectionRisk(order, { today: TODAY, siteOnline: true });
		expect(issues.map((i) => i.rule)).toEqual(expect.arrayContaining(['NAME-1', 'NAME-7', 'RISK-4', 'RISK-7']));
		const order2 = issues.map((i) => ({ error: 0, warning: 1, info: 2 })[i.severity]);
		expect(order2).toEqual([...order2].sort((a, b) => a - b));
	});
	it('never throws on arbitrary input', () => {
		fc.assert(fc.property(fc.anything(), (v) => Array.isArray(assessRejectionRisk(v))), { numRuns: 200 });
	});
});
