/**
 * Records contract (REC-S*, listed in sync-server/src/storage/README.md): the steps that span
 * aggregates are one step each, and the composition closes once. Run over every implementation.
 */
import { describe, expect, it } from 'vitest';
import { invite, subject, useRecords, type OpenRecords } from './fixtures.ts';

export function describeRecordsContract(name: string, open: OpenRecords): void {
	describe(`Records contract: ${name}`, () => {
		const { withAccounts, fresh } = useRecords(open);

		it('REC-S1 binding a subject adds its owner as member in the same step; a refused binding adds no one', async () => {
			const records = await withAccounts('a1', 'a2');
			expect(await records.bindSubject(subject('s1', 'a1'))).toBe('created');
			expect(await records.memberships.ofSubject('s1')).toEqual([{ accountId: 'a1', email: 'a1@example.com', role: 'owner' }]);
			expect(await records.memberships.ofAccount('a1')).toEqual([{ subjectId: 's1', role: 'owner', subjectName: 'Subject s1' }]);
			expect(await records.bindSubject(subject('s2', 'a2', { certificateKey: 'key-s1' }))).toBe('subject-bound-elsewhere');
			expect(await records.memberships.ofAccount('a2')).toEqual([]);
			expect(await records.memberships.ofSubject('s2')).toEqual([]);
		});

		it("REC-S2 accepting an invite marks it used and adds the member with the invite's role in the same step", async () => {
			const records = await withAccounts('owner', 'b');
			await records.bindSubject(subject('s1', 'owner'));
			await records.invites.create(invite('h1', 's1', { role: 'editor' }));
			expect(await records.acceptInvite('h1', 'b', 5)).toBe('accepted');
			expect(await records.invites.byCodeHash('h1')).toMatchObject({ usedAt: 5, usedBy: 'b' });
			expect(await records.memberships.roleOf('b', 's1')).toBe('editor');
		});

		it('REC-S3 a refused acceptance (unknown, used, already a member) changes neither the invite nor the members', async () => {
			const records = await withAccounts('owner', 'b', 'c');
			await records.bindSubject(subject('s1', 'owner'));
			await records.invites.create(invite('h1', 's1'));
			expect(await records.acceptInvite('missing', 'b', 5)).toBe('not-found');
			expect(await records.acceptInvite('h1', 'owner', 5)).toBe('already-member');
			expect(await records.invites.byCodeHash('h1')).toMatchObject({ usedAt: null, usedBy: null });
			expect(await records.memberships.roleOf('owner', 's1')).toBe('owner');
			expect(await records.acceptInvite('h1', 'b', 6)).toBe('accepted');
			expect(await records.acceptInvite('h1', 'c', 7)).toBe('used');
			expect(await records.invites.byCodeHash('h1')).toMatchObject({ usedAt: 6, usedBy: 'b' });
			expect(await records.memberships.roleOf('c', 's1')).toBeNull();
		});

		it('REC-S4 two bindings racing for one certificate: exactly one wins, and the other account has no subject and no membership', async () => {
			const records = await withAccounts('a1', 'a2');
			const outcomes = await Promise.all([
				records.bindSubject(subject('s1', 'a1', { certificateKey: 'shared' })),
				records.bindSubject(subject('s2', 'a2', { certificateKey: 'shared' }))
			]);
			expect([...outcomes].sort()).toEqual(['created', 'subject-bound-elsewhere']);
			const [winner, loser] = outcomes[0] === 'created' ? ['a1', 'a2'] : ['a2', 'a1'];
			expect(await records.subjects.ownedBy(winner)).not.toBeNull();
			expect(await records.subjects.ownedBy(loser)).toBeNull();
			expect(await records.memberships.ofAccount(loser)).toEqual([]);
		});

		it('REC-S5 two people racing for one invite: exactly one is accepted and becomes the only new member', async () => {
			const records = await withAccounts('owner', 'b', 'c');
			await records.bindSubject(subject('s1', 'owner'));
			await records.invites.create(invite('h1', 's1'));
			const outcomes = await Promise.all([records.acceptInvite('h1', 'b', 5), records.acceptInvite('h1', 'c', 5)]);
			expect([...outcomes].sort()).toEqual(['accepted', 'used']);
			const members = (await records.memberships.ofSubject('s1')).map((m) => m.accountId);
			expect(members).toEqual(['owner', outcomes[0] === 'accepted' ? 'b' : 'c']);
			expect((await records.invites.byCodeHash('h1'))?.usedBy).toBe(members[1]);
		});

		it('REC-S6 closes idempotently, and a closed composition refuses further use', async () => {
			const records = await fresh();
			await records.close();
			await records.close();
			await expect(records.accounts.byId('a1')).rejects.toThrow();
		});
	});
}
