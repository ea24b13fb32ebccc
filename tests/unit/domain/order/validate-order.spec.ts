import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateOrder } from '../../../../src/lib/domain/order/validate-order.ts';
import { makeIndividual, makeOrder, makeOrderWithWebsites, makeSubject, makeWebsite, TODAY } from '../../../support/factories.ts';

describe('validateOrder', () => {
	it('passes the default first filing with only information', () => {
		const r = validateOrder(makeOrder(), { today: TODAY });
		expect(r.ok).toBe(true);
		expect(r.issues.every((i) => i.severity === 'info')).toBe(true);
	});
	it('passes an organisation order with 10 websites', () => {
		expect(validateOrder(makeOrderWithWebsites(10), { today: TODAY }).ok).toBe(true);
	});
	it('collects every issue with paths into the order, errors first', () => {
		const order = makeOrder({
			subject: makeSubject({ name: '' }),
			websites: [makeWebsite(), makeWebsite({ id: 'site-2', name: 'ab', domain: 'b.cn', homepageUrl: 'https://b.cn' })],
			documents: []
		});
		const r = validateOrder(order, { today: TODAY });
		expect(r.ok).toBe(false);
		expect(r.issues).toEqual(expect.arrayContaining([
			expect.objectContaining({ rule: 'TEXT-4', path: ['subject', 'name'] }),
			expect.objectContaining({ rule: 'NAME-1', path: ['websites', 1, 'name'] }),
			expect.objectContaining({ rule: 'DOC-16', path: ['documents'] })
		]));
		expect(r.issues[0]?.severity).toBe('error');
	});
	it('checks attached images', () => {
		const order = makeOrder();
		const first = order.documents[0];
		if (!first) throw new Error('factory attaches documents');
		const blurred = { ...order, documents: [{ ...first, quality: { ...first.quality!, blurScore: 3 } }, ...order.documents.slice(1)] };
		expect(validateOrder(blurred, { today: TODAY }).issues).toContainEqual(expect.objectContaining({ rule: 'IMG-5', path: ['documents', 0, 'quality', 'blurScore'] }));
	});
	it('applies province rules of the filing province', () => {
		const s = makeIndividual({ province: 'GS', correspondenceAddress: { province: 'GS', city: '兰州市', district: '城关区', detail: '1号' } });
		expect(validateOrder(makeOrder({ subject: s, websites: [makeWebsite({ administrator: s.leader })] }), { today: TODAY }).issues.map((i) => i.rule)).toContain('PROV-GS-2');
	});
	it('never throws on arbitrary input, markup or huge strings', () => {
		fc.assert(fc.property(fc.anything(), (v) => typeof validateOrder(v).ok === 'boolean'), { numRuns: 300 });
		const nasty = makeOrder({ subject: makeSubject({ name: '<b>x</b>\u0000' }) });
		expect(validateOrder(nasty, { today: TODAY }).issues.map((i) => i.rule)).toEqual(expect.arrayContaining(['TEXT-1', 'TEXT-2']));
		expect(validateOrder({ ...makeOrder(), subject: { ...makeSubject(), name: 'x'.repeat(10_000_000) } }).issues[0]?.rule).toBe('DATA-1');
	});
	it('never throws when fields of a valid order are replaced by arbitrary strings', () => {
		const base = makeOrder();
		fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (name, detail) => {
			const o = { ...base, subject: { ...base.subject, name, correspondenceAddress: { ...base.subject.correspondenceAddress, detail } }, websites: [{ ...base.websites[0]!, name }] };
			return typeof validateOrder(o, { today: TODAY }).ok === 'boolean';
		}), { numRuns: 300 });
	});
});
