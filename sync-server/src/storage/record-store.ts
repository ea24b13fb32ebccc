/**
 * Where accounts, sessions, subjects, memberships, invites, attachment references and blob
 * holders live.
 * Plain records in, plain records out: every decision (who may do what, what is expired) is
 * made by the accounts module; the store only guarantees the uniqueness rules below, atomically.
 *
 * Invariants every implementation keeps:
 * - an e-mail belongs to at most one account (callers pass it normalised to lowercase);
 * - an account owns at most one subject, and a certificate (its `certificateKey`) is bound to
 *   at most one subject — the one-account-one-subject rule;
 * - a subject's owner is also its member with role `owner`, created in the same step;
 * - an invite is used at most once, and using it adds the membership in the same step.
 *
 * Times are milliseconds since the epoch. Secrets are never stored: sessions and invites are
 * kept by the SHA-256 of their token or code.
 */
import type { Role } from '../access/access.ts';

export interface AccountRecord {
	readonly id: string;
	/** Normalised: trimmed, lowercase. */
	readonly email: string;
	/** PHC-style scrypt string: algorithm, parameters, salt and hash. */
	readonly passwordHash: string;
	readonly createdAt: number;
}

export interface SessionRecord {
	/** Public id (listed to the user, used to revoke); not the secret token. */
	readonly id: string;
	/** SHA-256 (base64url) of the secret token carried by the cookie. */
	readonly tokenHash: string;
	readonly accountId: string;
	readonly createdAt: number;
	readonly lastSeenAt: number;
	readonly expiresAt: number;
	readonly userAgent: string | null;
	readonly revokedAt: number | null;
}

export interface SubjectRecord {
	/** 16 characters of `a-z 2-7` (ROOM-2). */
	readonly id: string;
	readonly subjectType: string;
	readonly certificateType: string;
	/** Canonical number from the domain's `normalizeCertificate`. */
	readonly certificateNumber: string;
	/** The domain's `certificateKey`: equal for the same holder under different labels. Unique. */
	readonly certificateKey: string;
	readonly name: string;
	readonly ownerAccountId: string;
	readonly createdAt: number;
}

export interface MembershipRecord {
	readonly subjectId: string;
	readonly role: Role;
	readonly subjectName: string;
}

export interface MemberRecord {
	readonly accountId: string;
	readonly email: string;
	readonly role: Role;
}

export type InviteRole = Exclude<Role, 'owner'>;

export interface InviteRecord {
	/** SHA-256 (base64url) of the invite code. */
	readonly codeHash: string;
	readonly subjectId: string;
	readonly role: InviteRole;
	readonly createdBy: string;
	readonly createdAt: number;
	readonly expiresAt: number;
	readonly usedAt: number | null;
	readonly usedBy: string | null;
}

export interface HeldBytes {
	/** Sum of the sizes of the blobs the subject holds. */
	readonly bytes: number;
	/** Holders from before sizes were recorded (schema 2): their sizes are not in `bytes`. */
	readonly unsized: readonly string[];
}

export type CreateAccountOutcome = 'created' | 'email-taken';
export type CreateSubjectOutcome = 'created' | 'account-has-subject' | 'subject-bound-elsewhere';
export type UseInviteOutcome = 'accepted' | 'not-found' | 'used' | 'already-member';

export interface RecordStore {
	/** Adds an account unless its e-mail is taken. */
	createAccount(account: AccountRecord): Promise<CreateAccountOutcome>;
	accountById(id: string): Promise<AccountRecord | null>;
	accountByEmail(email: string): Promise<AccountRecord | null>;

	createSession(session: SessionRecord): Promise<void>;
	sessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
	sessionById(id: string): Promise<SessionRecord | null>;
	/** Sessions of an account that are neither revoked nor expired at `now`, most recently seen first. */
	activeSessionsOf(accountId: string, now: number): Promise<SessionRecord[]>;
	/** Records use of a session: new last-seen time and (sliding) expiry. */
	touchSession(id: string, times: { lastSeenAt: number; expiresAt: number }): Promise<void>;
	/** Marks a session revoked; false when it is unknown or already revoked. */
	revokeSession(id: string, at: number): Promise<boolean>;
	/** Deletes sessions that expired or were revoked before `before`; returns how many. */
	pruneSessions(before: number): Promise<number>;

	/** Binds a subject to its owner (and adds the owner membership), unless a uniqueness rule forbids it. */
	createSubject(subject: SubjectRecord): Promise<CreateSubjectOutcome>;
	subjectById(id: string): Promise<SubjectRecord | null>;
	subjectOwnedBy(accountId: string): Promise<SubjectRecord | null>;

	roleOf(accountId: string, subjectId: string): Promise<Role | null>;
	/** Every subject the account is a member of (its own included, as owner), oldest first. */
	membershipsOf(accountId: string): Promise<MembershipRecord[]>;
	/** Every member of a subject (the owner included), oldest first. */
	membersOf(subjectId: string): Promise<MemberRecord[]>;
	/** Changes a member's role; false when the account is not a member. */
	setRole(subjectId: string, accountId: string, role: Role): Promise<boolean>;
	/** Removes a membership; false when there was none. */
	removeMember(subjectId: string, accountId: string): Promise<boolean>;

	createInvite(invite: InviteRecord): Promise<void>;
	inviteByCodeHash(codeHash: string): Promise<InviteRecord | null>;
	/**
	 * Uses an invite for an account in one atomic step: marks it used and adds the membership.
	 * Does not look at expiry (the caller decides); refuses a used invite or an existing member.
	 */
	useInvite(codeHash: string, accountId: string, at: number): Promise<UseInviteOutcome>;

	/** Replaces the set of attachment hashes (lowercase hex SHA-256) a subject's docs reference. */
	setAttachmentRefs(subjectId: string, hashes: readonly string[]): Promise<void>;
	/** Subjects whose docs reference an attachment hash. */
	subjectsReferencing(sha256: string): Promise<string[]>;

	/**
	 * Records that a subject proved it has a blob's bytes: an upload into that subject finished
	 * and the server re-hashed it, `size` bytes long. Idempotent (a repeat records the size);
	 * never removed by reference changes.
	 */
	addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void>;
	/** Whether an upload into the subject delivered (and the server verified) these bytes. */
	subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean>;
	/** The bytes of the blobs a subject holds (its storage quota), and holders recorded before sizes were. */
	subjectHeldBytes(subjectId: string): Promise<HeldBytes>;

	/** Closes the store; idempotent. */
	close(): Promise<void>;
}
