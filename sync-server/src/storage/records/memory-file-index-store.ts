/** In-memory FileIndexStore (tests and benchmarks): same contract, nothing survives the process. */
import type { FileIndexStore, HeldBytes } from './file-index-store.ts';
import { pairKey, type MemoryGate } from './memory-gate.ts';

export class MemoryFileIndexStore implements FileIndexStore {
	#gate: MemoryGate;
	#refs = new Map<string, Set<string>>();
	/** Blob holders: subject + hash → size. */
	#holders = new Map<string, number>();

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

	async addBlobHolder(subjectId: string, sha256: string, size: number): Promise<void> {
		this.#gate.check();
		this.#holders.set(pairKey(subjectId, sha256), size);
	}

	async subjectHeldBytes(subjectId: string): Promise<HeldBytes> {
		this.#gate.check();
		const prefix = pairKey(subjectId, '');
		let bytes = 0;
		for (const [held, size] of this.#holders) if (held.startsWith(prefix)) bytes += size;
		return { bytes, unsized: [] };
	}

	async subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean> {
		this.#gate.check();
		return this.#holders.has(pairKey(subjectId, sha256));
	}
}
