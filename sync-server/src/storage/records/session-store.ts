/**
 * Sessions of accounts. Contract SES-S* (`../README.md`). The secret token is never stored:
 * a session is found by the SHA-256 of its token. Whether a session is still valid is decided
 * by the accounts module (`accounts/sessions.ts`); the store only filters by the times it is given.
 */

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

export interface SessionStore {
	/** Adds a session; rejects a duplicate id. */
	create(session: SessionRecord): Promise<void>;
	byTokenHash(tokenHash: string): Promise<SessionRecord | null>;
	byId(id: string): Promise<SessionRecord | null>;
	/** Sessions of an account that are neither revoked nor expired at `now`, most recently seen first. */
	activeOf(accountId: string, now: number): Promise<SessionRecord[]>;
	/** Records use of a session: new last-seen time and (sliding) expiry. Unknown ids are ignored. */
	touch(id: string, times: { lastSeenAt: number; expiresAt: number }): Promise<void>;
	/** Marks a session revoked; false when it is unknown or already revoked. */
	revoke(id: string, at: number): Promise<boolean>;
	/** Deletes sessions that expired or were revoked before `before`; returns how many. */
	prune(before: number): Promise<number>;
}
