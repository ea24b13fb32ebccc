import { describe, expect, it } from 'vitest';
import { checkSubject } from '../../../../src/lib/domain/subject/subject-rules.ts';
import { acceptsCertificate } from '../../../../src/lib/domain/subject/subject-type.ts';
import type { IsoDate } from '../../../../src/lib/domain/calendar/iso-date.ts';
import { makeIndividual, makeSubject, TODAY } from '../../../support/factories.ts';

const today = TODAY as IsoDate;
const rules = (s: ReturnType<typeof makeSubject>) => checkSubject(s, { today }).map((i) => i.rule);
const address = (detail: string) => ({ province: 'BJ' as const, city: '北京市', district: '海淀区', detail });

describe('subject', () => {
	it('passes a complete enterprise subject', () => {
		expect(checkSubject(makeSubject(), { today })).toEqual([]);
	});
	it('SUBJ-1 refuses a certificate type the subject type does not accept', () => {
		expect(rules(makeSubject({ type: 'government', certificateType: 'business-licence' }))).toContain('SUBJ-1');
		expect(acceptsCertificate('government', 'uscc-certificate')).toBe(true);
		expect(acceptsCertificate('individual', 'uscc-certificate')).toBe(false);
	});
	it('SUBJ-2 requires a door number or the literal "(已为最详细的地址)"', () => {
		expect(rules(makeSubject({ correspondenceAddress: address('中关村大街') }))).toContain('SUBJ-2');
		expect(rules(makeSubject({ correspondenceAddress: address('中关村大街(已为最详细的地址)') }))).not.toContain('SUBJ-2');
		expect(rules(makeSubject({ correspondenceAddress: address('中关村大街十二号') }))).not.toContain('SUBJ-2');
	});
	it('SUBJ-3 warns about special characters in the address', () => {
		expect(rules(makeSubject({ correspondenceAddress: address('中关村大街1号#5') }))).toContain('SUBJ-3');
	});
	it('SUBJ-4 warns when the correspondence address is in another province', () => {
		expect(rules(makeSubject({ correspondenceAddress: { ...address('1号'), province: 'ZJ' } }))).toContain('SUBJ-4');
	});
	it('SUBJ-5 warns when an individual subject and its leader differ', () => {
		expect(rules(makeIndividual())).not.toContain('SUBJ-5');
		expect(rules(makeIndividual({ name: '王五' }))).toContain('SUBJ-5');
	});
	it('SUBJ-6 warns when an individual files outside the province of the ID', () => {
		const s = makeIndividual({ province: 'ZJ', correspondenceAddress: { ...address('1号'), province: 'ZJ' } });
		expect(checkSubject(s, { today }).find((i) => i.rule === 'SUBJ-6')?.params).toMatchObject({ home: 'BJ', province: 'ZJ' });
	});
	it('reports invalid certificate numbers through the identifier rules', () => {
		expect(rules(makeSubject({ certificateNumber: '91110000101623741A' })).length).toBeGreaterThan(0);
	});
});
