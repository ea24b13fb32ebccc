/** Contract LEG-S1..S7 of the legacy and account-request stores, run over memory and SQLite. */
import { describe, expect, it } from 'vitest';
import type { AccountRequestRecord, LegacyRecords, LegacySubjectRecord } from '../../../../../sync-server/src/storage/legacy/legacy-stores.ts';

export type OpenLegacyRecords = () => Promise<{ stores: LegacyRecords; dispose(): Promise<void> }>;

export function legacySubject(id: string, over: Partial<LegacySubjectRecord> = {}): LegacySubjectRecord {
	return {
		id,
		login: { loginId: `Login-${id}`, email: `${id}@example.com`, passwordHash: '$scrypt$ln=1,r=1,p=1$AA$AA' },
		subjectType: 'individual',
		certificateType: 'resident-id-card',
		certificateNumber: '110101199003071234',
		name: `名 ${id}`,
		province: 'ZJ',
		subjectNumber: `浙ICP备${id}号`,
		filedOn: '2009-05-01',
		websites: [{ domain: `${id}.example.cn`, name: '站', number: `浙ICP备${id}号-1` }],
		demo: false,
		attachedTo: null,
		...over
	};
}

const request = (requestId: string, accountId: string, hash: string): Omit<AccountRequestRecord, 'revision' | 'status' | 'decision'> => ({
	requestId,
	accountId,
	kind: 'claim',
	body: `{"h":"${hash}"}`,
	hash,
	legacyId: 'l1',
	submittedAt: 1
});

export function describeLegacyStoresContract(name: string, open: OpenLegacyRecords): void {
	const withStores = (test: (stores: LegacyRecords) => Promise<void>) => async () => {
		const { stores, dispose } = await open();
		try {
			await test(stores);
		} finally {
			await dispose();
		}
	};

	describe(`legacy stores (${name})`, () => {
		it('LEG-S1: a legacy subject is added once; login IDs (case-folded) and filing numbers stay unique', withStores(async ({ legacy }) => {
			expect(await legacy.add(legacySubject('1001'))).toBe('added');
			expect(await legacy.add(legacySubject('1001'))).toBe('id-taken');
			expect(await legacy.add(legacySubject('1002', { login: { loginId: 'LOGIN-1001', email: 'x@example.com', passwordHash: 'h' } }))).toBe('login-taken');
			expect(await legacy.add(legacySubject('1003', { subjectNumber: '浙ICP备1001号' }))).toBe('number-taken');
			expect(await legacy.add(legacySubject('1004', { login: null }))).toBe('added');
			expect((await legacy.byLoginId('login-1001'))?.id).toBe('1001');
			expect((await legacy.byLoginEmail('1001@EXAMPLE.com')).map((r) => r.id)).toEqual(['1001']);
			expect((await legacy.find({ domain: '1004.EXAMPLE.cn' }))?.id).toBe('1004');
			expect((await legacy.find({ number: '浙ICP备1001号-1' }))?.id).toBe('1001');
			expect(await legacy.find({ domain: 'none.example.cn' })).toBeNull();
		}));

		it('LEG-S2: a legacy subject attaches to one account once, also under concurrent attempts', withStores(async ({ legacy }) => {
			await legacy.add(legacySubject('2001'));
			const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => legacy.attach('2001', { accountId: `a${i}`, subjectId: `s${i}`, at: i })));
			expect(outcomes.filter((o) => o === 'attached')).toHaveLength(1);
			expect(await legacy.attach('nope', { accountId: 'a', subjectId: 's', at: 1 })).toBe('not-found');
			expect((await legacy.byId('2001'))?.attachedTo?.accountId).toMatch(/^a\d$/);
		}));

		it('LEG-S3: the login e-mail and password hash are replaced; a filing without login has neither', withStores(async ({ legacy }) => {
			await legacy.add(legacySubject('3001'));
			await legacy.add(legacySubject('3002', { login: null }));
			expect(await legacy.setLoginEmail('3001', 'new@example.com')).toBe(true);
			expect(await legacy.setLoginEmail('3002', 'new@example.com')).toBe(false);
			expect(await legacy.setLoginPassword('LOGIN-3001', 'hash2')).toBe(true);
			expect(await legacy.setLoginPassword('unknown', 'hash2')).toBe(false);
			const row = await legacy.byId('3001');
			expect(row?.login).toEqual({ loginId: 'login-3001', email: 'new@example.com', passwordHash: 'hash2' });
			expect((await legacy.byLoginEmail('new@example.com')).map((r) => r.id)).toEqual(['3001']);
		}));

		it('LEG-S8: turning the demo off removes only unattached demo subjects', withStores(async ({ legacy }) => {
			await legacy.add(legacySubject('8001', { demo: true }));
			await legacy.add(legacySubject('8002', { demo: true }));
			await legacy.add(legacySubject('8003'));
			await legacy.attach('8002', { accountId: 'a', subjectId: 's', at: 1 });
			expect(await legacy.removeUnattachedDemo()).toBe(1);
			expect(await legacy.byId('8001')).toBeNull();
			expect(await legacy.byId('8002')).not.toBeNull();
			expect(await legacy.byId('8003')).not.toBeNull();
			expect(await legacy.add(legacySubject('8001', { demo: true }))).toBe('added');
		}));

		it('LEG-S4: put is idempotent per body, revises only after a rejection, and keeps ids per account', withStores(async ({ requests }) => {
			expect((await requests.put(request('r1', 'a1', 'h1'))).outcome).toBe('created');
			expect((await requests.pending()).map((r) => r.requestId)).toEqual(['r1']);
			expect((await requests.put(request('r1', 'a1', 'h1'))).outcome).toBe('unchanged');
			expect((await requests.put(request('r1', 'a1', 'h2'))).outcome).toBe('in-review');
			expect((await requests.put(request('r1', 'a2', 'h1'))).outcome).toBe('id-taken');
			expect(await requests.decide('r1', 1, { action: 'reject', reasons: [{ path: ['documents'], code: 'document-unclear' }], by: 'rev', at: 2 })).toBe('decided');
			const revised = await requests.put(request('r1', 'a1', 'h2'));
			expect(revised.outcome).toBe('revised');
			expect(revised.record).toMatchObject({ revision: 2, status: 'submitted', decision: null });
			expect(await requests.decide('r1', 2, { action: 'approve', reasons: [], by: 'rev', at: 3 })).toBe('decided');
			expect((await requests.put(request('r1', 'a1', 'h3'))).outcome).toBe('decided');
			expect(await requests.pending()).toEqual([]);
			expect((await requests.ofAccount('a1')).map((r) => [r.requestId, r.status])).toEqual([['r1', 'approved']]);
			expect(await requests.ofAccount('a2')).toEqual([]);
		}));

		it('LEG-S5: one decision per revision, also under concurrent decisions', withStores(async ({ requests }) => {
			await requests.put(request('r5', 'a1', 'h1'));
			const outcomes = await Promise.all(['approve', 'reject', 'approve'].map((action, i) => requests.decide('r5', 1, { action: action as 'approve' | 'reject', reasons: [], by: `r${i}`, at: i })));
			expect(outcomes.filter((o) => o === 'decided')).toHaveLength(1);
			expect(await requests.decide('r5', 2, { action: 'approve', reasons: [], by: 'x', at: 9 })).toBe('stale');
			expect(await requests.decide('missing', 1, { action: 'approve', reasons: [], by: 'x', at: 9 })).toBe('stale');
		}));

		it('LEG-S6: a reset token is used once and not after it expires', withStores(async ({ resetTokens }) => {
			await resetTokens.add({ tokenHash: 't1', target: { kind: 'legacy', loginId: 'l' }, createdAt: 0, expiresAt: 100 });
			await resetTokens.add({ tokenHash: 't2', target: { kind: 'account', accountId: 'a' }, createdAt: 0, expiresAt: 100 });
			expect(await resetTokens.consume('t1', 100)).toBeNull();
			expect(await resetTokens.consume('t2', 99)).toEqual({ kind: 'account', accountId: 'a' });
			expect(await resetTokens.consume('t2', 99)).toBeNull();
			expect(await resetTokens.consume('unknown', 1)).toBeNull();
		}));

		it('LEG-S7: the inbox lists an account’s items newest first, up to the limit', withStores(async ({ inbox }) => {
			for (const [i, account] of ['a', 'b', 'a', 'a'].entries()) await inbox.add({ id: `i${i}`, accountId: account, at: i === 3 ? 2 : i, about: 'account-request', refId: 'r', action: 'approve', reasons: [] });
			expect((await inbox.ofAccount('a', 10)).map((i) => i.id)).toEqual(['i3', 'i2', 'i0']);
			expect((await inbox.ofAccount('a', 1)).map((i) => i.id)).toEqual(['i3']);
			expect(await inbox.ofAccount('c', 10)).toEqual([]);
		}));

		it('LEG-S9: an account marks its own inbox items read once; another account’s or an unknown id changes nothing', withStores(async ({ inbox }) => {
			for (const [i, account] of ['a', 'a', 'b'].entries()) await inbox.add({ id: `m${i}`, accountId: account, at: i, about: 'order', refId: 'o', action: 'reject', reasons: [{ path: ['subject', 'name'], code: 'other' }] });
			expect((await inbox.ofAccount('a', 10)).map((i) => i.readAt)).toEqual([null, null]);
			expect(await inbox.markRead('a', ['m0', 'm2', 'nope'], 100)).toBe(1);
			expect(await inbox.markRead('a', ['m0'], 200)).toBe(0);
			expect((await inbox.ofAccount('a', 10)).map((i) => [i.id, i.readAt])).toEqual([['m1', null], ['m0', 100]]);
			expect((await inbox.ofAccount('b', 10)).map((i) => [i.id, i.readAt])).toEqual([['m2', null]]);
			expect(await inbox.markRead('a', [], 300)).toBe(0);
			expect((await inbox.ofAccount('a', 10))[1]).toMatchObject({ about: 'order', reasons: [{ path: ['subject', 'name'], code: 'other' }] });
		}));
	});
}
