/** InviteStore contract (INV-S*, listed in sync-server/src/storage/README.md), run over every implementation. */
import { describe, expect, it } from 'vitest';
import { invite, subject, useRecords, type OpenRecords } from './fixtures.ts';

export function describeInviteStoreContract(name: string, open: OpenRecords): void {
	describe(`InviteStore contract: ${name}`, () => {
		const { withAccounts } = useRecords(open);

		it('INV-S1 stores an invite and finds it by the hash of its code; an unknown hash is null', async () => {
			const records = await withAccounts('owner');
			await records.bindSubject(subject('s1', 'owner'));
			await records.invites.create(invite('h1', 's1', { role: 'editor', expiresAt: 5000 }));
			expect(await records.invites.byCodeHash('h1')).toEqual(invite('h1', 's1', { role: 'editor', expiresAt: 5000 }));
			expect(await records.invites.byCodeHash('h2')).toBeNull();
		});

		it('INV-S2 refuses a second invite with the same code hash and keeps the first', async () => {
			const records = await withAccounts('owner');
			await records.bindSubject(subject('s1', 'owner'));
			await records.invites.create(invite('h1', 's1', { role: 'viewer' }));
			await expect(records.invites.create(invite('h1', 's1', { role: 'editor' }))).rejects.toThrow();
			expect((await records.invites.byCodeHash('h1'))?.role).toBe('viewer');
		});

		it('INV-S3 an expired invite is stored as given: expiry is for the caller to decide', async () => {
			const records = await withAccounts('owner', 'b');
			await records.bindSubject(subject('s1', 'owner'));
			await records.invites.create(invite('h1', 's1', { expiresAt: 10 }));
			expect(await records.acceptInvite('h1', 'b', 20)).toBe('accepted');
			expect(await records.invites.byCodeHash('h1')).toMatchObject({ expiresAt: 10, usedAt: 20, usedBy: 'b' });
		});
	});
}
