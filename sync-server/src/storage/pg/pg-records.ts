/**
 * Records on PostgreSQL. The stores share one pool; a cross-aggregate step (`bindSubject`,
 * `acceptInvite`) runs on one client between `BEGIN` and `COMMIT` with stores bound to that
 * client, so it commits whole or not at all, also with several nodes on one database.
 * `open` migrates the tables (components `records` and `orders`) on the way.
 */
import type pg from 'pg';
import type { Role } from '../../access/access.ts';
import type { AcceptInviteOutcome, Records } from '../records/records.ts';
import type { BindSubjectOutcome, SubjectRecord } from '../records/subject-store.ts';
import { PgGate, PgRunner } from './pg-database.ts';
import {
	PgAccountStore,
	PgApprovedRecordStore,
	PgFileIndexStore,
	PgInviteStore,
	PgMembershipStore,
	PgOrderStore,
	PgSessionStore,
	PgSubjectStore
} from './pg-record-stores.ts';
import { migratePgComponent } from './pg-schema.ts';

export class PgRecords implements Records {
	readonly accounts: PgAccountStore;
	readonly sessions: PgSessionStore;
	readonly subjects: PgSubjectStore;
	readonly memberships: PgMembershipStore;
	readonly invites: PgInviteStore;
	readonly files: PgFileIndexStore;
	readonly orders: PgOrderStore;
	readonly approved: PgApprovedRecordStore;
	#sql: PgRunner;

	private constructor(pool: pg.Pool) {
		const sql = (this.#sql = new PgRunner(pool, new PgGate()));
		this.accounts = new PgAccountStore(sql);
		this.sessions = new PgSessionStore(sql);
		this.subjects = new PgSubjectStore(sql);
		this.memberships = new PgMembershipStore(sql);
		this.invites = new PgInviteStore(sql);
		this.files = new PgFileIndexStore(sql);
		this.orders = new PgOrderStore(sql);
		this.approved = new PgApprovedRecordStore(sql);
	}

	/** Migrates the record and order tables, then returns the stores. The pool stays the caller's. */
	static async open(pool: pg.Pool): Promise<PgRecords> {
		await migratePgComponent(pool, 'records');
		await migratePgComponent(pool, 'orders');
		return new PgRecords(pool);
	}

	async bindSubject(subject: SubjectRecord): Promise<BindSubjectOutcome> {
		return this.#sql.transaction(async (tx) => {
			const outcome = await new PgSubjectStore(tx).insertUnlessBound(subject);
			if (outcome === 'created') await new PgMembershipStore(tx).add(subject.id, subject.ownerAccountId, 'owner');
			return outcome;
		});
	}

	async acceptInvite(codeHash: string, accountId: string, at: number): Promise<AcceptInviteOutcome> {
		return this.#sql.transaction(async (tx) => {
			const invites = new PgInviteStore(tx);
			const memberships = new PgMembershipStore(tx);
			const invite = await invites.byCodeHash(codeHash);
			if (!invite) return 'not-found';
			if (invite.usedAt !== null) return 'used';
			if (await memberships.has(invite.subjectId, accountId)) return 'already-member';
			await invites.markUsed(codeHash, accountId, at);
			await memberships.add(invite.subjectId, accountId, invite.role as Role);
			return 'accepted';
		});
	}

	/** Refuses further use; idempotent. Ending the pool is left to whoever opened it (other stores share it). */
	async close(): Promise<void> {
		this.#sql.gate.close();
	}
}
