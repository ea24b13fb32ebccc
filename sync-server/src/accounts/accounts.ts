/**
 * The accounts module: builds the services behind `/api` and implements the `Access`
 * contract that `/sync` and `/files` enforce. One instance per server.
 */
import type { IncomingMessage } from 'node:http';
import type { Access, AccessRevocation, DisplayNameChange, Role, RoleChange, SessionInfo } from '../access/access.ts';
import type { AccessLimits } from '../access/limits.ts';
import type { Logger } from '../log.ts';
import type { Records } from '../storage/records/records.ts';
import type { SubjectRecord } from '../storage/records/subject-store.ts';
import { AccountService } from './account-service.ts';
import { clearedSessionCookie, readSessionToken, sessionCookie } from './cookies.ts';
import { InviteService } from './invite-service.ts';
import { OriginPolicy } from './origin-policy.ts';
import { PasswordAttempts } from './password-attempts.ts';
import type { ScryptCost } from './passwords.ts';
import { isHttps } from './request-info.ts';
import type { RateLimits } from './rate-limit.ts';
import { Revocations, type AccessBus } from './revocations.ts';
import { Sessions } from './sessions.ts';
import { SubjectService } from './subject-service.ts';

export interface AccountsOptions {
	records: Records;
	logger: Logger;
	limits: AccessLimits;
	/** Allowed origins; null or empty for `http://localhost:PORT` and `http://127.0.0.1:PORT`. */
	allowedOrigins: readonly string[] | null;
	/** Honour `X-Forwarded-Proto` / `X-Forwarded-For` from a reverse proxy. */
	trustProxy: boolean;
	sessionLifetimeMs: number;
	sessionTouchIntervalMs: number;
	scryptCost: ScryptCost;
	now: () => number;
	onSubjectBound: (subject: SubjectRecord) => Promise<void>;
	/** Where the rate limits' counters live (default this process; Redis in a cluster). */
	rateLimits: RateLimits;
	/** Shares revocations and role changes with the other nodes of a cluster. */
	accessBus?: AccessBus;
}

export interface Authenticated extends SessionInfo {
	/** Set when this use renewed the session: send the cookie again with a fresh Max-Age. */
	readonly renewedToken: string | null;
}

export class Accounts implements Access {
	readonly sessions: Sessions;
	readonly accounts: AccountService;
	readonly subjects: SubjectService;
	readonly invites: InviteService;
	readonly origins: OriginPolicy;
	/** The one guard every password check uses (sign-in; later the legacy import). */
	readonly passwordAttempts: PasswordAttempts;
	readonly trustProxy: boolean;
	#revocations: Revocations;
	#records: Records;
	#now: () => number;
	#logger: Logger;

	constructor(options: AccountsOptions) {
		const { records, logger, now } = options;
		this.#records = records;
		this.#now = now;
		this.#logger = logger;
		this.trustProxy = options.trustProxy;
		this.#revocations = new Revocations(logger, options.accessBus);
		this.origins = new OriginPolicy(options.allowedOrigins);
		this.sessions = new Sessions({
			store: records.sessions,
			revocations: this.#revocations,
			now,
			lifetimeMs: options.sessionLifetimeMs,
			touchIntervalMs: options.sessionTouchIntervalMs
		});
		const { signInPerIp, signInPerAccount, signInPerAccountTotal } = options.limits;
		this.passwordAttempts = new PasswordAttempts({ perAddress: signInPerIp, perAccountAndAddress: signInPerAccount, perAccount: signInPerAccountTotal }, now, options.rateLimits);
		this.accounts = new AccountService({
			store: records.accounts,
			sessions: this.sessions,
			logger,
			limits: options.limits,
			passwordAttempts: this.passwordAttempts,
			scryptCost: options.scryptCost,
			revocations: this.#revocations,
			now,
			rateLimits: options.rateLimits
		});
		this.subjects = new SubjectService({ records, revocations: this.#revocations, logger, now, onSubjectBound: options.onSubjectBound });
		this.invites = new InviteService({ records, logger, now });
	}

	/** The live session of a request's cookie, renewing it when due; null when signed out. */
	async authenticate(req: IncomingMessage): Promise<Authenticated | null> {
		const token = readSessionToken(req, isHttps(req, this.trustProxy));
		if (token === null) return null;
		const found = await this.sessions.authenticate(token);
		if (!found) return null;
		const { id: sessionId, accountId, expiresAt } = found.session;
		return { sessionId, accountId, expiresAt, renewedToken: found.renewed ? token : null };
	}

	async sessionFromRequest(req: IncomingMessage): Promise<SessionInfo | null> {
		const found = await this.authenticate(req);
		return found ? { sessionId: found.sessionId, accountId: found.accountId, expiresAt: found.expiresAt } : null;
	}

	async sessionExpiresAt(sessionId: string): Promise<number | null> {
		const session = await this.#records.sessions.byId(sessionId);
		if (!session || session.revokedAt !== null || session.expiresAt <= this.#now()) return null;
		return session.expiresAt;
	}

	async displayNameOf(accountId: string): Promise<string> {
		return (await this.#records.accounts.byId(accountId))?.displayName ?? '';
	}

	roleOf(accountId: string, subjectId: string): Promise<Role | null> {
		return this.#records.memberships.roleOf(accountId, subjectId);
	}

	isAllowedOrigin(origin: string | undefined): boolean {
		return this.origins.isAllowed(origin);
	}

	/** Where links the server mails point (OriginPolicy.linkOrigin). */
	linkOrigin(requestOrigin: string | undefined): string {
		return this.origins.linkOrigin(requestOrigin);
	}

	onRevoked(listener: (revocation: AccessRevocation) => void): () => void {
		return this.#revocations.onRevoked(listener);
	}

	onRoleChanged(listener: (change: RoleChange) => void): () => void {
		return this.#revocations.onRoleChanged(listener);
	}

	onDisplayNameChanged(listener: (change: DisplayNameChange) => void): () => void {
		return this.#revocations.onDisplayNameChanged(listener);
	}

	/** Deletes sessions that ended (expired or revoked) more than a day ago; never throws. */
	async pruneSessions(): Promise<void> {
		try {
			const pruned = await this.#records.sessions.prune(this.#now() - 24 * 3_600_000);
			if (pruned > 0) this.#logger.log('info', 'sessions pruned', { pruned });
		} catch (error) {
			this.#logger.log('error', 'pruning sessions failed', { error: String(error) });
		}
	}

	/** `Set-Cookie` for a session token, `Secure` when the request came over HTTPS. */
	cookieFor(req: IncomingMessage, token: string): string {
		return sessionCookie(token, { maxAgeSeconds: this.sessions.lifetimeMs / 1000, secure: isHttps(req, this.trustProxy) });
	}

	/** `Set-Cookie` that deletes the session cookie. */
	clearedCookieFor(req: IncomingMessage): string {
		return clearedSessionCookie({ secure: isHttps(req, this.trustProxy) });
	}
}
