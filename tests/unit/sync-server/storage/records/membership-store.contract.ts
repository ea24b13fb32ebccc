/** MembershipStore contract (MEM-S*, listed in sync-server/src/storage/README.md), run over every implementation. */
import { describe, expect, it } from 'vitest';
import type { Records } from '../../../../../sync-server/src/storage/records/records.ts';
import { invite, subject, useRecords, type OpenRecords } from './fixtures.ts';

/** `member` joins the owner's subject `s1` with `role`, the only way memberships are added besides binding. */
async function join(records: Records, member: string, role: 'editor' | 'viewer', code = `code-${member}`): Promise<void> {
	await records.invites.create(invite(code, 's1', { role }));
	expect(await records.acceptInvite(code, member, 2)).toBe('accepted');
}

export function describeMembershipStoreContract(name: string, open: OpenRecords): void {
	describe(`MembershipStore contract: ${name}`, () => {
		const { withAccounts } = useRecords(open);

		it('MEM-S1 knows the role of each member and null for anyone else or any other subject', async () => {
			const records = await withAccounts('owner', 'b', 'c');
			await records.bindSubject(subject('s1', 'owner'));
			await join(records, 'b', 'editor');
			expect(await records.memberships.roleOf('owner', 's1')).toBe('owner');
			expect(await records.memberships.roleOf('b', 's1')).toBe('editor');
			expect(await records.memberships.roleOf('c', 's1')).toBeNull();
			expect(await records.memberships.roleOf('b', 'other')).toBeNull();
		});

		it("MEM-S2 lists an account's subjects, its own first, with each subject's name and the account's role", async () => {
			const records = await withAccounts('owner', 'b');
			await records.bindSubject(subject('s1', 'owner'));
			await records.bindSubject(subject('s2', 'b', { name: '杭州示例' }));
			await join(records, 'b', 'viewer');
			expect(await records.memberships.ofAccount('b')).toEqual([
				{ subjectId: 's2', role: 'owner', subjectName: '杭州示例' },
				{ subjectId: 's1', role: 'viewer', subjectName: 'Subject s1' }
			]);
			expect(await records.memberships.ofAccount('nobody')).toEqual([]);
		});

		it("MEM-S3 lists a subject's members, oldest first, with their e-mail and role", async () => {
			const records = await withAccounts('owner', 'b', 'c');
			await records.bindSubject(subject('s1', 'owner'));
			await join(records, 'c', 'viewer');
			await join(records, 'b', 'editor');
			expect(await records.memberships.ofSubject('s1')).toEqual([
				{ accountId: 'owner', email: 'owner@example.com', role: 'owner' },
				{ accountId: 'c', email: 'c@example.com', role: 'viewer' },
				{ accountId: 'b', email: 'b@example.com', role: 'editor' }
			]);
			expect(await records.memberships.ofSubject('other')).toEqual([]);
		});

		it("MEM-S4 changes a member's role, keeping its place in the list; false for someone who is not a member", async () => {
			const records = await withAccounts('owner', 'b', 'c');
			await records.bindSubject(subject('s1', 'owner'));
			await join(records, 'b', 'editor');
			await join(records, 'c', 'editor');
			expect(await records.memberships.setRole('s1', 'b', 'viewer')).toBe(true);
			expect(await records.memberships.roleOf('b', 's1')).toBe('viewer');
			expect((await records.memberships.ofSubject('s1')).map((m) => [m.accountId, m.role])).toEqual([['owner', 'owner'], ['b', 'viewer'], ['c', 'editor']]);
			expect(await records.memberships.setRole('s1', 'nobody', 'viewer')).toBe(false);
			expect(await records.memberships.roleOf('nobody', 's1')).toBeNull();
		});

		it('MEM-S5 removes a membership once: true, then false; it is gone from both lists', async () => {
			const records = await withAccounts('owner', 'b');
			await records.bindSubject(subject('s1', 'owner'));
			await join(records, 'b', 'editor');
			expect(await records.memberships.remove('s1', 'b')).toBe(true);
			expect(await records.memberships.remove('s1', 'b')).toBe(false);
			expect(await records.memberships.roleOf('b', 's1')).toBeNull();
			expect(await records.memberships.ofAccount('b')).toEqual([]);
			expect((await records.memberships.ofSubject('s1')).map((m) => m.accountId)).toEqual(['owner']);
		});
	});
}
