import { describe, expect, it } from 'vitest';
import { checkLeaderAdminPair, checkPerson } from '../../../../src/lib/domain/person/person-rules.ts';
import { checkProvinceRules } from '../../../../src/lib/domain/province/province-check.ts';
import type { IsoDate } from '../../../../src/lib/domain/calendar/iso-date.ts';
import { makeAdmin, makeLeader, makeOrder, makeSubject, TODAY } from '../../../support/factories.ts';

const today = TODAY as IsoDate;
const rules = (p: ReturnType<typeof makeLeader>) => checkPerson(p, { today }).map((i) => i.rule);

describe('persons in charge', () => {
	it('passes a complete person', () => {
		expect(checkPerson(makeLeader(), { today })).toEqual([]);
	});
	it('PERSON-1 refuses an organisation certificate for a person', () => {
		expect(rules(makeLeader({ certificateType: 'business-licence' }))).toContain('PERSON-1');
	});
	it('PERSON-2 refuses an expired certificate', () => {
		expect(rules(makeLeader({ certificateValidUntil: '2026-11-01' }))).toContain('PERSON-2');
		expect(rules(makeLeader({ certificateValidUntil: '2026-11-02' }))).not.toContain('PERSON-2');
	});
	it('PERSON-3 asks for the validity date when it is missing', () => {
		const { certificateValidUntil: _omit, ...rest } = makeLeader();
		expect(rules(rest)).toContain('PERSON-3');
	});
	it('PERSON-4 warns when the emergency phone is the own mobile', () => {
		expect(rules(makeLeader({ emergencyPhone: '138 0013 8000' }))).toContain('PERSON-4');
	});
	it('PERSON-5 refuses shared mobile or e-mail between different people', () => {
		const leader = makeLeader();
		const shared = checkLeaderAdminPair(leader, makeAdmin({ mobile: leader.mobile, email: 'LEADER@example.com' }), ['administrator']);
		expect(shared.map((i) => [i.rule, i.path.at(-1)])).toEqual([['PERSON-5', 'mobile'], ['PERSON-5', 'email']]);
		expect(checkLeaderAdminPair(leader, { ...leader }, [])).toEqual([]);
	});
	it('PERSON-6 warns about a person under 18 where the province has no age rule', () => {
		const minor = makeLeader({ birthDate: '2010-01-01' });
		const order = makeOrder({ subject: makeSubject({ leader: minor }) });
		expect(checkProvinceRules({ order, today }).map((i) => i.rule)).toContain('PERSON-6');
	});
	it('reports malformed phones and e-mails through the contact rules', () => {
		expect(rules(makeLeader({ mobile: '12345', email: 'not-an-email' })).length).toBeGreaterThanOrEqual(2);
		expect(rules(makeLeader({ mobile: '' }))).toContain('TEXT-4');
	});
});
