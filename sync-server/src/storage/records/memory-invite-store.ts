/** In-memory InviteStore (tests and benchmarks): same contract, nothing survives the process. */
import type { InviteRecord, InviteStore } from './invite-store.ts';
import { copyOf, type MemoryGate } from './memory-gate.ts';

export class MemoryInviteStore implements InviteStore {
	#gate: MemoryGate;
	#rows = new Map<string, InviteRecord>();

	constructor(gate: MemoryGate) {
		this.#gate = gate;
	}

	async create(invite: InviteRecord): Promise<void> {
		this.#gate.check();
		if (this.#rows.has(invite.codeHash)) throw new Error('duplicate invite code');
		this.#rows.set(invite.codeHash, { ...invite });
	}

	async byCodeHash(codeHash: string): Promise<InviteRecord | null> {
		this.#gate.check();
		return copyOf(this.#rows.get(codeHash));
	}

	/** Step of `MemoryRecords.acceptInvite`: the stored invite, not a copy. */
	peek(codeHash: string): InviteRecord | undefined {
		return this.#rows.get(codeHash);
	}

	/** Step of `MemoryRecords.acceptInvite`. */
	markUsed(codeHash: string, accountId: string, at: number): void {
		const invite = this.#rows.get(codeHash);
		if (invite) this.#rows.set(codeHash, { ...invite, usedAt: at, usedBy: accountId });
	}
}
