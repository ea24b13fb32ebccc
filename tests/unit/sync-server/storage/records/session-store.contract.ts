/** SessionStore contract (SES-S*, listed in sync-server/src/storage/README.md), run over every implementation. */
import { describe, expect, it } from 'vitest';
import { session, useRecords, type OpenRecords } from './fixtures.ts';

export function describeSessionStoreContract(name: string, open: OpenRecords): void {
	describe(`SessionStore contract: ${name}`, () => {
		const { withAccounts } = useRecords(open);

		it('SES-S1 finds a session by token hash and by id; unknown ones are null; a duplicate id is refused', async () => {
			const { sessions } = await withAccounts('a1');
			await sessions.create(session('s1', 'a1'));
			expect(await sessions.byTokenHash('hash-s1')).toEqual(session('s1', 'a1'));
			expect(await sessions.byId('s1')).toEqual(session('s1', 'a1'));
			expect(await sessions.byTokenHash('nope')).toBeNull();
			expect(await sessions.byId('nope')).toBeNull();
			await expect(sessions.create(session('s1', 'a1', { tokenHash: 'other' }))).rejects.toThrow();
		});

		it("SES-S2 lists an account's sessions that are neither expired nor revoked, most recently seen first", async () => {
			const { sessions } = await withAccounts('a1', 'a2');
			await sessions.create(session('s1', 'a1', { lastSeenAt: 1000 }));
			await sessions.create(session('s2', 'a1', { lastSeenAt: 2000 }));
			await sessions.create(session('s3', 'a1', { expiresAt: 1500 }));
			await sessions.create(session('s4', 'a2'));
			await sessions.create(session('s5', 'a1', { revokedAt: 900 }));
			expect((await sessions.activeOf('a1', 1600)).map((s) => s.id)).toEqual(['s2', 's1']);
			expect((await sessions.activeOf('a1', 1400)).map((s) => s.id)).toEqual(['s2', 's1', 's3']);
			expect(await sessions.activeOf('nobody', 0)).toEqual([]);
		});

		it('SES-S3 a touch sets the last-seen time and expiry; an unknown id is ignored', async () => {
			const { sessions } = await withAccounts('a1');
			await sessions.create(session('s1', 'a1'));
			await sessions.touch('s1', { lastSeenAt: 3000, expiresAt: 20_000 });
			await sessions.touch('unknown', { lastSeenAt: 3000, expiresAt: 20_000 });
			expect(await sessions.byId('s1')).toEqual(session('s1', 'a1', { lastSeenAt: 3000, expiresAt: 20_000 }));
			expect(await sessions.byId('unknown')).toBeNull();
		});

		it('SES-S4 revokes a session once: true, then false; an unknown id is false', async () => {
			const { sessions } = await withAccounts('a1');
			await sessions.create(session('s1', 'a1'));
			expect(await sessions.revoke('s1', 3500)).toBe(true);
			expect(await sessions.revoke('s1', 3600)).toBe(false);
			expect(await sessions.revoke('unknown', 3600)).toBe(false);
			expect((await sessions.byId('s1'))?.revokedAt).toBe(3500);
			expect(await sessions.activeOf('a1', 2000)).toEqual([]);
		});

		it('SES-S5 prunes sessions that expired or were revoked before the cut-off, and only those', async () => {
			const { sessions } = await withAccounts('a1');
			await sessions.create(session('old', 'a1', { expiresAt: 100 }));
			await sessions.create(session('revoked', 'a1', { revokedAt: 200 }));
			await sessions.create(session('revoked-late', 'a1', { revokedAt: 600 }));
			await sessions.create(session('live', 'a1', { expiresAt: 10_000 }));
			expect(await sessions.prune(500)).toBe(2);
			expect(await sessions.byId('old')).toBeNull();
			expect(await sessions.byId('revoked')).toBeNull();
			expect(await sessions.byId('revoked-late')).not.toBeNull();
			expect(await sessions.byId('live')).not.toBeNull();
			expect(await sessions.prune(500)).toBe(0);
		});
	});
}
