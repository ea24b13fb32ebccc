/** In-memory review stores (tests): same contracts, nothing survives the process. */
import { searchText, type NumberStore, type RegistryEntry, type RegistryStore, type ReviewerRecord, type ReviewerStore, type ReviewRecords, type ServiceCodeRecord, type ServiceCodeStore } from './review-stores.ts';

class MemoryReviewerStore implements ReviewerStore {
	#rows = new Map<string, ReviewerRecord>();
	async add(reviewer: ReviewerRecord): Promise<'added' | 'exists'> {
		if (this.#rows.has(reviewer.accountId)) return 'exists';
		this.#rows.set(reviewer.accountId, { ...reviewer });
		return 'added';
	}
	async get(accountId: string): Promise<ReviewerRecord | null> {
		const row = this.#rows.get(accountId);
		return row ? { ...row } : null;
	}
	async count(): Promise<number> {
		return this.#rows.size;
	}
	async passwordChanged(accountId: string): Promise<boolean> {
		const row = this.#rows.get(accountId);
		if (!row) return false;
		this.#rows.set(accountId, { ...row, mustChangePassword: false });
		return true;
	}
}

class MemoryServiceCodeStore implements ServiceCodeStore {
	#rows = new Map<string, ServiceCodeRecord>();
	async add(code: string, at: number): Promise<'added' | 'exists'> {
		if (this.#rows.has(code)) return 'exists';
		this.#rows.set(code, { code, createdAt: at, usedBy: null });
		return 'added';
	}
	async get(code: string): Promise<ServiceCodeRecord | null> {
		return this.#rows.get(code) ?? null;
	}
	async use(codes: readonly string[], by: { subjectId: string; orderId: string; at: number }): Promise<'used' | 'refused'> {
		const rows = codes.map((c) => this.#rows.get(c));
		if (rows.some((r) => !r || (r.usedBy !== null && r.usedBy.subjectId !== by.subjectId))) return 'refused';
		for (const row of rows) if (row && row.usedBy === null) this.#rows.set(row.code, { ...row, usedBy: { ...by } });
		return 'used';
	}
	async list(): Promise<ServiceCodeRecord[]> {
		return [...this.#rows.values()].sort((a, b) => a.createdAt - b.createdAt || a.code.localeCompare(b.code));
	}
}

class MemoryNumberStore implements NumberStore {
	#last = new Map<string, number>();
	async next(province: string, year: number): Promise<number> {
		const key = `${province}:${year}`;
		const value = (this.#last.get(key) ?? 0) + 1;
		this.#last.set(key, value);
		return value;
	}
}

class MemoryRegistryStore implements RegistryStore {
	#rows = new Map<string, RegistryEntry[]>();
	async replace(subjectId: string, entries: readonly RegistryEntry[]): Promise<void> {
		if (entries.length === 0) this.#rows.delete(subjectId);
		else this.#rows.set(subjectId, entries.map((e) => ({ ...e })));
	}
	async search(q: string, limit: number): Promise<RegistryEntry[]> {
		const needle = q.trim().toLowerCase();
		if (needle === '') return [];
		return [...this.#rows.values()].flat().filter((e) => searchText(e).includes(needle)).slice(0, limit);
	}
	async ofSubject(subjectId: string): Promise<RegistryEntry[]> {
		return (this.#rows.get(subjectId) ?? []).map((e) => ({ ...e }));
	}
}

export class MemoryReviewRecords implements ReviewRecords {
	readonly reviewers = new MemoryReviewerStore();
	readonly serviceCodes = new MemoryServiceCodeStore();
	readonly numbers = new MemoryNumberStore();
	readonly registry = new MemoryRegistryStore();
}
