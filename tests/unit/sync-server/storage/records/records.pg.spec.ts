import { describe, expect, it } from 'vitest';
import { PgRecords } from '../../../../../sync-server/src/storage/pg/pg-records.ts';
import { freshSchema } from '../../../../support/pg-suite.ts';
import { describeAccountStoreContract } from './account-store.contract.ts';
import { describeApprovedRecordStoreContract } from './approved-record-store.contract.ts';
import { describeFileIndexStoreContract } from './file-index-store.contract.ts';
import { account, invite, subject, type OpenRecords } from './fixtures.ts';
import { describeInviteStoreContract } from './invite-store.contract.ts';
import { describeMembershipStoreContract } from './membership-store.contract.ts';
import { describeOrderStoreContract } from './order-store.contract.ts';
import { describeRecordsContract } from './records.contract.ts';
import { describeSessionStoreContract } from './session-store.contract.ts';
import { describeSubjectStoreContract } from './subject-store.contract.ts';

const open: OpenRecords = async () => {
	const db = await freshSchema('records');
	const records = await PgRecords.open(db.pool);
	return {
		records,
		async dispose() {
			await records.close();
			await db.dispose();
		}
	};
};

for (const describeContract of [
	describeAccountStoreContract,
	describeSessionStoreContract,
	describeSubjectStoreContract,
	describeMembershipStoreContract,
	describeInviteStoreContract,
	describeFileIndexStoreContract,
	describeOrderStoreContract,
	describeApprovedRecordStoreContract,
	describeRecordsContract
]) {
	describeContract('PostgreSQL', open);
}

describe('PgRecords on one database', () => {
	it('migrates once, also when two nodes open the same database at the same time, and keeps records across reopening', async () => {
		const db = await freshSchema('records', { private: true });
		try {
			const [first, second] = await Promise.all([PgRecords.open(db.pool), PgRecords.open(db.pool)]);
			await first.accounts.create(account('a1', 'a@example.com'));
			expect((await second.accounts.byEmail('a@example.com'))?.id).toBe('a1');
			const third = await PgRecords.open(db.pool);
			expect((await third.accounts.byId('a1'))?.email).toBe('a@example.com');
			const versions = await db.pool.query('SELECT component, version FROM schema_versions ORDER BY component');
			expect(versions.rows).toEqual([{ component: 'orders', version: 1 }, { component: 'records', version: 1 }]);
		} finally {
			await db.dispose();
		}
	});

	it('refuses a database written by a newer server', async () => {
		const db = await freshSchema('records', { private: true });
		try {
			await PgRecords.open(db.pool);
			await db.pool.query("UPDATE schema_versions SET version = 99 WHERE component = 'records'");
			await expect(PgRecords.open(db.pool)).rejects.toThrow(/newer/);
		} finally {
			await db.dispose();
		}
	});

	it('REC-S1 binding is one transaction: when adding the owner membership fails, the subject is not bound either', async () => {
		const db = await freshSchema('records', { private: true });
		try {
			const records = await PgRecords.open(db.pool);
			await records.accounts.create(account('a1'));
			await db.pool.query("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END; $$");
			await db.pool.query('CREATE TRIGGER refuse_members BEFORE INSERT ON memberships FOR EACH ROW EXECUTE FUNCTION refuse()');
			await expect(records.bindSubject(subject('s1', 'a1'))).rejects.toThrow(/refused/);
			expect(await records.subjects.byId('s1')).toBeNull();
			await db.pool.query('DROP TRIGGER refuse_members ON memberships');
			expect(await records.bindSubject(subject('s1', 'a1'))).toBe('created');
		} finally {
			await db.dispose();
		}
	});

	it('REC-S2 accepting is one transaction: when adding the member fails, the invite stays unused', async () => {
		const db = await freshSchema('records', { private: true });
		try {
			const records = await PgRecords.open(db.pool);
			await records.accounts.create(account('owner'));
			await records.accounts.create(account('b'));
			await records.bindSubject(subject('s1', 'owner'));
			await records.invites.create(invite('h1', 's1'));
			await db.pool.query("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END; $$");
			await db.pool.query('CREATE TRIGGER refuse_members BEFORE INSERT ON memberships FOR EACH ROW EXECUTE FUNCTION refuse()');
			await expect(records.acceptInvite('h1', 'b', 5)).rejects.toThrow(/refused/);
			expect(await records.invites.byCodeHash('h1')).toMatchObject({ usedAt: null, usedBy: null });
			await db.pool.query('DROP TRIGGER refuse_members ON memberships');
			expect(await records.acceptInvite('h1', 'b', 6)).toBe('accepted');
		} finally {
			await db.dispose();
		}
	});

	it('REC-S4 two nodes (two pools) racing to bind one certificate: one wins, the loser has nothing', async () => {
		const db = await freshSchema('records', { private: true });
		const { createPgPool } = await import('../../../../../sync-server/src/storage/pg/pg-database.ts');
		const otherPool = createPgPool(db.url, { max: 2 });
		try {
			const nodeA = await PgRecords.open(db.pool);
			const nodeB = await PgRecords.open(otherPool);
			for (const id of ['a1', 'a2']) await nodeA.accounts.create(account(id));
			const outcomes = await Promise.all([
				nodeA.bindSubject(subject('s1', 'a1', { certificateKey: 'same' })),
				nodeB.bindSubject(subject('s2', 'a2', { certificateKey: 'same' }))
			]);
			expect([...outcomes].sort()).toEqual(['created', 'subject-bound-elsewhere']);
			const loser = outcomes[0] === 'created' ? 'a2' : 'a1';
			expect(await nodeA.memberships.ofAccount(loser)).toEqual([]);
			expect(await nodeB.subjects.ownedBy(loser)).toBeNull();
		} finally {
			await otherPool.end();
			await db.dispose();
		}
	});

	it('ORD-S5 refuses UPDATE and DELETE of order revisions and audit rows, even by SQL', async () => {
		const db = await freshSchema('records', { private: true });
		try {
			const records = await PgRecords.open(db.pool);
			const summary = { id: 'o1', kind: 'first-filing', revision: 1, status: 'provider-review', isCancellation: false, smsWrongAttempts: 0, created: '2026-11-02T01:00:00.000Z', submittedAt: '2026-11-02T01:00:00.000Z', updatedAt: '2026-11-02T01:00:00.000Z', history: [] as never[] } as const;
			expect(await records.orders.commit({
				subjectId: 's1',
				orderId: 'o1',
				expected: null,
				revision: { subjectId: 's1', orderId: 'o1', revision: 1, body: '{}', hash: '0'.repeat(64), createdAt: 1, createdBy: 'a1' },
				summary,
				audit: [{ subjectId: 's1', orderId: 'o1', revision: 1, actor: 'a1', at: 1, from: 'draft', to: 'provider-review', event: 'submit', why: null }]
			})).toEqual({ outcome: 'committed' });
			await expect(db.pool.query("UPDATE order_revisions SET body = '{\"x\":1}'")).rejects.toThrow(/immutable/);
			await expect(db.pool.query('DELETE FROM order_revisions')).rejects.toThrow(/immutable/);
			await expect(db.pool.query("UPDATE order_audit SET actor = 'someone else'")).rejects.toThrow(/append-only/);
			await expect(db.pool.query('DELETE FROM order_audit')).rejects.toThrow(/append-only/);
			expect((await records.orders.audit('s1')).map((e) => e.actor)).toEqual(['a1']);
		} finally {
			await db.dispose();
		}
	});
});
