/** In-memory SubjectStore (tests and benchmarks): same contract, nothing survives the process. */
import { copyOf, type MemoryGate } from './memory-gate.ts';
import { planRekey, type BindSubjectOutcome, type RekeyResult, type SubjectRecord, type SubjectStore } from './subject-store.ts';

export class MemorySubjectStore implements SubjectStore {
	#gate: MemoryGate;
	#rows = new Map<string, SubjectRecord>();

	constructor(gate: MemoryGate) {
		this.#gate = gate;
	}

	async byId(id: string): Promise<SubjectRecord | null> {
		this.#gate.check();
		return copyOf(this.#rows.get(id));
	}

	async ownedBy(accountId: string): Promise<SubjectRecord | null> {
		this.#gate.check();
		return copyOf([...this.#rows.values()].find((s) => s.ownerAccountId === accountId));
	}

	async rekey(keyOf: (subject: SubjectRecord) => string): Promise<RekeyResult> {
		this.#gate.check();
		const { keys, duplicates } = planRekey([...this.#rows.values()], keyOf);
		const rekeyed: string[] = [];
		for (const [id, key] of keys) {
			const subject = this.#rows.get(id);
			if (!subject || subject.certificateKey === key) continue;
			this.#rows.set(id, { ...subject, certificateKey: key });
			rekeyed.push(id);
		}
		return { rekeyed, duplicates };
	}

	/** Step of `MemoryRecords.bindSubject`: adds the subject unless a uniqueness rule forbids it. Synchronous, so nothing interleaves. */
	insertUnlessBound(subject: SubjectRecord): BindSubjectOutcome {
		this.#gate.check();
		const subjects = [...this.#rows.values()];
		if (subjects.some((s) => s.ownerAccountId === subject.ownerAccountId)) return 'account-has-subject';
		const sameCertificate = (s: SubjectRecord) => s.certificateType === subject.certificateType && s.certificateNumber === subject.certificateNumber;
		if (subjects.some((s) => s.certificateKey === subject.certificateKey || sameCertificate(s))) return 'subject-bound-elsewhere';
		if (this.#rows.has(subject.id)) throw new Error('duplicate subject id');
		this.#rows.set(subject.id, { ...subject });
		return 'created';
	}

	/** The current name of a subject, for the membership store's lists. */
	nameOf(id: string): string {
		return this.#rows.get(id)?.name ?? '';
	}
}
