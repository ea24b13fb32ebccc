/** In-memory SessionStore (tests and benchmarks): same contract, nothing survives the process. */
import { copyOf, type MemoryGate } from './memory-gate.ts';
import type { SessionRecord, SessionStore } from './session-store.ts';

export class MemorySessionStore implements SessionStore {
	#gate: MemoryGate;
	#rows = new Map<string, SessionRecord>();

	constructor(gate: MemoryGate) {
		this.#gate = gate;
	}

	async create(session: SessionRecord): Promise<void> {
		this.#gate.check();
		if (this.#rows.has(session.id)) throw new Error('duplicate session id');
		this.#rows.set(session.id, { ...session });
	}

	async byTokenHash(tokenHash: string): Promise<SessionRecord | null> {
		this.#gate.check();
		return copyOf([...this.#rows.values()].find((s) => s.tokenHash === tokenHash));
	}

	async byId(id: string): Promise<SessionRecord | null> {
		this.#gate.check();
		return copyOf(this.#rows.get(id));
	}

	async activeOf(accountId: string, now: number): Promise<SessionRecord[]> {
		this.#gate.check();
		return [...this.#rows.values()]
			.filter((s) => s.accountId === accountId && s.revokedAt === null && s.expiresAt > now)
			.sort((a, b) => b.lastSeenAt - a.lastSeenAt)
			.map((s) => ({ ...s }));
	}

	async touch(id: string, times: { lastSeenAt: number; expiresAt: number }): Promise<void> {
		this.#gate.check();
		const session = this.#rows.get(id);
		if (session) this.#rows.set(id, { ...session, ...times });
	}

	async revoke(id: string, at: number): Promise<boolean> {
		this.#gate.check();
		const session = this.#rows.get(id);
		if (!session || session.revokedAt !== null) return false;
		this.#rows.set(id, { ...session, revokedAt: at });
		return true;
	}

	async prune(before: number): Promise<number> {
		this.#gate.check();
		let pruned = 0;
		for (const [id, s] of this.#rows) {
			if (s.expiresAt < before || (s.revokedAt !== null && s.revokedAt < before)) {
				this.#rows.delete(id);
				pruned++;
			}
		}
		return pruned;
	}
}
