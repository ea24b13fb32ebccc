/**
 * Records on SQLite through `node:sqlite`, in the same database file as the DocStore (open it
 * with `openDatabase`). The stores share one connection (`SqliteRunner`) and the tables of
 * `sqlite-record-schema.ts`; a cross-aggregate step calls the stores' synchronous steps inside
 * one `BEGIN IMMEDIATE` transaction, so it commits whole or not at all.
 */
import type { DatabaseSync } from 'node:sqlite';
import { acceptInviteSteps, type AcceptInviteOutcome, type Records } from './records.ts';
import { SqliteAccountStore } from './sqlite-account-store.ts';
import { SqliteApprovedRecordStore } from './sqlite-approved-record-store.ts';
import { migrateOrderSchema } from './sqlite-order-schema.ts';
import { SqliteOrderStore } from './sqlite-order-store.ts';
import { SqliteFileIndexStore } from './sqlite-file-index-store.ts';
import { SqliteInviteStore } from './sqlite-invite-store.ts';
import { SqliteMembershipStore } from './sqlite-membership-store.ts';
import { migrateRecordSchema } from './sqlite-record-schema.ts';
import { SqliteRunner } from './sqlite-runner.ts';
import { SqliteSessionStore } from './sqlite-session-store.ts';
import { SqliteSubjectStore } from './sqlite-subject-store.ts';
import type { BindSubjectOutcome, SubjectRecord } from './subject-store.ts';

export class SqliteRecords implements Records {
	readonly accounts: SqliteAccountStore;
	readonly sessions: SqliteSessionStore;
	readonly subjects: SqliteSubjectStore;
	readonly memberships: SqliteMembershipStore;
	readonly invites: SqliteInviteStore;
	readonly files: SqliteFileIndexStore;
	readonly orders: SqliteOrderStore;
	readonly approved: SqliteApprovedRecordStore;
	#sql: SqliteRunner;

	/** Migrates the record tables of `db` on the way. */
	constructor(db: DatabaseSync) {
		migrateRecordSchema(db);
		migrateOrderSchema(db);
		const sql = (this.#sql = new SqliteRunner(db));
		this.accounts = new SqliteAccountStore(sql);
		this.sessions = new SqliteSessionStore(sql);
		this.subjects = new SqliteSubjectStore(sql);
		this.memberships = new SqliteMembershipStore(sql);
		this.invites = new SqliteInviteStore(sql);
		this.files = new SqliteFileIndexStore(sql);
		this.orders = new SqliteOrderStore(sql);
		this.approved = new SqliteApprovedRecordStore(sql);
	}

	async bindSubject(subject: SubjectRecord): Promise<BindSubjectOutcome> {
		return this.#sql.transaction(() => {
			const outcome = this.subjects.insertUnlessBound(subject);
			if (outcome === 'created') this.memberships.add(subject.id, subject.ownerAccountId, 'owner');
			return outcome;
		});
	}

	async acceptInvite(codeHash: string, accountId: string, at: number): Promise<AcceptInviteOutcome> {
		return this.#sql.transaction(() => acceptInviteSteps(this.invites, this.memberships, codeHash, accountId, at));
	}

	/** Leaves the shared database open when the DocStore closed it first; idempotent. */
	async close(): Promise<void> {
		if (this.#sql.db.isOpen) this.#sql.db.close();
	}
}
