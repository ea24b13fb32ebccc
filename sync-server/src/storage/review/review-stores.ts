/**
 * The review desk's stores (issue 12): reviewers, service codes, filing-number counters and the
 * public registry. Contracts REV-S*, SVC-S*, NUM-S*, REG-S* (`../README.md`). Like the record
 * stores they keep plain rows and guarantee their uniqueness rules atomically; every decision
 * (who may review, which number a website gets) is made by the review module.
 */

export interface ReviewerRecord {
	readonly accountId: string;
	/** True until the reviewer replaced the one-time password (REV-A2). */
	readonly mustChangePassword: boolean;
	readonly createdAt: number;
}

export interface ReviewerStore {
	/** Adds a reviewer; `exists` when the account already is one. */
	add(reviewer: ReviewerRecord): Promise<'added' | 'exists'>;
	get(accountId: string): Promise<ReviewerRecord | null>;
	count(): Promise<number>;
	/** Clears `mustChangePassword`; false when the account is no reviewer. */
	passwordChanged(accountId: string): Promise<boolean>;
}

export interface ServiceCodeRecord {
	readonly code: string;
	readonly createdAt: number;
	/** The filing that used the code (SVC-2), once an order holding it was approved. */
	readonly usedBy: { readonly subjectId: string; readonly orderId: string; readonly at: number } | null;
}

export interface ServiceCodeStore {
	add(code: string, at: number): Promise<'added' | 'exists'>;
	get(code: string): Promise<ServiceCodeRecord | null>;
	/** Marks codes used by a subject's filing, all or none (SVC-2): `refused` when one is unknown or used by another subject (a code the subject already uses stays as it is). */
	use(codes: readonly string[], by: { subjectId: string; orderId: string; at: number }): Promise<'used' | 'refused'>;
	list(): Promise<ServiceCodeRecord[]>;
}

export interface NumberStore {
	/** The next serial of a province and year, starting at 1: unique and gap-free, also under concurrent calls (NUM-S1). */
	next(province: string, year: number): Promise<number>;
}

/** What the MIIT public query shows of one website (or of a subject without websites). */
export interface RegistryEntry {
	readonly subjectName: string;
	/** `individual` or the organization type. */
	readonly subjectType: string;
	readonly subjectNumber: string;
	readonly websiteName: string | null;
	readonly websiteNumber: string | null;
	readonly domain: string | null;
	readonly homeUrl: string | null;
	readonly approvedOn: string;
	readonly shellFiling: boolean;
}

export interface RegistryStore {
	/** Replaces every entry of the subject (an empty list removes the subject). */
	replace(subjectId: string, entries: readonly RegistryEntry[]): Promise<void>;
	/** Entries whose domain, subject number, website number or subject name contains `q` (case-insensitive), at most `limit`. */
	search(q: string, limit: number): Promise<RegistryEntry[]>;
	ofSubject(subjectId: string): Promise<RegistryEntry[]>;
}

export interface ReviewRecords {
	readonly reviewers: ReviewerStore;
	readonly serviceCodes: ServiceCodeStore;
	readonly numbers: NumberStore;
	readonly registry: RegistryStore;
}

/** The lowercase text an entry is searched by. */
export function searchText(entry: RegistryEntry): string {
	return [entry.subjectName, entry.subjectNumber, entry.websiteNumber ?? '', entry.domain ?? ''].join('\u0000').toLowerCase();
}
