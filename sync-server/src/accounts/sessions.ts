/**
 * Sessions: a random 32-byte token in the cookie, only its SHA-256 in the store. A session
 * lives `lifetimeMs` after its last use (sliding) — the last use is written at most once per
 * `touchIntervalMs`, so a busy client does not write on every request. Revoking one tells
 * the endpoints at once, which close its sockets.
 */
import type { SessionRecord, SessionStore } from '../storage/records/session-store.ts';
import type { Revocations } from './revocations.ts';
import { hashSecret, newId, newSessionToken } from './secrets.ts';

export interface SessionsOptions {
	store: SessionStore;
	revocations: Revocations;
	now: () => number;
	/** Lifetime after the last use. */
	lifetimeMs: number;
	/** Write the last-use time at most this often. */
	touchIntervalMs: number;
}

/** A session as listed to its account: the public id, never the token. */
export interface PublicSession {
	readonly id: string;
	readonly createdAt: string;
	readonly lastSeenAt: string;
	readonly userAgent: string | null;
	readonly current: boolean;
}

export interface AuthenticatedSession {
	readonly session: SessionRecord;
	/** Whether this use extended the session (the cookie's Max-Age should be renewed too). */
	readonly renewed: boolean;
}

export class Sessions {
	#options: SessionsOptions;

	constructor(options: SessionsOptions) {
		this.#options = options;
	}

	get lifetimeMs(): number {
		return this.#options.lifetimeMs;
	}

	/** Starts a session; returns the secret token for the cookie. */
	async start(accountId: string, userAgent: string | null): Promise<{ token: string; session: SessionRecord }> {
		const now = this.#options.now();
		const token = newSessionToken();
		const session: SessionRecord = {
			id: newId(),
			tokenHash: hashSecret(token),
			accountId,
			createdAt: now,
			lastSeenAt: now,
			expiresAt: now + this.#options.lifetimeMs,
			userAgent,
			revokedAt: null
		};
		await this.#options.store.create(session);
		return { token, session };
	}

	/** The live session of a token; null when unknown, expired or revoked. Renews it when due. */
	async authenticate(token: string): Promise<AuthenticatedSession | null> {
		const { store, now: clock, lifetimeMs, touchIntervalMs } = this.#options;
		const session = await store.byTokenHash(hashSecret(token));
		const now = clock();
		if (!session || session.revokedAt !== null || session.expiresAt <= now) return null;
		if (now - session.lastSeenAt < touchIntervalMs) return { session, renewed: false };
		const times = { lastSeenAt: now, expiresAt: now + lifetimeMs };
		await store.touch(session.id, times);
		return { session: { ...session, ...times }, renewed: true };
	}

	/** The account's live sessions, most recently used first. */
	async list(accountId: string, currentId: string): Promise<PublicSession[]> {
		const sessions = await this.#options.store.activeOf(accountId, this.#options.now());
		return sessions.map((s) => ({
			id: s.id,
			createdAt: new Date(s.createdAt).toISOString(),
			lastSeenAt: new Date(s.lastSeenAt).toISOString(),
			userAgent: s.userAgent,
			current: s.id === currentId
		}));
	}

	/**
	 * Revokes every live session of the account but `keep` (null: all of them), each through the
	 * revocations so its open sync sockets and downloads close at once (after a password reset
	 * or change). Returns how many it revoked.
	 */
	async revokeOthers(accountId: string, keep: string | null): Promise<number> {
		const { store, revocations, now } = this.#options;
		let revoked = 0;
		for (const session of await store.activeOf(accountId, now())) {
			if (session.id === keep || !(await store.revoke(session.id, now()))) continue;
			revocations.revoke({ kind: 'session', sessionId: session.id });
			revoked += 1;
		}
		return revoked;
	}

	/** Revokes one of the account's own sessions; false when it has no such live session. */
	async revoke(accountId: string, sessionId: string): Promise<boolean> {
		const { store, revocations, now } = this.#options;
		const session = await store.byId(sessionId);
		if (!session || session.accountId !== accountId) return false;
		if (!(await store.revoke(sessionId, now()))) return false;
		revocations.revoke({ kind: 'session', sessionId });
		return true;
	}
}
