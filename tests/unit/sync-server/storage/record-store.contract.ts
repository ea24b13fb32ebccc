/**
 * The RecordStore contract (STYLE habit 9): one suite that every implementation — memory,
 * SQLite, later PostgreSQL — must pass. Each implementation's spec calls
 * `describeRecordStoreContract` with a factory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountRecord, RecordStore, SessionRecord, SubjectRecord } from '../../../../sync-server/src/storage/record-store.ts';

export interface RecordStoreFixture {
	store: RecordStore;
	/** Frees what the fixture holds; called after each test, even on failure. */
	dispose(): Promise<void>;
}

const account = (id: string, email = `${id}@example.com`): AccountRecord => ({ id, email, passwordHash: '$scrypt$x', createdAt: 1000 });

const session = (id: string, accountId: string, overrides: Partial<SessionRecord> = {}): SessionRecord => ({
	id,
	tokenHash: `hash-${id}`,
	accountId,
	createdAt: 1000,
	lastSeenAt: 1000,
	expiresAt: 10_000,
	userAgent: 'test',
	revokedAt: null,
	...overrides
});

const subject = (id: string, owner: string, overrides: Partial<SubjectRecord> = {}): SubjectRecord => ({
	id,
	subjectType: 'enterprise',
	certificateType: 'uscc-certificate',
	certificateNumber: `NUM-${id}`,
	certificateKey: `key-${id}`,
	name: `Subject ${id}`,
	ownerAccountId: owner,
	createdAt: 1000,
	...overrides
});

export function describeRecordStoreContract(name: string, open: () => Promise<RecordStoreFixture>): void {
	describe(`RecordStore contract: ${name}`, () => {
		let fixtures: RecordStoreFixture[] = [];
		const fresh = async (): Promise<RecordStore> => {
			const fixture = await open();
			fixtures.push(fixture);
			return fixture.store;
		};
		const withAccounts = async (...ids: string[]): Promise<RecordStore> => {
			const store = await fresh();
			for (const id of ids) await store.createAccount(account(id));
			return store;
		};
		afterEach(async () => {
			const opened = fixtures;
			fixtures = [];
			for (const fixture of opened) await fixture.dispose();
		});

		it('stores an account and finds it by id and by e-mail; an e-mail is taken once', async () => {
			const store = await fresh();
			expect(await store.createAccount(account('a1', 'x@example.com'))).toBe('created');
			expect(await store.createAccount(account('a2', 'x@example.com'))).toBe('email-taken');
			expect(await store.accountById('a1')).toEqual(account('a1', 'x@example.com'));
			expect((await store.accountByEmail('x@example.com'))?.id).toBe('a1');
			expect(await store.accountById('a2')).toBeNull();
			expect(await store.accountByEmail('nobody@example.com')).toBeNull();
		});

		it('keeps awkward text (quotes, markup, CJK) exactly as given', async () => {
			const store = await withAccounts('a1');
			const name = `<b>"杭州'示例"</b>; DROP TABLE subjects; --`;
			await store.createSubject(subject('s1', 'a1', { name }));
			expect((await store.subjectById('s1'))?.name).toBe(name);
		});

		it('stores sessions by token hash, lists active ones newest first, touches and revokes', async () => {
			const store = await withAccounts('a1', 'a2');
			await store.createSession(session('s1', 'a1', { lastSeenAt: 1000 }));
			await store.createSession(session('s2', 'a1', { lastSeenAt: 2000 }));
			await store.createSession(session('s3', 'a1', { expiresAt: 1500 }));
			await store.createSession(session('s4', 'a2'));
			expect((await store.sessionByTokenHash('hash-s1'))?.id).toBe('s1');
			expect(await store.sessionByTokenHash('nope')).toBeNull();
			expect((await store.activeSessionsOf('a1', 1600)).map((s) => s.id)).toEqual(['s2', 's1']);
			await store.touchSession('s1', { lastSeenAt: 3000, expiresAt: 20_000 });
			expect(await store.sessionById('s1')).toMatchObject({ lastSeenAt: 3000, expiresAt: 20_000 });
			expect(await store.revokeSession('s1', 3500)).toBe(true);
			expect(await store.revokeSession('s1', 3600)).toBe(false);
			expect(await store.revokeSession('unknown', 3600)).toBe(false);
			expect((await store.sessionById('s1'))?.revokedAt).toBe(3500);
			expect((await store.activeSessionsOf('a1', 3600)).map((s) => s.id)).toEqual(['s2']);
		});

		it('prunes expired and revoked sessions only', async () => {
			const store = await withAccounts('a1');
			await store.createSession(session('old', 'a1', { expiresAt: 100 }));
			await store.createSession(session('revoked', 'a1', { revokedAt: 200 }));
			await store.createSession(session('live', 'a1', { expiresAt: 10_000 }));
			expect(await store.pruneSessions(500)).toBe(2);
			expect(await store.sessionById('live')).not.toBeNull();
			expect(await store.sessionById('old')).toBeNull();
		});

		it('binds one subject per account and one account per certificate, with the owner as member', async () => {
			const store = await withAccounts('a1', 'a2');
			expect(await store.createSubject(subject('s1', 'a1'))).toBe('created');
			expect(await store.createSubject(subject('s2', 'a1'))).toBe('account-has-subject');
			expect(await store.createSubject(subject('s3', 'a2', { certificateKey: 'key-s1' }))).toBe('subject-bound-elsewhere');
			expect(await store.createSubject(subject('s4', 'a2', { certificateNumber: 'NUM-s1' }))).toBe('subject-bound-elsewhere');
			expect(await store.subjectById('s3')).toBeNull();
			expect((await store.subjectOwnedBy('a1'))?.id).toBe('s1');
			expect(await store.subjectOwnedBy('a2')).toBeNull();
			expect(await store.roleOf('a1', 's1')).toBe('owner');
			expect(await store.membersOf('s1')).toEqual([{ accountId: 'a1', email: 'a1@example.com', role: 'owner' }]);
			expect(await store.membershipsOf('a1')).toEqual([{ subjectId: 's1', role: 'owner', subjectName: 'Subject s1' }]);
		});

		it('uses an invite once, adding the membership in the same step', async () => {
			const store = await withAccounts('owner', 'b', 'c');
			await store.createSubject(subject('s1', 'owner'));
			await store.createInvite({ codeHash: 'h1', subjectId: 's1', role: 'viewer', createdBy: 'owner', createdAt: 1, expiresAt: 100, usedAt: null, usedBy: null });
			expect(await store.inviteByCodeHash('h1')).toMatchObject({ subjectId: 's1', role: 'viewer', usedAt: null });
			expect(await store.useInvite('missing', 'b', 5)).toBe('not-found');
			expect(await store.useInvite('h1', 'owner', 5)).toBe('already-member');
			expect(await store.useInvite('h1', 'b', 5)).toBe('accepted');
			expect(await store.useInvite('h1', 'c', 6)).toBe('used');
			expect(await store.inviteByCodeHash('h1')).toMatchObject({ usedAt: 5, usedBy: 'b' });
			expect(await store.roleOf('b', 's1')).toBe('viewer');
			expect(await store.roleOf('c', 's1')).toBeNull();
			expect((await store.membersOf('s1')).map((m) => [m.accountId, m.role])).toEqual([['owner', 'owner'], ['b', 'viewer']]);
		});

		it('changes roles and removes members', async () => {
			const store = await withAccounts('owner', 'b');
			await store.createSubject(subject('s1', 'owner'));
			await store.createInvite({ codeHash: 'h', subjectId: 's1', role: 'editor', createdBy: 'owner', createdAt: 1, expiresAt: 100, usedAt: null, usedBy: null });
			await store.useInvite('h', 'b', 2);
			expect(await store.setRole('s1', 'b', 'viewer')).toBe(true);
			expect(await store.roleOf('b', 's1')).toBe('viewer');
			expect(await store.setRole('s1', 'nobody', 'viewer')).toBe(false);
			expect(await store.removeMember('s1', 'b')).toBe(true);
			expect(await store.removeMember('s1', 'b')).toBe(false);
			expect(await store.roleOf('b', 's1')).toBeNull();
			expect(await store.membershipsOf('b')).toEqual([]);
		});

		it('replaces the attachment references of a subject and finds subjects by hash', async () => {
			const store = await fresh();
			const h1 = 'a'.repeat(64);
			const h2 = 'b'.repeat(64);
			await store.setAttachmentRefs('s1', [h1, h2, h1]);
			await store.setAttachmentRefs('s2', [h1]);
			expect((await store.subjectsReferencing(h1)).sort()).toEqual(['s1', 's2']);
			await store.setAttachmentRefs('s1', [h2]);
			expect(await store.subjectsReferencing(h1)).toEqual(['s2']);
			expect(await store.subjectsReferencing(h2)).toEqual(['s1']);
			await store.setAttachmentRefs('s1', []);
			expect(await store.subjectsReferencing(h2)).toEqual([]);
		});

		it('records blob holders per subject, idempotently and apart from attachment references', async () => {
			const store = await fresh();
			const h1 = 'c'.repeat(64);
			const h2 = 'd'.repeat(64);
			expect(await store.subjectHoldsBlob('s1', h1)).toBe(false);
			await store.addBlobHolder('s1', h1, 100);
			await store.addBlobHolder('s1', h1, 100);
			expect(await store.subjectHoldsBlob('s1', h1)).toBe(true);
			expect(await store.subjectHoldsBlob('s1', h2)).toBe(false);
			expect(await store.subjectHoldsBlob('s2', h1)).toBe(false);
			// Referencing a hash is not holding it, and dropping the reference keeps the proof.
			await store.setAttachmentRefs('s2', [h1]);
			expect(await store.subjectHoldsBlob('s2', h1)).toBe(false);
			await store.setAttachmentRefs('s1', [h1]);
			await store.setAttachmentRefs('s1', []);
			expect(await store.subjectHoldsBlob('s1', h1)).toBe(true);
			await store.addBlobHolder('s2', h1, 100);
			expect(await store.subjectHoldsBlob('s2', h1)).toBe(true);
		});

		it('sums the sizes of the blobs a subject holds, each blob once (the subject quota)', async () => {
			const store = await fresh();
			expect(await store.subjectHeldBytes('s1')).toEqual({ bytes: 0, unsized: [] });
			await store.addBlobHolder('s1', 'c'.repeat(64), 1000);
			await store.addBlobHolder('s1', 'c'.repeat(64), 1000);
			await store.addBlobHolder('s1', 'd'.repeat(64), 234);
			await store.addBlobHolder('s2', 'c'.repeat(64), 1000);
			expect(await store.subjectHeldBytes('s1')).toEqual({ bytes: 1234, unsized: [] });
			expect(await store.subjectHeldBytes('s2')).toEqual({ bytes: 1000, unsized: [] });
			expect(await store.subjectHeldBytes('s3')).toEqual({ bytes: 0, unsized: [] });
		});

		it('closes idempotently', async () => {
			const store = await fresh();
			await store.close();
			await store.close();
		});
	});
}
