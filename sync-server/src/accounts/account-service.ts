/**
 * Registration and sign-in. E-mails are normalised (trimmed, lowercased, checked with the
 * domain's MAIL-1) before they key anything; passwords are hashed with scrypt. Every password
 * check goes through the server's one {@link PasswordAttempts} guard (per IP, per e-mail and
 * IP, per e-mail; keyed by the normalised e-mail whether or not it exists), and an unknown
 * e-mail costs as much time as a wrong password, so neither the answer nor its timing tells
 * whether an account exists.
 */
import { parseEmail } from '../../../src/lib/domain/contact/email.ts';
import { checkFreeText } from '../../../src/lib/domain/text/sanitize.ts';
import { cleanDisplayName } from '../../../src/lib/domain/presence/presence.ts';
import type { AccessLimits } from '../access/limits.ts';
import type { Logger } from '../log.ts';
import type { AccountRecord, AccountStore } from '../storage/records/account-store.ts';
import { fail, rateLimited, succeed, type Outcome } from './outcome.ts';
import { hashPassword, verifyPassword, type ScryptCost } from './passwords.ts';
import type { PasswordAttempts } from './password-attempts.ts';
import { memoryRateLimits, type RateLimit, type RateLimits } from './rate-limit.ts';
import { newId } from './secrets.ts';
import type { Revocations } from './revocations.ts';
import type { Sessions } from './sessions.ts';

export interface AccountServiceOptions {
	store: AccountStore;
	sessions: Sessions;
	logger: Logger;
	limits: AccessLimits;
	/** The server's one guard in front of password checks. */
	passwordAttempts: PasswordAttempts;
	scryptCost: ScryptCost;
	/** Tells the open sockets of an account its new display name (optional: tests of this service alone). */
	revocations?: Revocations;
	now: () => number;
	/** Where the counters live (default this process; Redis in a cluster). */
	rateLimits?: RateLimits;
}

export interface Credentials {
	readonly email: string;
	readonly password: string;
}

export interface Registration extends Credentials {
	/** Shown to the subject's members (PRES-5); '' or absent when not given. */
	readonly displayName?: string;
}

/** The display name to store (PRES-5), or null when it holds characters a name must not have or is too long. */
export function acceptDisplayName(input: string): string | null {
	const trimmed = input.trim();
	return cleanDisplayName(trimmed) === trimmed ? trimmed : null;
}

const invalidDisplayName = () => fail(400, 'invalid-input', 'Not a display name', { issues: [{ path: ['displayName'], rule: 'PRES-5' }] });

export interface ClientInfo {
	readonly ip: string;
	readonly userAgent: string | null;
}

export interface SignedIn {
	readonly account: { readonly id: string; readonly email: string };
	/** The secret session token for the cookie. */
	readonly token: string;
}

/** The normalised e-mail (trimmed, lowercase), or null when it is not an address (MAIL-1) or holds control characters (TEXT-1). */
export function normalizeEmail(input: string): string | null {
	const trimmed = input.trim();
	if (checkFreeText(trimmed).some((issue) => issue.rule === 'TEXT-1')) return null;
	const parsed = parseEmail(trimmed);
	return parsed.ok ? parsed.value.comparable : null;
}

export class AccountService {
	#options: AccountServiceOptions;
	#registerPerIp: RateLimit;
	#dummyHash: Promise<string> | null = null;

	constructor(options: AccountServiceOptions) {
		this.#options = options;
		const { limits, now } = options;
		this.#registerPerIp = (options.rateLimits ?? memoryRateLimits(now))('register-address', limits.registerPerIp);
	}

	/** Creates an account and signs it in. */
	async register(credentials: Registration, client: ClientInfo): Promise<Outcome<SignedIn>> {
		const limit = await this.#registerPerIp.take(client.ip);
		if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
		const email = normalizeEmail(credentials.email);
		if (email === null) {
			return fail(400, 'invalid-input', 'Not an e-mail address', { issues: [{ path: ['email'], rule: 'MAIL-1' }] });
		}
		const displayName = acceptDisplayName(credentials.displayName ?? '');
		if (displayName === null) return invalidDisplayName();
		const { store, scryptCost, now, logger } = this.#options;
		if (await store.byEmail(email)) return fail(409, 'email-taken', 'An account with this e-mail exists');
		const account = { id: newId(), email, passwordHash: await hashPassword(credentials.password, scryptCost), createdAt: now(), displayName };
		if ((await store.create(account)) === 'email-taken') return fail(409, 'email-taken', 'An account with this e-mail exists');
		logger.log('info', 'account created', { accountId: account.id });
		return succeed(await this.#startSession(account, client));
	}

	/** Changes the account's display name (PRES-5); its open sockets stamp it from their next presence update. */
	async setDisplayName(accountId: string, input: string): Promise<Outcome<{ displayName: string }>> {
		const displayName = acceptDisplayName(input);
		if (displayName === null || displayName === '') return invalidDisplayName();
		if (!(await this.#options.store.setDisplayName(accountId, displayName))) return fail(401, 'unauthenticated', 'The account no longer exists');
		this.#options.revocations?.rename({ accountId, displayName });
		return succeed({ displayName });
	}

	/** Checks the password (through the guard, counted before the check) and starts a session. */
	async signIn(credentials: Credentials, client: ClientInfo): Promise<Outcome<SignedIn>> {
		const email = normalizeEmail(credentials.email) ?? credentials.email.trim().toLowerCase().slice(0, 320);
		const found: { account: AccountRecord | null } = { account: null };
		const check = await this.#options.passwordAttempts.check(email, client.ip, async () => {
			found.account = await this.#options.store.byEmail(email);
			const matches = await verifyPassword(credentials.password, found.account?.passwordHash ?? (await this.#dummy()));
			return found.account !== null && matches;
		});
		if (check.outcome === 'limited') return rateLimited(check.retryAfterSeconds);
		const { account } = found;
		if (check.outcome === 'wrong' || account === null) {
			this.#options.logger.log('info', 'sign-in failed', { ip: client.ip });
			return fail(401, 'invalid-credentials', 'Wrong e-mail or password');
		}
		return succeed(await this.#startSession(account, client));
	}

	async #startSession(account: { id: string; email: string }, client: ClientInfo): Promise<SignedIn> {
		const { token, session } = await this.#options.sessions.start(account.id, client.userAgent);
		this.#options.logger.log('info', 'signed in', { accountId: account.id, sessionId: session.id });
		return { account: { id: account.id, email: account.email }, token };
	}

	/** A hash of a random password with the current cost, verified when the e-mail is unknown. */
	#dummy(): Promise<string> {
		this.#dummyHash ??= hashPassword(newId(), this.#options.scryptCost);
		return this.#dummyHash;
	}
}
