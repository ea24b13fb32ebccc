/**
 * Who works on which subject, in which role. Contract MEM-S* (`../README.md`).
 *
 * Invariants: a subject's owner is its member with role `owner`; an account is a member of a
 * subject at most once. Memberships are added only by the two cross-aggregate steps of
 * `Records` (binding a subject adds its owner, accepting an invite adds the invitee), each in
 * one transaction with the record it belongs to; this store reads, changes and removes them.
 */
import type { Role } from '../../access/access.ts';

/** A subject the account is a member of, with the subject's current name. */
export interface MembershipRecord {
	readonly subjectId: string;
	readonly role: Role;
	readonly subjectName: string;
}

/** A member of a subject, with the account's e-mail. */
export interface MemberRecord {
	readonly accountId: string;
	readonly email: string;
	readonly role: Role;
}

export interface MembershipStore {
	roleOf(accountId: string, subjectId: string): Promise<Role | null>;
	/** Every subject the account is a member of (its own included, as owner), oldest membership first. */
	ofAccount(accountId: string): Promise<MembershipRecord[]>;
	/** Every member of a subject (the owner included), oldest membership first. */
	ofSubject(subjectId: string): Promise<MemberRecord[]>;
	/** Changes a member's role; false when the account is not a member. */
	setRole(subjectId: string, accountId: string, role: Role): Promise<boolean>;
	/** Removes a membership; false when there was none. */
	remove(subjectId: string, accountId: string): Promise<boolean>;
}
