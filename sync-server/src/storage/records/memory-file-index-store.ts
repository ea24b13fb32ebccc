/** In-memory FileIndexStore (tests and benchmarks): same contract, nothing survives the process. */
import type { FileIndexStore } from './file-index-store.ts';
import { pairKey, type MemoryGate } from './memory-gate.ts';

export class MemoryFileIndexStore implements FileIndexStore {
	#gate: MemoryGate;
	#refs = new Map<string, Set<string>>();
	#holders = new Set<string>();

	constructor(gate: MemoryGate) {
		this.#gate = gate;
	}

	async setAttachmentRefs(subjectId: string, hashes: readonly string[]): Promise<void> {
		this.#gate.check();
		if (hashes.length === 0) this.#refs.delete(subjectId);
		else this.#refs.set(subjectId, new Set(hashes));
	}

	async subjectsReferencing(sha256: string): Promise<string[]> {
		this.#gate.check();
		return [...this.#refs]
			.filter(([, hashes]) => hashes.has(sha256))
			.map(([subjectId]) => subjectId)
			.sort();
	}

	async addBlobHolder(subjectId: string, sha256: string): Promise<void> {
		this.#gate.check();
		this.#holders.add(pairKey(subjectId, sha256));
	}

	async subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean> {
		this.#gate.check();
		return this.#holders.has(pairKey(subjectId, sha256));
	}
}
