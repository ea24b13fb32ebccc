import { describe, expect, it } from 'vitest';
import { validateApprovedRecord, approvedContext } from '../../../../src/lib/domain/operation/approved-record.ts';
import { ORDER_VERSION, migrateOrder } from '../../../../src/lib/domain/order/order.ts';
import { isWellFormedServiceCode } from '../../../../src/lib/domain/order/order-checks.ts';
import { validateOrder, validateSubmission } from '../../../../src/lib/domain/order/validate-order.ts';
import { makeApprovedRecord, makeOrder, makeWebsite } from '../../../support/factories.ts';

/** A version 1 order as app version 1 stored it (no acknowledgments, account payloads allowed). */
function version1(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const { acknowledgedWarnings: _a, cancellationReason: _c, ...order } = makeOrder();
	return { ...JSON.parse(JSON.stringify(order)), version: 1, ...overrides };
}

const rulesOf = (issues: readonly { rule: string }[]) => issues.map((i) => i.rule);

describe('order version 2', () => {
	it('DATA-1 upgrades a version 1 order: no warnings acknowledged yet, account payloads gone', () => {
		expect(ORDER_VERSION).toBe(2);
		const result = migrateOrder(version1({ claim: { domain: 'stale.cn' } }));
		expect(result).toMatchObject({ ok: true, value: { version: 2, acknowledgedWarnings: [] } });
		expect(result.ok && 'claim' in result.value).toBe(false);
	});
	it.each(['claim', 'legacy-import', 'email-initialization'])('ORDER-1 refuses (drops) a version 1 order of the account kind %s', (kind) => {
		const result = migrateOrder(version1({ kind }));
		expect(result.ok).toBe(false);
		expect(result.issues).toEqual([expect.objectContaining({ rule: 'ORDER-1', path: ['kind'], params: { kind } })]);
		expect(rulesOf(migrateOrder({ ...makeOrder(), kind }).issues)).toEqual(['ORDER-1']);
	});
	it('DATA-1 keeps the acknowledged warnings and the cancellation reason as part of the order', () => {
		const ack = { rule: 'OP-17', by: 'account-1', at: '2026-11-02T09:30:00+08:00' };
		const order = makeOrder({ kind: 'cancel-website', targetWebsiteIds: ['site-1'], acknowledgedWarnings: [ack], cancellationReason: { code: 'other', text: '网站不再运营' } });
		expect(migrateOrder(JSON.parse(JSON.stringify(order)))).toMatchObject({ ok: true, value: { acknowledgedWarnings: [ack], cancellationReason: { code: 'other', text: '网站不再运营' } } });
		expect(migrateOrder({ ...order, cancellationReason: { code: 'bored' } }).issues[0]).toMatchObject({ rule: 'DATA-1', path: ['cancellationReason', 'code'] });
		expect(migrateOrder({ ...order, acknowledgedWarnings: [{ rule: 'OP-17' }] }).ok).toBe(false);
	});
	it('ORDER-2 a warning not acknowledged blocks sending; acknowledged, it passes', () => {
		const approved = approvedContext(makeApprovedRecord());
		const order = makeOrder({ kind: 'cancel-website', targetWebsiteIds: ['site-1'] });
		expect(rulesOf(validateOrder(order, { approved }).issues)).toContain('OP-17');
		expect(validateOrder(order, { approved }).ok).toBe(true);
		const refused = validateSubmission(order, { approved });
		expect(refused.ok).toBe(false);
		expect(refused.issues).toContainEqual(expect.objectContaining({ rule: 'ORDER-2', severity: 'error', params: { rule: 'OP-17' } }));
		const acknowledged = { ...order, acknowledgedWarnings: [{ rule: 'OP-17', by: 'account-1', at: '2026-11-02T09:30:00+08:00' }] };
		expect(validateSubmission(acknowledged, { approved }).ok).toBe(true);
	});
	it('ORDER-3 a cancellation needs a reason, and "other" needs words', () => {
		const approved = approvedContext(makeApprovedRecord({ websites: [makeWebsite(), makeWebsite({ id: 'site-2', domain: 'two.cn' })] }));
		const cancel = (cancellationReason?: unknown) => ({ ...makeOrder({ kind: 'cancel-website', targetWebsiteIds: ['site-1'] }), cancellationReason });
		expect(rulesOf(validateOrder(cancel(), { approved }).issues)).toContain('ORDER-3');
		expect(rulesOf(validateOrder(cancel({ code: 'other', text: ' ' }), { approved }).issues)).toContain('ORDER-3');
		expect(validateOrder(cancel({ code: 'other', text: '迁移到自建机房' }), { approved })).toMatchObject({ ok: true });
		expect(validateOrder(cancel({ code: 'moving-provider' }), { approved })).toMatchObject({ ok: true });
		expect(rulesOf(validateOrder(cancel({ code: 'other', text: '<b>x</b>' }), { approved }).issues)).toContain('TEXT-2');
	});
	it('ORDER-4 every website names the provider operating this server, when the server names it', () => {
		expect(validateOrder(makeOrder(), { accessProvider: 'aliyun' }).ok).toBe(true);
		const refused = validateOrder(makeOrder(), { accessProvider: '备案示例接入商' });
		expect(refused.issues).toContainEqual(expect.objectContaining({ rule: 'ORDER-4', path: ['websites', 0, 'access', 'provider'], params: { provider: '备案示例接入商' } }));
	});
	it('ORDER-5 a service code is 1–64 letters, digits or hyphens', () => {
		expect(isWellFormedServiceCode('SVC-0001')).toBe(true);
		expect(isWellFormedServiceCode('a'.repeat(64))).toBe(true);
		expect(isWellFormedServiceCode('a'.repeat(65))).toBe(false);
		expect(isWellFormedServiceCode('服务号1')).toBe(false);
		const order = makeOrder({ websites: [makeWebsite({ access: { provider: 'aliyun', serviceCode: 'SVC 0001', ips: ['47.96.1.10'], region: 'cn-hangzhou' } })] });
		expect(validateOrder(order).issues).toContainEqual(expect.objectContaining({ rule: 'ORDER-5', path: ['websites', 0, 'access', 'serviceCode'] }));
	});
	it('APPR-1 an approved record carries a subject number and one website number per website', () => {
		expect(validateApprovedRecord(makeApprovedRecord())).toMatchObject({ ok: true, issues: [] });
		const wrong = makeApprovedRecord({ filingNumbers: { subject: '京ICP备12345678号-1', websites: { 'site-9': '京ICP备12345678号-1' } } });
		const result = validateApprovedRecord(wrong);
		expect(result.ok).toBe(false);
		expect(result.issues.map((i) => i.path)).toEqual([['filingNumbers', 'subject'], ['filingNumbers', 'websites', 'site-9']]);
		expect(validateApprovedRecord({ ...makeApprovedRecord(), shellFiling: 'no' }).issues[0]?.rule).toBe('DATA-1');
	});
});
