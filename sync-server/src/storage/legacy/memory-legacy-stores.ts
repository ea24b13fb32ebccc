/** In-memory legacy and account-request stores (tests): same contracts, nothing survives the process. */
import {
	foldKey,
	numbersOf,
	planPut,
	type AccountRequestDecision,
	type AccountRequestRecord,
	type AccountRequestStore,
	type AddLegacyOutcome,
	type InboxEntry,
	type InboxItem,
	type InboxStore,
	type LegacyRecords,
	type LegacySubjectRecord,
	type LegacySubjectStore,
	type PutAccountRequestOutcome,
	type ResetTarget,
	type ResetTokenStore
} from './legacy-stores.ts';

const copy = <T>(value: T): T => structuredClone(value);

class MemoryLegacySubjectStore implements LegacySubjectStore {
	#rows = new Map<string, LegacySubjectRecord>();
	async add(record: LegacySubjectRecord): Promise<AddLegacyOutcome> {
		if (this.#rows.has(record.id)) return 'id-taken';
		const rows = [...this.#rows.values()];
		if (record.login && rows.some((r) => r.login && foldKey(r.login.loginId) === foldKey(record.login?.loginId ?? ''))) return 'login-taken';
		const numbers = new Set(rows.flatMap(numbersOf));
		const own = numbersOf(record);
		if (new Set(own).size !== own.length || own.some((n) => numbers.has(n))) return 'number-taken';
		this.#rows.set(record.id, copy({ ...record, login: record.login && { ...record.login, loginId: foldKey(record.login.loginId) } }));
		return 'added';
	}
	async byId(id: string): Promise<LegacySubjectRecord | null> {
		const row = this.#rows.get(id);
		return row ? copy(row) : null;
	}
	async byLoginId(loginId: string): Promise<LegacySubjectRecord | null> {
		const row = [...this.#rows.values()].find((r) => r.login?.loginId === foldKey(loginId));
		return row ? copy(row) : null;
	}
	async byLoginEmail(email: string): Promise<LegacySubjectRecord[]> {
		return [...this.#rows.values()].filter((r) => r.login && foldKey(r.login.email) === foldKey(email)).map(copy);
	}
	async find(query: { domain?: string; number?: string }): Promise<LegacySubjectRecord | null> {
		const domain = query.domain === undefined ? null : foldKey(query.domain);
		const row = [...this.#rows.values()].find(
			(r) => (domain !== null && r.websites.some((w) => foldKey(w.domain) === domain)) || (query.number !== undefined && numbersOf(r).includes(query.number.trim()))
		);
		return row ? copy(row) : null;
	}
	async attach(id: string, to: { accountId: string; subjectId: string; at: number }): Promise<'attached' | 'taken' | 'not-found'> {
		const row = this.#rows.get(id);
		if (!row) return 'not-found';
		if (row.attachedTo) return 'taken';
		this.#rows.set(id, { ...row, attachedTo: { ...to } });
		return 'attached';
	}
	async setLoginEmail(id: string, email: string): Promise<boolean> {
		const row = this.#rows.get(id);
		if (!row?.login) return false;
		this.#rows.set(id, { ...row, login: { ...row.login, email } });
		return true;
	}
	async setLoginPassword(loginId: string, passwordHash: string): Promise<boolean> {
		const row = [...this.#rows.values()].find((r) => r.login?.loginId === foldKey(loginId));
		if (!row?.login) return false;
		this.#rows.set(row.id, { ...row, login: { ...row.login, passwordHash } });
		return true;
	}
	async removeUnattachedDemo(): Promise<number> {
		const gone = [...this.#rows.values()].filter((r) => r.demo && !r.attachedTo);
		for (const row of gone) this.#rows.delete(row.id);
		return gone.length;
	}
}

class MemoryAccountRequestStore implements AccountRequestStore {
	#rows = new Map<string, AccountRequestRecord>();
	async put(request: Omit<AccountRequestRecord, 'revision' | 'status' | 'decision'>): Promise<PutAccountRequestOutcome> {
		const planned = planPut(this.#rows.get(request.requestId) ?? null, request);
		if (planned.outcome === 'created' || planned.outcome === 'revised') this.#rows.set(request.requestId, copy(planned.record));
		return copy(planned);
	}
	async get(requestId: string): Promise<AccountRequestRecord | null> {
		const row = this.#rows.get(requestId);
		return row ? copy(row) : null;
	}
	async ofAccount(accountId: string): Promise<AccountRequestRecord[]> {
		return [...this.#rows.values()].filter((r) => r.accountId === accountId).sort((a, b) => a.submittedAt - b.submittedAt).map(copy);
	}
	async pending(): Promise<AccountRequestRecord[]> {
		return [...this.#rows.values()].filter((r) => r.status === 'submitted').sort((a, b) => a.submittedAt - b.submittedAt).map(copy);
	}
	async decide(requestId: string, revision: number, decision: AccountRequestDecision): Promise<'decided' | 'stale'> {
		const row = this.#rows.get(requestId);
		if (!row || row.revision !== revision || row.status !== 'submitted') return 'stale';
		this.#rows.set(requestId, { ...row, status: decision.action === 'approve' ? 'approved' : 'rejected', decision: copy(decision) });
		return 'decided';
	}
}

class MemoryResetTokenStore implements ResetTokenStore {
	#rows = new Map<string, { target: ResetTarget; expiresAt: number; used: boolean }>();
	async add(token: { tokenHash: string; target: ResetTarget; createdAt: number; expiresAt: number }): Promise<void> {
		this.#rows.set(token.tokenHash, { target: copy(token.target), expiresAt: token.expiresAt, used: false });
	}
	async consume(tokenHash: string, now: number): Promise<ResetTarget | null> {
		const row = this.#rows.get(tokenHash);
		if (!row || row.used || row.expiresAt <= now) return null;
		row.used = true;
		return copy(row.target);
	}
}

class MemoryInboxStore implements InboxStore {
	#rows: InboxEntry[] = [];
	async add(item: InboxItem): Promise<void> {
		this.#rows.push({ ...copy(item), readAt: null });
	}
	async ofAccount(accountId: string, limit: number): Promise<InboxEntry[]> {
		return [...this.#rows]
			.reverse()
			.filter((i) => i.accountId === accountId)
			.sort((a, b) => b.at - a.at)
			.slice(0, limit)
			.map(copy);
	}
	async markRead(accountId: string, ids: readonly string[], at: number): Promise<number> {
		const wanted = new Set(ids);
		let marked = 0;
		this.#rows = this.#rows.map((row) => {
			if (row.accountId !== accountId || row.readAt !== null || !wanted.has(row.id)) return row;
			marked++;
			return { ...row, readAt: at };
		});
		return marked;
	}
}

export class MemoryLegacyRecords implements LegacyRecords {
	readonly legacy = new MemoryLegacySubjectStore();
	readonly requests = new MemoryAccountRequestStore();
	readonly resetTokens = new MemoryResetTokenStore();
	readonly inbox = new MemoryInboxStore();
}
