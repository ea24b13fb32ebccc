/** In-memory MembershipStore (tests and benchmarks): same contract, nothing survives the process. */
import type { Role } from '../../access/access.ts';
import { pairKey, type MemoryGate } from './memory-gate.ts';
import type { MemberRecord, MembershipRecord, MembershipStore } from './membership-store.ts';

interface Membership {
	subjectId: string;
	accountId: string;
	role: Role;
	seq: number;
}

/** The other aggregates' values a member list shows (the SQLite store joins their tables). */
export interface MembershipLookups {
	subjectName(subjectId: string): string;
	accountEmail(accountId: string): string;
}

export class MemoryMembershipStore implements MembershipStore {
	#gate: MemoryGate;
	#lookups: MembershipLookups;
	#rows = new Map<string, Membership>();
	#seq = 0;

	constructor(gate: MemoryGate, lookups: MembershipLookups) {
		this.#gate = gate;
		this.#lookups = lookups;
	}

	async roleOf(accountId: string, subjectId: string): Promise<Role | null> {
		this.#gate.check();
		return this.#rows.get(pairKey(subjectId, accountId))?.role ?? null;
	}

	async ofAccount(accountId: string): Promise<MembershipRecord[]> {
		this.#gate.check();
		return this.#sorted()
			.filter((m) => m.accountId === accountId)
			.map((m) => ({ subjectId: m.subjectId, role: m.role, subjectName: this.#lookups.subjectName(m.subjectId) }));
	}

	async ofSubject(subjectId: string): Promise<MemberRecord[]> {
		this.#gate.check();
		return this.#sorted()
			.filter((m) => m.subjectId === subjectId)
			.map((m) => ({ accountId: m.accountId, role: m.role, email: this.#lookups.accountEmail(m.accountId) }));
	}

	async setRole(subjectId: string, accountId: string, role: Role): Promise<boolean> {
		this.#gate.check();
		const member = this.#rows.get(pairKey(subjectId, accountId));
		if (!member) return false;
		member.role = role;
		return true;
	}

	async remove(subjectId: string, accountId: string): Promise<boolean> {
		this.#gate.check();
		return this.#rows.delete(pairKey(subjectId, accountId));
	}

	/** Step of the cross-aggregate operations of `MemoryRecords`. */
	has(subjectId: string, accountId: string): boolean {
		return this.#rows.has(pairKey(subjectId, accountId));
	}

	/** Step of the cross-aggregate operations of `MemoryRecords`. */
	add(subjectId: string, accountId: string, role: Role): void {
		this.#rows.set(pairKey(subjectId, accountId), { subjectId, accountId, role, seq: ++this.#seq });
	}

	#sorted(): Membership[] {
		return [...this.#rows.values()].sort((a, b) => a.seq - b.seq);
	}
}
