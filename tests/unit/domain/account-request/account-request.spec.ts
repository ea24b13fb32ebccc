import { describe, expect, it } from 'vitest';
import { AccountRequestSchema, accountRequestDocuments, validateAccountRequest } from '../../../../src/lib/domain/account-request/account-request.ts';
import { makeAccountRequest } from '../../../support/factories.ts';

const base = { version: 1, id: 'r1', created: '2026-11-02T09:00:00+08:00', documents: [] };
const rules = (input: unknown) => validateAccountRequest(input).issues.map((i) => i.rule);

describe('account requests (AccountRequestSchema)', () => {
	it('ORDER-1 an account request needs no subject: an e-mail initialization with its documents is valid', () => {
		const result = validateAccountRequest(makeAccountRequest());
		expect(result).toMatchObject({ ok: true, issues: [] });
		expect(result.ok && 'subject' in result.value).toBe(false);
	});
	it('ORDER-1 the legacy import never holds the password, even when one is given', () => {
		const parsed = AccountRequestSchema.safeParse({ ...base, kind: 'legacy-import', legacyImport: { loginId: 'old-login', password: 'secret' }, password: 'secret' });
		expect(parsed.success).toBe(true);
		expect(JSON.stringify(parsed.data)).not.toContain('secret');
		expect(accountRequestDocuments(parsed.data as never)).toEqual([]);
	});
	it('OP-13 requires the domain of a claim', () => {
		expect(rules({ ...base, kind: 'claim', claim: { domain: '' } })).toContain('OP-13');
	});
	it('OP-14 requires the old login of a legacy import', () => {
		expect(rules({ ...base, kind: 'legacy-import', legacyImport: { loginId: ' ' } })).toContain('OP-14');
	});
	it('OP-15 requires the e-mail initialization data', () => {
		const request = makeAccountRequest({ emailInitialization: { newEmail: 'new@example.com', applicantRole: 'subject-leader', applicantName: '', applicantCertificateNumber: '' } });
		expect(rules(request).filter((r) => r === 'OP-15')).toHaveLength(2);
		expect(rules(makeAccountRequest())).toEqual([]);
	});
	it('OP-20 warns when a claimed filing is newer than June 2010', () => {
		const claim = (filedOn: string) => ({ ...base, kind: 'claim', claim: { domain: 'a.cn', filedOn } });
		expect(rules(claim('2012-01-01'))).toContain('OP-20');
		expect(rules(claim('2009-01-01'))).not.toContain('OP-20');
	});
	it('OP-21 warns when the legacy filing is newer than the import cut-off', () => {
		expect(rules({ ...base, kind: 'legacy-import', legacyImport: { loginId: 'old', obtainedOn: '2020-01-01' } })).toContain('OP-21');
		expect(rules({ ...base, kind: 'legacy-import', legacyImport: { loginId: 'old', obtainedOn: '2015-01-01' } })).toEqual([]);
	});
	it('DOC-16 an account request lacking a required document (claim: the leader ID, DOC-17) fails', () => {
		const result = validateAccountRequest({ ...base, kind: 'claim', claim: { domain: 'a.cn' } });
		expect(result.ok).toBe(false);
		expect(result.issues.filter((i) => i.rule === 'DOC-16').map((i) => i.params.rules)).toEqual(['DOC-17', 'DOC-17']);
	});
	it('DATA-1 refuses a request of an unknown kind and never throws', () => {
		expect(rules({ ...base, kind: 'first-filing' })).toEqual(['DATA-1']);
		expect(rules(null)).toEqual(['DATA-1']);
	});
});
