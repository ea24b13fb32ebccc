/** In-memory AccountStore (tests and benchmarks): same contract, nothing survives the process. */
import type { AccountRecord, AccountStore, CreateAccountOutcome } from './account-store.ts';
import { copyOf, type MemoryGate } from './memory-gate.ts';

export class MemoryAccountStore implements AccountStore {
	#gate: MemoryGate;
	#rows = new Map<string, AccountRecord>();

	constructor(gate: MemoryGate) {
		this.#gate = gate;
	}

	async create(account: AccountRecord): Promise<CreateAccountOutcome> {
		this.#gate.check();
		if ([...this.#rows.values()].some((a) => a.email === account.email)) return 'email-taken';
		if (this.#rows.has(account.id)) throw new Error('duplicate account id');
		this.#rows.set(account.id, { ...account });
		return 'created';
	}

	async byId(id: string): Promise<AccountRecord | null> {
		this.#gate.check();
		return copyOf(this.#rows.get(id));
	}

	async byEmail(email: string): Promise<AccountRecord | null> {
		this.#gate.check();
		return copyOf([...this.#rows.values()].find((a) => a.email === email));
	}

	async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
		this.#gate.check();
		const row = this.#rows.get(id);
		if (!row) return false;
		this.#rows.set(id, { ...row, passwordHash });
		return true;
	}

	async setDisplayName(id: string, displayName: string): Promise<boolean> {
		this.#gate.check();
		const found = this.#rows.get(id);
		if (!found) return false;
		this.#rows.set(id, { ...found, displayName });
		return true;
	}

	/** The e-mail of an account, for the membership store's member lists. */
	emailOf(id: string): string {
		return this.#rows.get(id)?.email ?? '';
	}
}
