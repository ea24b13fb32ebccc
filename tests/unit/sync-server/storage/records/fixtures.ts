/**
 * What the record store contract suites share: a factory for one implementation's `Records`
 * (each suite tests one store through it and arranges with the others), and record factories.
 */
import { afterEach } from 'vitest';
import type { AccountRecord } from '../../../../../sync-server/src/storage/records/account-store.ts';
import type { InviteRecord } from '../../../../../sync-server/src/storage/records/invite-store.ts';
import type { Records } from '../../../../../sync-server/src/storage/records/records.ts';
import type { SessionRecord } from '../../../../../sync-server/src/storage/records/session-store.ts';
import type { SubjectRecord } from '../../../../../sync-server/src/storage/records/subject-store.ts';

export interface RecordsFixture {
	records: Records;
	/** Frees what the fixture holds (files, connections); called after each test, even on failure. */
	dispose(): Promise<void>;
}

export type OpenRecords = () => Promise<RecordsFixture>;

/** Call inside a `describe`: fresh records per call, all disposed of after each test. */
export function useRecords(open: OpenRecords): { fresh(): Promise<Records>; withAccounts(...ids: string[]): Promise<Records> } {
	let fixtures: RecordsFixture[] = [];
	afterEach(async () => {
		const opened = fixtures;
		fixtures = [];
		for (const fixture of opened) await fixture.dispose();
	});
	const fresh = async (): Promise<Records> => {
		const fixture = await open();
		fixtures.push(fixture);
		return fixture.records;
	};
	return {
		fresh,
		async withAccounts(...ids) {
			const records = await fresh();
			for (const id of ids) await records.accounts.create(account(id));
			return records;
		}
	};
}

export const account = (id: string, email = `${id}@example.com`): AccountRecord => ({ id, email, passwordHash: '$scrypt$x', createdAt: 1000, displayName: `Name ${id}` });

export const session = (id: string, accountId: string, overrides: Partial<SessionRecord> = {}): SessionRecord => ({
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

export const subject = (id: string, owner: string, overrides: Partial<SubjectRecord> = {}): SubjectRecord => ({
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

export const invite = (codeHash: string, subjectId: string, overrides: Partial<InviteRecord> = {}): InviteRecord => ({
	codeHash,
	subjectId,
	role: 'viewer',
	createdBy: 'owner',
	createdAt: 1,
	expiresAt: 100,
	usedAt: null,
	usedBy: null,
	...overrides
});
