/**
 * Fan-out of access changes to the endpoints that enforce them (`/sync`, `/files`): a revoked
 * session or membership, a changed role and a changed display name. A listener that throws is logged and skipped; it
 * never stops the others or the request that caused the change.
 *
 * In a cluster an `AccessBus` carries each change to the other nodes (Redis pub/sub,
 * cluster/redis-access-bus.ts), whose listeners run as if the change had happened there — so a
 * revoked session's sockets close on every node. The bus is not durable: a node that misses a
 * revocation still refuses the session at its next check (the records are shared), and a
 * socket's session expiry check (sync/session-expiry.ts) closes it then.
 */
import type { AccessRevocation, DisplayNameChange, RoleChange } from '../access/access.ts';
import type { Logger } from '../log.ts';

export type AccessChange =
	| { readonly kind: 'revoked'; readonly revocation: AccessRevocation }
	| { readonly kind: 'role'; readonly change: RoleChange }
	| { readonly kind: 'renamed'; readonly change: DisplayNameChange };

/** Carries access changes between nodes; `subscribe` receives only the other nodes' changes. */
export interface AccessBus {
	publish(change: AccessChange): void;
	subscribe(listener: (change: AccessChange) => void): () => void;
}

export class Revocations {
	#revoked = new Set<(revocation: AccessRevocation) => void>();
	#roleChanged = new Set<(change: RoleChange) => void>();
	#renamed = new Set<(change: DisplayNameChange) => void>();
	#logger: Logger;
	#bus: AccessBus | null;

	constructor(logger: Logger, bus?: AccessBus) {
		this.#logger = logger;
		this.#bus = bus ?? null;
		bus?.subscribe((change) => {
			if (change.kind === 'revoked') this.#revokeHere(change.revocation);
			else if (change.kind === 'role') this.#changeRoleHere(change.change);
			else this.#renameHere(change.change);
		});
	}

	onRevoked(listener: (revocation: AccessRevocation) => void): () => void {
		this.#revoked.add(listener);
		return () => this.#revoked.delete(listener);
	}

	onRoleChanged(listener: (change: RoleChange) => void): () => void {
		this.#roleChanged.add(listener);
		return () => this.#roleChanged.delete(listener);
	}

	onDisplayNameChanged(listener: (change: DisplayNameChange) => void): () => void {
		this.#renamed.add(listener);
		return () => this.#renamed.delete(listener);
	}

	revoke(revocation: AccessRevocation): void {
		this.#revokeHere(revocation);
		this.#publish({ kind: 'revoked', revocation });
	}

	rename(change: DisplayNameChange): void {
		this.#renameHere(change);
		this.#publish({ kind: 'renamed', change });
	}

	changeRole(change: RoleChange): void {
		this.#changeRoleHere(change);
		this.#publish({ kind: 'role', change });
	}

	#revokeHere(revocation: AccessRevocation): void {
		for (const listener of this.#revoked) this.#call(() => listener(revocation));
	}

	#renameHere(change: DisplayNameChange): void {
		for (const listener of this.#renamed) this.#call(() => listener(change));
	}

	#changeRoleHere(change: RoleChange): void {
		for (const listener of this.#roleChanged) this.#call(() => listener(change));
	}

	#publish(change: AccessChange): void {
		this.#call(() => this.#bus?.publish(change));
	}

	#call(run: () => void): void {
		try {
			run();
		} catch (error) {
			this.#logger.log('error', 'access listener failed', { error: String(error) });
		}
	}
}
