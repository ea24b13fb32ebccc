/**
 * Fan-out of access changes to the endpoints that enforce them (`/sync`, `/files`): a revoked
 * session or membership, a changed role and a changed display name. A listener that throws is logged and skipped; it
 * never stops the others or the request that caused the change.
 */
import type { AccessRevocation, DisplayNameChange, RoleChange } from '../access/access.ts';
import type { Logger } from '../log.ts';

export class Revocations {
	#revoked = new Set<(revocation: AccessRevocation) => void>();
	#roleChanged = new Set<(change: RoleChange) => void>();
	#renamed = new Set<(change: DisplayNameChange) => void>();
	#logger: Logger;

	constructor(logger: Logger) {
		this.#logger = logger;
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
		for (const listener of this.#revoked) this.#call(() => listener(revocation));
	}

	rename(change: DisplayNameChange): void {
		for (const listener of this.#renamed) this.#call(() => listener(change));
	}

	changeRole(change: RoleChange): void {
		for (const listener of this.#roleChanged) this.#call(() => listener(change));
	}

	#call(run: () => void): void {
		try {
			run();
		} catch (error) {
			this.#logger.log('error', 'access listener failed', { error: String(error) });
		}
	}
}
