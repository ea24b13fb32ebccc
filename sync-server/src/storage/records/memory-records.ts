/**
 * In-memory Records for tests and benchmarks: same contract, nothing survives the process.
 * A cross-aggregate step runs synchronously from its first check to its last write, so no
 * other call interleaves with it — the in-memory form of one transaction.
 */
import { MemoryAccountStore } from './memory-account-store.ts';
import { MemoryApprovedRecordStore } from './memory-approved-record-store.ts';
import { MemoryOrderStore } from './memory-order-store.ts';
import { MemoryFileIndexStore } from './memory-file-index-store.ts';
import { MemoryGate } from './memory-gate.ts';
import { MemoryInviteStore } from './memory-invite-store.ts';
import { MemoryMembershipStore } from './memory-membership-store.ts';
import { MemorySessionStore } from './memory-session-store.ts';
import { MemorySubjectStore } from './memory-subject-store.ts';
import { acceptInviteSteps, type AcceptInviteOutcome, type Records } from './records.ts';
import type { BindSubjectOutcome, SubjectRecord } from './subject-store.ts';

export class MemoryRecords implements Records {
	readonly accounts: MemoryAccountStore;
	readonly sessions: MemorySessionStore;
	readonly subjects: MemorySubjectStore;
	readonly memberships: MemoryMembershipStore;
	readonly invites: MemoryInviteStore;
	readonly files: MemoryFileIndexStore;
	readonly orders: MemoryOrderStore;
	readonly approved: MemoryApprovedRecordStore;
	#gate = new MemoryGate();

	constructor() {
		const gate = this.#gate;
		this.accounts = new MemoryAccountStore(gate);
		this.sessions = new MemorySessionStore(gate);
		this.subjects = new MemorySubjectStore(gate);
		this.memberships = new MemoryMembershipStore(gate, {
			subjectName: (id) => this.subjects.nameOf(id),
			accountEmail: (id) => this.accounts.emailOf(id)
		});
		this.invites = new MemoryInviteStore(gate);
		this.files = new MemoryFileIndexStore(gate);
		this.orders = new MemoryOrderStore(gate);
		this.approved = new MemoryApprovedRecordStore(gate);
	}

	async bindSubject(subject: SubjectRecord): Promise<BindSubjectOutcome> {
		this.#gate.check();
		const outcome = this.subjects.insertUnlessBound(subject);
		if (outcome === 'created') this.memberships.add(subject.id, subject.ownerAccountId, 'owner');
		return outcome;
	}

	async acceptInvite(codeHash: string, accountId: string, at: number): Promise<AcceptInviteOutcome> {
		this.#gate.check();
		return acceptInviteSteps(this.invites, this.memberships, codeHash, accountId, at);
	}

	async close(): Promise<void> {
		this.#gate.close();
	}
}
