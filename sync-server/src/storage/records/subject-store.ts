/**
 * Subjects (主办单位) bound to their owner accounts. Contract SUB-S* (`../README.md`).
 *
 * Invariants: an account owns at most one subject, and a certificate (its `certificateKey`, or
 * its canonical type and number) is bound to at most one subject — the one-account-one-subject
 * rule. A subject is bound only through `Records.bindSubject`, which adds the owner's
 * membership in the same step; this store has no writer of its own except re-keying.
 */

export interface SubjectRecord {
	/** 16 characters of `a-z 2-7` (ROOM-2). */
	readonly id: string;
	readonly subjectType: string;
	readonly certificateType: string;
	/** Canonical number from the domain's `normalizeCertificate`. */
	readonly certificateNumber: string;
	/** The domain's `certificateKey`: equal for the same holder under different labels. Unique. */
	readonly certificateKey: string;
	readonly name: string;
	readonly ownerAccountId: string;
	readonly createdAt: number;
}

export type BindSubjectOutcome = 'created' | 'account-has-subject' | 'subject-bound-elsewhere';

export interface RekeyResult {
	/** Subjects whose key changed. */
	readonly rekeyed: string[];
	/** Later subjects that now share a key with an earlier one (kept unique as `<key>#<id>`). */
	readonly duplicates: string[];
}

export interface SubjectStore {
	byId(id: string): Promise<SubjectRecord | null>;
	ownedBy(accountId: string): Promise<SubjectRecord | null>;
	/**
	 * Recomputes every subject's `certificateKey` with `keyOf` (after the key rule changed), in
	 * one step. When two subjects now share a key, the earlier bound keeps it and each later one
	 * gets `<key>#<subjectId>` (still unique; nobody new can bind the key).
	 */
	rekey(keyOf: (subject: SubjectRecord) => string): Promise<RekeyResult>;
}

/** The new keys of {@link SubjectStore.rekey}, earliest subject first; shared by the implementations. */
export function planRekey(subjects: readonly SubjectRecord[], keyOf: (subject: SubjectRecord) => string): { keys: Map<string, string>; duplicates: string[] } {
	const taken = new Set<string>();
	const keys = new Map<string, string>();
	const duplicates: string[] = [];
	const ordered = [...subjects].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
	for (const subject of ordered) {
		let key = keyOf(subject);
		if (taken.has(key)) {
			duplicates.push(subject.id);
			key = `${key}#${subject.id}`;
		}
		taken.add(key);
		keys.set(subject.id, key);
	}
	return { keys, duplicates };
}
