/**
 * The contract between the parts of the server that decide who may do what (accounts,
 * sessions, memberships — `sync-server/src/accounts/`) and the parts that enforce it
 * (`/sync`, `/files`). Implemented by the accounts module; consumed by the sync endpoint and
 * the file endpoint, which receive it as a parameter.
 */
import type { IncomingMessage } from 'node:http';

export type Role = 'owner' | 'editor' | 'viewer';

export interface SessionInfo {
	readonly sessionId: string;
	readonly accountId: string;
	/** When the session ends unless used again (ms since the epoch); absent when it does not expire. */
	readonly expiresAt?: number;
}

/** Something whose access ended: the sockets and uploads matching it must stop at once. */
export type AccessRevocation =
	| { readonly kind: 'session'; readonly sessionId: string }
	| { readonly kind: 'membership'; readonly accountId: string; readonly subjectId: string };

/**
 * A member's role changed (never to or from `owner`). Not a revocation: open connections keep
 * running with the new role — a viewer's writes are refused from then on, an editor's accepted.
 */
export interface RoleChange {
	readonly accountId: string;
	readonly subjectId: string;
	readonly role: Role;
}

/** An account's new display name: its open sockets stamp it on their presence from the next update. */
export interface DisplayNameChange {
	readonly accountId: string;
	readonly displayName: string;
}

export interface Access {
	/** The session of a request's `beian_session` cookie; null when missing, unknown, expired or revoked. Renews it on use. */
	sessionFromRequest(req: IncomingMessage): Promise<SessionInfo | null>;
	/** The role of an account in a subject workspace; null when not a member. */
	roleOf(accountId: string, subjectId: string): Promise<Role | null>;
	/** Whether a request's `Origin` header is allowed (a missing Origin is allowed: non-browser clients still need a session). */
	isAllowedOrigin(origin: string | undefined): boolean;
	/** Subscribes to revocations; returns the unsubscribe function. */
	onRevoked(listener: (revocation: AccessRevocation) => void): () => void;
	/** When a session ends unless used again; null when it has ended (expired or revoked). Optional for other implementations. */
	sessionExpiresAt?(sessionId: string): Promise<number | null>;
	/** The display name an account shows to its subject's members ('' when none). Optional for other implementations. */
	displayNameOf?(accountId: string): Promise<string>;
	/** Subscribes to role changes; returns the unsubscribe function. Optional for other implementations. */
	onRoleChanged?(listener: (change: RoleChange) => void): () => void;
	/** Subscribes to display-name changes (PRES-5); returns the unsubscribe function. Optional for other implementations. */
	onDisplayNameChanged?(listener: (change: DisplayNameChange) => void): () => void;
}
