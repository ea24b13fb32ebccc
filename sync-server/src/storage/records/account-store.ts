/**
 * Accounts: who can sign in. Contract ACC-S* (`../README.md`).
 * Invariant: an e-mail belongs to at most one account (callers pass it normalised to lowercase).
 * Times are milliseconds since the epoch.
 */

export interface AccountRecord {
	readonly id: string;
	/** Normalised: trimmed, lowercase. */
	readonly email: string;
	/** PHC-style scrypt string: algorithm, parameters, salt and hash. */
	readonly passwordHash: string;
	readonly createdAt: number;
	/** Shown to the members of its subject (presence); '' when none was given. */
	readonly displayName: string;
}

export type CreateAccountOutcome = 'created' | 'email-taken';

export interface AccountStore {
	/** Adds an account unless its e-mail is taken. */
	create(account: AccountRecord): Promise<CreateAccountOutcome>;
	byId(id: string): Promise<AccountRecord | null>;
	byEmail(email: string): Promise<AccountRecord | null>;
	/** Replaces an account's password hash; false when there is no such account. */
	setPasswordHash(id: string, passwordHash: string): Promise<boolean>;
	/** Changes the display name; false when there is no such account. */
	setDisplayName(id: string, displayName: string): Promise<boolean>;
}
