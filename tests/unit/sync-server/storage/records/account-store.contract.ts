/** AccountStore contract (ACC-S*, listed in sync-server/src/storage/README.md), run over every implementation. */
import { describe, expect, it } from 'vitest';
import { account, useRecords, type OpenRecords } from './fixtures.ts';

export function describeAccountStoreContract(name: string, open: OpenRecords): void {
	describe(`AccountStore contract: ${name}`, () => {
		const { fresh } = useRecords(open);

		it('ACC-S1 stores an account and finds it by id and by e-mail; unknown ones are null', async () => {
			const { accounts } = await fresh();
			expect(await accounts.create(account('a1', 'x@example.com'))).toBe('created');
			expect(await accounts.byId('a1')).toEqual(account('a1', 'x@example.com'));
			expect(await accounts.byEmail('x@example.com')).toEqual(account('a1', 'x@example.com'));
			expect(await accounts.byId('a2')).toBeNull();
			expect(await accounts.byEmail('nobody@example.com')).toBeNull();
		});

		it('ACC-S2 an e-mail belongs to one account: a second one with it is refused and not stored', async () => {
			const { accounts } = await fresh();
			await accounts.create(account('a1', 'x@example.com'));
			expect(await accounts.create(account('a2', 'x@example.com'))).toBe('email-taken');
			expect(await accounts.byId('a2')).toBeNull();
			expect((await accounts.byEmail('x@example.com'))?.id).toBe('a1');
		});

		it('ACC-S3 hands out copies: changing a returned record changes nothing stored', async () => {
			const { accounts } = await fresh();
			await accounts.create(account('a1'));
			const found = (await accounts.byId('a1')) as { email: string };
			found.email = 'changed@example.com';
			expect((await accounts.byId('a1'))?.email).toBe('a1@example.com');
		});

		it('ACC-S4 keeps the display name given at creation and changes it on request; an unknown account is not created', async () => {
			const { accounts } = await fresh();
			await accounts.create(account('a1'));
			expect((await accounts.byId('a1'))?.displayName).toBe('Name a1');
			expect(await accounts.setDisplayName('a1', '王小明')).toBe(true);
			expect((await accounts.byId('a1'))?.displayName).toBe('王小明');
			expect((await accounts.byEmail('a1@example.com'))?.displayName).toBe('王小明');
			expect(await accounts.setDisplayName('a2', 'Nobody')).toBe(false);
			expect(await accounts.byId('a2')).toBeNull();
		});
	});
}
