/** In-memory RecordStore for tests and benchmarks: same contract, nothing survives the process. */
import type { Role } from '../access/access.ts';
import type {
	AccountRecord,
	CreateAccountOutcome,
	CreateSubjectOutcome,
	HeldBytes,
	InviteRecord,
	MemberRecord,
	MembershipRecord,
	RecordStore,
	SessionRecord,
	SubjectRecord,
	UseInviteOutcome
} from './record-store.ts';

interface Membership {
	subjectId: string;
	accountId: string;
	role: Role;
	seq: number;
}

export class MemoryRecordStore implements RecordStore {
	#accounts = new Map<string, AccountRecord>();
	#sessions = new Map<string, SessionRecord>();
	#subjects = new Map<string, SubjectRecord>();
	#members = new Map<string, Membership>();
	#invites = new Map<string, InviteRecord>();
	#refs = new Map<string, Set<string>>();
	/** Blob holders: subject + hash → size. */
	#holders = new Map<string, number>();
	#seq = 0;
	#closed = false;

	async createAccount(account: AccountRecord): Promise<CreateAccountOutcome> {
		this.#assertOpen();
		if ([...this.#accounts.values()].some((a) => a.email === account.email)) return 'email-taken';
		this.#accounts.set(account.id, { ...account });
		return 'created';
	}

	async accountById(id: string): Promise<AccountRecord | null> {
		this.#assertOpen();
		return copy(this.#accounts.get(id));
	}

	async accountByEmail(email: string): Promise<AccountRecord | null> {
		this.#assertOpen();
		return copy([...this.#accounts.values()].find((a) => a.email === email));
	}

	async createSession(session: SessionRecord): Promise<void> {
		this.#assertOpen();
		if (this.#sessions.has(session.id)) throw new Error('duplicate session id');
		this.#sessions.set(session.id, { ...session });
	}

	async sessionByTokenHash(tokenHash: string): Promise<SessionRecord | null> {
		this.#assertOpen();
		return copy([...this.#sessions.values()].find((s) => s.tokenHash === tokenHash));
	}

	async sessionById(id: string): Promise<SessionRecord | null> {
		this.#assertOpen();
		return copy(this.#sessions.get(id));
	}

	async activeSessionsOf(accountId: string, now: number): Promise<SessionRecord[]> {
		this.#assertOpen();
		return [...this.#sessions.values()]
			.filter((s) => s.accountId === accountId && s.revokedAt === null && s.expiresAt > now)
			.sort((a, b) => b.lastSeenAt - a.lastSeenAt)
			.map((s) => ({ ...s }));
	}

	async touchSession(id: string, times: { lastSeenAt: number; expiresAt: number }): Promise<void> {
		this.#assertOpen();
		const session = this.#sessions.get(id);
		if (session) this.#sessions.set(id, { ...session, ...times });
	}

	async revokeSession(id: string, at: number): Promise<boolean> {
		this.#assertOpen();
		const session = this.#sessions.get(id);
		if (!session || session.revokedAt !== null) return false;
		this.#sessions.set(id, { ...session, revokedAt: at });
		return true;
	}

	async pruneSessions(before: number): Promise<number> {
		this.#assertOpen();
		let pruned = 0;
		for (const [id, s] of this.#sessions) {
			if (s.expiresAt < before || (s.revokedAt !== null && s.revokedAt < before)) {
				this.#sessions.delete(id);
				pruned++;
			}
		}
		return pruned;
	}

	async createSubject(subject: SubjectRecord): Promise<CreateSubjectOutcome> {
		this.#assertOpen();
		const subjects = [...this.#subjects.values()];
		if (subjects.some((s) => s.ownerAccountId === subject.ownerAccountId)) return 'account-has-subject';
		if (subjects.some((s) => s.certificateKey === subject.certificateKey)) return 'subject-bound-elsewhere';
		if (subjects.some((s) => s.certificateType === subject.certificateType && s.certificateNumber === subject.certificateNumber)) {
			return 'subject-bound-elsewhere';
		}
		if (this.#subjects.has(subject.id)) throw new Error('duplicate subject id');
		this.#subjects.set(subject.id, { ...subject });
		this.#addMember(subject.id, subject.ownerAccountId, 'owner');
		return 'created';
	}

	async subjectById(id: string): Promise<SubjectRecord | null> {
		this.#assertOpen();
		return copy(this.#subjects.get(id));
	}

	async subjectOwnedBy(accountId: string): Promise<SubjectRecord | null> {
		this.#assertOpen();
		return copy([...this.#subjects.values()].find((s) => s.ownerAccountId === accountId));
	}

	async roleOf(accountId: string, subjectId: string): Promise<Role | null> {
		this.#assertOpen();
		return this.#members.get(key(subjectId, accountId))?.role ?? null;
	}

	async membershipsOf(accountId: string): Promise<MembershipRecord[]> {
		this.#assertOpen();
		return this.#sorted()
			.filter((m) => m.accountId === accountId)
			.map((m) => ({ subjectId: m.subjectId, role: m.role, subjectName: this.#subjects.get(m.subjectId)?.name ?? '' }));
	}

	async membersOf(subjectId: string): Promise<MemberRecord[]> {
		this.#assertOpen();
		return this.#sorted()
			.filter((m) => m.subjectId === subjectId)
			.map((m) => ({ accountId: m.accountId, role: m.role, email: this.#accounts.get(m.accountId)?.email ?? '' }));
	}

	async setRole(subjectId: string, accountId: string, role: Role): Promise<boolean> {
		this.#assertOpen();
		const member = this.#members.get(key(subjectId, accountId));
		if (!member) return false;
		member.role = role;
		return true;
	}

	async removeMember(subjectId: string, accountId: string): Promise<boolean> {
		this.#assertOpen();
		return this.#members.delete(key(subjectId, accountId));
	}

	async createInvite(invite: InviteRecord): Promise<void> {
		this.#assertOpen();
		if (this.#invites.has(invite.codeHash)) throw new Error('duplicate invite code');
		this.#invites.set(invite.codeHash, { ...invite });
	}

	async inviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
		this.#assertOpen();
		return copy(this.#invites.get(codeHash));
	}

	async useInvite(codeHash: string, accountId: string, at: number): Promise<UseInviteOutcome> {
		this.#assertOpen();
		const invite = this.#invites.get(codeHash);
		if (!invite) return 'not-found';
		if (invite.usedAt !== null) return 'used';
		if (this.#members.has(key(invite.subjectId, accountId))) return 'already-member';
		this.#invites.set(codeHash, { ...invite, usedAt: at, usedBy: accountId });
		this.#addMember(invite.subjectId, accountId, invite.role);
		return 'accepted';
	}

	async setAttachmentRefs(subjectId: string, hashes: readonly string[]): Promise<void> {
		this.#assertOpen();
		if (hashes.length === 0) this.#refs.delete(subjectId);
		else this.#refs.set(subjectId, new Set(hashes));
	}

	async subjectsReferencing(sha256: string): Promise<string[]> {
		this.#assertOpen();
		return [...this.#refs].filter(([, hashes]) => hashes.has(sha256)).map(([subjectId]) => subjectId);
	}

	async addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void> {
		this.#assertOpen();
		this.#holders.set(key(subjectId, sha256), size);
	}

	async subjectHeldBytes(subjectId: string): Promise<HeldBytes> {
		this.#assertOpen();
		let bytes = 0;
		for (const [held, size] of this.#holders) if (held.startsWith(`${subjectId}\u0000`)) bytes += size;
		return { bytes, unsized: [] };
	}

	async subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean> {
		this.#assertOpen();
		return this.#holders.has(key(subjectId, sha256));
	}

	async close(): Promise<void> {
		this.#closed = true;
	}

	#addMember(subjectId: string, accountId: string, role: Role): void {
		this.#members.set(key(subjectId, accountId), { subjectId, accountId, role, seq: ++this.#seq });
	}

	#sorted(): Membership[] {
		return [...this.#members.values()].sort((a, b) => a.seq - b.seq);
	}

	#assertOpen(): void {
		if (this.#closed) throw new Error('record store is closed');
	}
}

/** A subject and an account (memberships), or a subject and a hash (blob holders). */
function key(subjectId: string, other: string): string {
	return `${subjectId}\u0000${other}`;
}

function copy<T extends object>(value: T | undefined): T | null {
	return value === undefined ? null : { ...value };
}
