/** In-memory ApprovedRecordStore (tests and benchmarks): same contract, nothing survives the process. */
import type { ApprovedRecordData } from '../../../../src/lib/domain/operation/approved-record.ts';
import { domainKey, type ApprovedRecordStore } from './approved-record-store.ts';
import type { MemoryGate } from './memory-gate.ts';

export class MemoryApprovedRecordStore implements ApprovedRecordStore {
	#gate: MemoryGate;
	#records = new Map<string, ApprovedRecordData>();

	constructor(gate: MemoryGate) {
		this.#gate = gate;
	}

	async put(record: ApprovedRecordData): Promise<void> {
		this.#gate.check();
		this.#records.set(record.subjectId, structuredClone(record));
	}

	async get(subjectId: string): Promise<ApprovedRecordData | null> {
		this.#gate.check();
		const record = this.#records.get(subjectId);
		return record ? structuredClone(record) : null;
	}

	async subjectsWithDomain(domain: string): Promise<string[]> {
		this.#gate.check();
		const key = domainKey(domain);
		return [...this.#records.values()]
			.filter((r) => r.websites.some((w) => domainKey(w.domain) === key))
			.map((r) => r.subjectId)
			.sort();
	}
}
