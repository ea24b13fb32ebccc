/**
 * Reviewer accounts (issue 12, REV-A1…A3): the access provider's desk, apart from applicants.
 * A reviewer is an ordinary account (it signs in the same way) with a row in the reviewer store;
 * it starts with a one-time password that must be replaced before any reviewer route answers.
 * Used by the server (first start, the password route) and by `admin.ts`.
 */
import { fail, succeed, type Outcome } from '../accounts/outcome.ts';
import { normalizeEmail } from '../accounts/account-service.ts';
import { hashPassword, verifyPassword, type ScryptCost } from '../accounts/passwords.ts';
import { newId } from '../accounts/secrets.ts';
import type { AccountStore } from '../storage/records/account-store.ts';
import type { ReviewerStore } from '../storage/review/review-stores.ts';

export interface ReviewerDeps {
	readonly accounts: AccountStore;
	readonly reviewers: ReviewerStore;
	readonly scryptCost: ScryptCost;
	readonly now: () => number;
	/** Ends the account's other sessions after a password change (their sockets close at once). */
	readonly sessions?: { revokeOthers(accountId: string, keep: string | null): Promise<number> };
}

export interface OneTimeCredentials {
	readonly accountId: string;
	readonly email: string;
	/** Shown once, never stored in clear. */
	readonly password: string;
}

/** The e-mail of the reviewer the first start creates. */
export const FIRST_REVIEWER_EMAIL = 'reviewer@beian.localhost';

/** A one-time password: 16 base32 characters (80 bits). */
export function oneTimePassword(): string {
	return newId();
}

/** Adds a reviewer account with a one-time password (REV-A1); refuses an e-mail that already has an account. */
export async function addReviewer(deps: ReviewerDeps, rawEmail: string): Promise<Outcome<OneTimeCredentials>> {
	const email = normalizeEmail(rawEmail);
	if (email === null) return fail(400, 'invalid-input', 'Not an e-mail address', { issues: [{ path: ['email'], rule: 'MAIL-1' }] });
	const password = oneTimePassword();
	const account = { id: newId(), email, passwordHash: await hashPassword(password, deps.scryptCost), createdAt: deps.now(), displayName: '' };
	if ((await deps.accounts.create(account)) === 'email-taken') return fail(409, 'email-taken', 'An account with this e-mail exists');
	await deps.reviewers.add({ accountId: account.id, mustChangePassword: true, createdAt: account.createdAt });
	return succeed({ accountId: account.id, email, password });
}

/** On the first start (no reviewer yet) creates one and returns its credentials; null afterwards. */
export async function ensureFirstReviewer(deps: ReviewerDeps): Promise<OneTimeCredentials | null> {
	if ((await deps.reviewers.count()) > 0) return null;
	const taken = await deps.accounts.byEmail(FIRST_REVIEWER_EMAIL);
	const outcome = await addReviewer(deps, taken ? `reviewer-${newId()}@beian.localhost` : FIRST_REVIEWER_EMAIL);
	return outcome.ok ? outcome.value : null;
}

/** Replaces a reviewer's password after checking the current one (REV-A2); clears the first-sign-in flag and ends every other session but `keepSessionId`. */
export async function changeReviewerPassword(deps: ReviewerDeps, accountId: string, current: string, next: string, keepSessionId: string | null = null): Promise<Outcome<null>> {
	const account = await deps.accounts.byId(accountId);
	const reviewer = await deps.reviewers.get(accountId);
	if (!account || !reviewer) return fail(403, 'forbidden', 'Only reviewers change their password here');
	if (!(await verifyPassword(current, account.passwordHash))) return fail(401, 'invalid-credentials', 'The current password is wrong');
	if (next === current) return fail(400, 'invalid-input', 'The new password must differ from the one-time password', { issues: [{ path: ['newPassword'], rule: 'REV-A2' }] });
	await deps.accounts.setPasswordHash(accountId, await hashPassword(next, deps.scryptCost));
	await deps.reviewers.passwordChanged(accountId);
	await deps.sessions?.revokeOthers(accountId, keepSessionId);
	return succeed(null);
}
