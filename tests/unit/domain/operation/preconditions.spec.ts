import { describe, expect, it } from 'vitest';
import { checkPreconditions, type OperationContext } from '../../../../src/lib/domain/operation/preconditions.ts';
import type { Order } from '../../../../src/lib/domain/order/order.ts';
import { makeIndividual, makeLeader, makeOrder, makeSubject, makeWebsite } from '../../../support/factories.ts';

const approved = { subject: makeSubject(), websites: [makeWebsite()] };
const rules = (o: Partial<Order>, ctx: OperationContext = { approved }) => checkPreconditions(makeOrder(o), ctx).map((i) => i.rule);

describe('operation preconditions', () => {
	it('OP-1 refuses a second subject on one account', () => {
		expect(rules({}, { accountSubject: { certificateType: 'uscc-certificate', certificateNumber: '91330106673959654P' } })).toContain('OP-1');
		expect(rules({}, { accountSubject: { certificateType: 'uscc-certificate', certificateNumber: '91110000101623741k' } })).not.toContain('OP-1');
	});
	it('OP-2 refuses a second order in flight', () => {
		expect(rules({}, { openOrders: [{ id: 'other', kind: 'change-subject' }] })).toContain('OP-2');
		expect(rules({}, { openOrders: [{ id: 'order-1', kind: 'first-filing' }] })).not.toContain('OP-2');
	});
	it('OP-3 refuses a province change', () => {
		expect(rules({ kind: 'change-subject', subject: makeSubject({ province: 'ZJ' }) })).toContain('OP-3');
	});
	it('OP-4 refuses enterprise to individual', () => {
		expect(rules({ kind: 'change-subject', subject: makeIndividual() })).toContain('OP-4');
	});
	it('OP-5 warns about individual to enterprise', () => {
		expect(checkPreconditions(makeOrder({ kind: 'change-subject' }), { approved: { subject: makeIndividual(), websites: [] } }).map((i) => i.rule)).toContain('OP-5');
	});
	it('OP-6 refuses adding or replacing a domain in a website change', () => {
		expect(rules({ kind: 'change-website', targetWebsiteIds: ['site-1'], websites: [makeWebsite({ domain: 'new.cn' })] })).toContain('OP-6');
		expect(rules({ kind: 'change-website', targetWebsiteIds: ['site-1'] })).not.toContain('OP-6');
	});
	it('OP-7 refuses a change of both name and certificate number', () => {
		expect(rules({ kind: 'change-subject', subject: makeSubject({ name: '新名称有限公司', certificateNumber: '91330106673959654P' }) })).toContain('OP-7');
		expect(rules({ kind: 'change-subject', subject: makeSubject({ name: '新名称有限公司' }) })).not.toContain('OP-7');
	});
	it('OP-8 requires the approved record for change, cancel and access', () => {
		expect(rules({ kind: 'cancel-subject' }, {})).toContain('OP-8');
	});
	it('OP-9 limits websites per order', () => {
		const two = [makeWebsite(), makeWebsite({ id: 'site-2', domain: 'b.cn' })];
		expect(rules({ subject: makeIndividual(), websites: two })).toContain('OP-9');
		expect(rules({ websites: two })).not.toContain('OP-9');
	});
	it('OP-10 requires target websites that exist in the record', () => {
		expect(rules({ kind: 'cancel-website' })).toContain('OP-10');
		expect(rules({ kind: 'cancel-website', targetWebsiteIds: ['nope'] })).toContain('OP-10');
		expect(rules({ kind: 'first-filing', websites: [] })).toContain('OP-10');
	});
	it('OP-11 refuses edits during new access', () => {
		expect(rules({ kind: 'new-access', subject: makeSubject({ name: '别的名称有限公司' }) })).toContain('OP-11');
		expect(rules({ kind: 'new-access' })).not.toContain('OP-11');
	});
	it('OP-12 requires the recorded subject leader for a new website', () => {
		expect(rules({ kind: 'new-website', subject: makeSubject({ leader: makeLeader({ certificateNumber: '11010219840406970X' }) }) })).toContain('OP-12');
	});
	it('OP-16 tells that cancelling a subject deletes it for good', () => {
		expect(rules({ kind: 'cancel-subject' })).toContain('OP-16');
	});
	it('OP-17 warns when cancelling the last website', () => {
		expect(rules({ kind: 'cancel-website', targetWebsiteIds: ['site-1'] })).toContain('OP-17');
	});
	it('OP-18 warns when cancelling the only access', () => {
		expect(rules({ kind: 'cancel-access', targetWebsiteIds: ['site-1'] })).toContain('OP-18');
		expect(checkPreconditions(makeOrder({ kind: 'cancel-access', targetWebsiteIds: ['site-1'] }), { approved: { ...approved, otherAccessProviders: { 'site-1': 1 } } }).map((i) => i.rule)).not.toContain('OP-18');
	});
	it('OP-19 reminds that a new site stays offline until approved', () => {
		expect(rules({}, {})).toContain('OP-19');
	});
});
