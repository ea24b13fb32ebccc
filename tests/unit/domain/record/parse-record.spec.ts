import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod/mini';
import { migrateRecord } from '../../../../src/lib/domain/record/parse-record.ts';
import { migrateAccount } from '../../../../src/lib/domain/account/account.ts';
import { migrateSubject } from '../../../../src/lib/domain/subject/subject.ts';
import { migrateWebsite } from '../../../../src/lib/domain/website/website.ts';
import { migrateOrder } from '../../../../src/lib/domain/order/order.ts';
import { migrateDocumentRef } from '../../../../src/lib/domain/document/document-ref.ts';
import { migratePersonInCharge } from '../../../../src/lib/domain/person/person.ts';
import { makeDocument, makeLeader, makeOrder, makeSubject, makeWebsite } from '../../../support/factories.ts';

describe('records', () => {
	it('DATA-1 refuses a record that does not match its schema, with paths', () => {
		const r = migrateSubject({ ...makeSubject(), province: 'XX' });
		expect(r.ok).toBe(false);
		expect(r.issues[0]).toMatchObject({ rule: 'DATA-1', path: ['province'] });
		expect(migrateAccount('not an object').issues[0]?.rule).toBe('DATA-1');
	});
	it('DATA-2 refuses a record from a newer version', () => {
		const r = migrateAccount({ version: 9, id: 'a', email: 'x@example.com', created: '2026-11-02T09:00:00Z' });
		expect(r.issues[0]).toMatchObject({ rule: 'DATA-2', params: { version: 9, current: 1 } });
	});
	it('upgrades older versions step by step before parsing', () => {
		const schema = z.object({ version: z.literal(2), name: z.string() });
		const r = migrateRecord({ input: { version: 1, title: 'x' }, schema, current: 2, steps: { 1: (old) => ({ name: old.title }) } });
		expect(r).toMatchObject({ ok: true, value: { version: 2, name: 'x' } });
	});
	it('round-trips every aggregate through its migration', () => {
		const account = { version: 1, id: 'acc-1', email: 'a@example.com', created: '2026-11-02T09:00:00+08:00' };
		expect(migrateAccount(account).ok).toBe(true);
		expect(migrateSubject(makeSubject()).ok).toBe(true);
		expect(migrateWebsite(makeWebsite()).ok).toBe(true);
		expect(migratePersonInCharge(makeLeader()).ok).toBe(true);
		expect(migrateDocumentRef(makeDocument()).ok).toBe(true);
		expect(migrateOrder(JSON.parse(JSON.stringify(makeOrder())))).toMatchObject({ ok: true });
	});
	it('never throws on arbitrary input', () => {
		fc.assert(fc.property(fc.anything(), (v) => typeof migrateOrder(v).ok === 'boolean'));
	});
});
