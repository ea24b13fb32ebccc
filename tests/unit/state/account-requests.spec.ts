/**
 * The app side of account requests: a device draft becomes the AccountRequest the server
 * re-validates (same body on every resend), the legacy import is one online POST carrying only
 * the login and password, and an account's own uploads are scoped to it and sent as
 * `holder=account`. The browser journeys are tests/e2e/account-requests.e2e.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateAccountRequest } from '../../../src/lib/domain/account-request/account-request.ts';
import type { DocumentRef } from '../../../src/lib/domain/document/document-ref.ts';
import { importLegacy, toAccountRequest } from '../../../src/lib/state/account-requests.ts';
import { emptyRequest, RequestDraftSchema } from '../../../src/lib/state/record-forms.ts';
import { accountHolder, ACCOUNT_HOLDER, isAccountHolder } from '../../../src/lib/sync/transfers/upload-queue.ts';

const CREATED = '2026-12-02T09:00:00+08:00';
const photo = (kind: DocumentRef['kind'], owner: DocumentRef['owner'], digit: string): DocumentRef => ({
	version: 1,
	sha256: digit.repeat(64),
	kind,
	mime: 'image/jpeg',
	size: 200_000,
	width: 1600,
	height: 1000,
	owner
});

afterEach(() => vi.unstubAllGlobals());

describe('account request drafts on the wire', () => {
	it('LEG-3 a claim draft becomes the request the server validates: trimmed, its photos named, the first `created` kept; without the ID photos DOC-16 names each', () => {
		const draft = { ...emptyRequest('claim'), domain: '  claim-demo-one.cn ', filingNumber: ' ' };
		const bare = toAccountRequest(draft, 'req-1', CREATED);
		expect(bare).toMatchObject({ kind: 'claim', id: 'req-1', created: CREATED, claim: { domain: 'claim-demo-one.cn' } });
		expect(bare.kind === 'claim' && 'filingNumber' in bare.claim).toBe(false);
		const missing = validateAccountRequest(bare).issues.filter((i) => i.rule === 'DOC-16');
		expect(missing.map((i) => i.params?.kind)).toEqual(['id-front', 'id-back']);

		const documents = [photo('id-front', 'subject-leader', 'a'), photo('id-back', 'subject-leader', 'b')];
		const full = toAccountRequest({ ...draft, documents }, 'req-1', CREATED);
		expect(validateAccountRequest(full).issues.filter((i) => i.severity === 'error')).toEqual([]);
		expect(JSON.stringify(toAccountRequest({ ...draft, documents }, 'req-1', CREATED))).toBe(JSON.stringify(full));
	});

	it('LEG-4 an e-mail initialization names the legacy login or a domain of the filing, and leaves out what is empty', () => {
		const draft = { ...emptyRequest('email-initialization'), loginId: 'demo-forgotten', newEmail: ' li@example.com ', applicantName: '李四', applicantCertificateNumber: '330102198505050021' };
		const request = toAccountRequest(draft, 'req-2', CREATED);
		expect(request.kind === 'email-initialization' && request.emailInitialization).toEqual({
			newEmail: 'li@example.com',
			applicantRole: 'subject-leader',
			applicantName: '李四',
			applicantCertificateNumber: '330102198505050021',
			loginId: 'demo-forgotten'
		});
		const byDomain = toAccountRequest({ ...draft, loginId: '', domain: 'li-demo.cn' }, 'req-2', CREATED);
		expect(byDomain.kind === 'email-initialization' && byDomain.emailInitialization).toMatchObject({ domain: 'li-demo.cn' });
		expect(byDomain.kind === 'email-initialization' && 'loginId' in byDomain.emailInitialization).toBe(false);
	});

	it('LEG-3 a draft stored before the slots existed still opens, with no photos and no send pending', () => {
		const { documents: _d, created: _c, sendRequested: _s, ...old } = emptyRequest('claim');
		const parsed = RequestDraftSchema.safeParse({ ...old, domain: 'old-site.cn' });
		expect(parsed.success && parsed.data).toMatchObject({ domain: 'old-site.cn', documents: [], created: null, sendRequested: false });
	});
});

describe('legacy import', () => {
	it('LEG-2 is not attempted offline, and online sends only the login and the password, once', async () => {
		const fetch = vi.fn(async () => new Response(JSON.stringify({ subjectId: 'S', imported: { subjectName: 'n', subjectType: 'individual', subjectNumber: '浙ICP备09000001号', province: 'ZJ', websites: [] } }), { status: 200 }));
		vi.stubGlobal('fetch', fetch);
		vi.stubGlobal('navigator', { onLine: false });
		expect(await importLegacy('demo-individual', 'demo-pass-1')).toEqual({ ok: false, error: 'offline', status: 0 });
		expect(fetch).not.toHaveBeenCalled();

		vi.stubGlobal('navigator', { onLine: true });
		const result = await importLegacy(' demo-individual ', 'demo-pass-1');
		expect(result.ok && result.value.subjectId).toBe('S');
		expect(fetch).toHaveBeenCalledTimes(1);
		const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
		expect(path).toBe('/api/legacy-imports');
		expect(JSON.parse(String(init.body))).toEqual({ loginId: 'demo-individual', password: 'demo-pass-1' });
	});

	it('LEG-2 a wrong password comes back as the legacy-login-wrong failure the form shows', async () => {
		vi.stubGlobal('navigator', { onLine: true });
		vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: 'legacy-login-wrong', message: 'Wrong' }), { status: 403 }));
		expect(await importLegacy('demo-individual', 'nope')).toMatchObject({ ok: false, error: 'legacy-login-wrong', status: 403 });
	});
});

describe("an account's own uploads", () => {
	it('LEG-3 are scoped to the account on this device and sent as holder=account, never as a subject', () => {
		expect(accountHolder('ABCDEFGHIJKLMNOP')).toBe('account:ABCDEFGHIJKLMNOP');
		expect(isAccountHolder(accountHolder('ABCDEFGHIJKLMNOP'))).toBe(true);
		expect(isAccountHolder(ACCOUNT_HOLDER)).toBe(true);
		expect(isAccountHolder('ABCDEFGHIJKLMNOP')).toBe(false);
	});
});
