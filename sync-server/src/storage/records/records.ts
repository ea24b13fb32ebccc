/**
 * The server's records, one store per aggregate, and the steps that span aggregates.
 * Plain records in, plain records out: every decision (who may do what, what is expired) is
 * made by the accounts module; the stores guarantee their uniqueness rules, atomically.
 *
 * Steps that change more than one aggregate are named operations here, never a sequence of
 * store calls by a caller: each implementation runs one as a single transaction (SQLite:
 * `BEGIN IMMEDIATE`; PostgreSQL later: one client, `BEGIN … COMMIT`, with the stores bound to
 * that client). A new cross-aggregate step (orders, reviews) is added here the same way.
 * Contract REC-S* and the store contracts are listed in `../README.md`.
 */
import type { AccountStore } from './account-store.ts';
import type { ApprovedRecordStore } from './approved-record-store.ts';
import type { FileIndexStore } from './file-index-store.ts';
import type { Role } from '../../access/access.ts';
import type { InviteRecord, InviteStore } from './invite-store.ts';
import type { MembershipStore } from './membership-store.ts';
import type { OrderStore } from './order-store.ts';
import type { SessionStore } from './session-store.ts';
import type { BindSubjectOutcome, SubjectRecord, SubjectStore } from './subject-store.ts';

export type AcceptInviteOutcome = 'accepted' | 'not-found' | 'used' | 'already-member';

export interface Records {
	readonly accounts: AccountStore;
	readonly sessions: SessionStore;
	readonly subjects: SubjectStore;
	readonly memberships: MembershipStore;
	readonly invites: InviteStore;
	readonly files: FileIndexStore;
	/** Orders, their revisions and audit log (ORD-S*). */
	readonly orders: OrderStore;
	/** Approved records (APR-S*). */
	readonly approved: ApprovedRecordStore;

	/**
	 * Binds a subject to its owner and adds the owner's membership (role `owner`), in one
	 * transaction — unless the account already has a subject or the certificate is bound.
	 */
	bindSubject(subject: SubjectRecord): Promise<BindSubjectOutcome>;
	/**
	 * Uses an invite for an account in one transaction: marks it used and adds the membership
	 * with the invite's role. Does not look at expiry (the caller decides); refuses a used
	 * invite or an existing member, changing nothing.
	 */
	acceptInvite(codeHash: string, accountId: string, at: number): Promise<AcceptInviteOutcome>;

	/** Closes every store; idempotent. */
	close(): Promise<void>;
}

/** What the cross-aggregate steps need of the stores, answered synchronously (inside one transaction). */
export interface SyncInviteSteps {
	peek(codeHash: string): InviteRecord | null | undefined;
	markUsed(codeHash: string, accountId: string, at: number): void;
}
export interface SyncMembershipSteps {
	has(subjectId: string, accountId: string): boolean;
	add(subjectId: string, accountId: string, role: Role): void;
}

/**
 * Accepting an invite, step by step: the invite is used and the member added, or nothing
 * changes. Both implementations run it with no await in between (SQLite inside its transaction).
 */
export function acceptInviteSteps(invites: SyncInviteSteps, memberships: SyncMembershipSteps, codeHash: string, accountId: string, at: number): AcceptInviteOutcome {
	const invite = invites.peek(codeHash);
	if (!invite) return 'not-found';
	if (invite.usedAt !== null) return 'used';
	if (memberships.has(invite.subjectId, accountId)) return 'already-member';
	invites.markUsed(codeHash, accountId, at);
	memberships.add(invite.subjectId, accountId, invite.role);
	return 'accepted';
}
