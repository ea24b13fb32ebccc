/**
 * One-time invites to a subject. Contract INV-S* (`../README.md`). The code is never stored:
 * an invite is kept by the SHA-256 of its code. Using one happens only through
 * `Records.acceptInvite` (marks it used and adds the membership in one transaction); expiry is
 * decided by the accounts module.
 */
import type { Role } from '../../access/access.ts';

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

export interface InviteStore {
	/** Adds an invite; rejects a duplicate code hash. */
	create(invite: InviteRecord): Promise<void>;
	byCodeHash(codeHash: string): Promise<InviteRecord | null>;
}
