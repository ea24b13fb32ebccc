/**
 * In-memory implementations of the transfer queues' storage interfaces (`TransferRepo`,
 * `LocalBlobs`), for running the real queues in Node. Records are copied in and out, as
 * IndexedDB does, so a test cannot pass by sharing objects.
 */
import type { LocalBlob, LocalBlobs } from '../../src/lib/storage/blobs.ts';
import { parseTransfer, type TransferRecord, type TransferRepo } from '../../src/lib/storage/transfers.ts';

export class MemoryTransferRepo implements TransferRepo {
	readonly rows = new Map<string, TransferRecord>();

	async get(id: string): Promise<TransferRecord | null> {
		return parseTransfer(structuredClone(this.rows.get(id)));
	}
	async put(record: TransferRecord): Promise<void> {
		this.rows.set(record.id, structuredClone(record));
	}
	async list(direction: TransferRecord['direction']): Promise<TransferRecord[]> {
		return [...this.rows.values()].filter((r) => r.direction === direction).map((r) => structuredClone(r));
	}
	async delete(id: string): Promise<void> {
		this.rows.delete(id);
	}
}

export class MemoryLocalBlobs implements LocalBlobs {
	readonly blobs = new Map<string, LocalBlob>();

	async has(sha256: string): Promise<boolean> {
		return this.blobs.has(sha256);
	}
	async get(sha256: string): Promise<LocalBlob | null> {
		const blob = this.blobs.get(sha256);
		return blob ? { ...blob, bytes: blob.bytes.slice() } : null;
	}
	async put(blob: LocalBlob): Promise<void> {
		this.blobs.set(blob.sha256, { ...blob, bytes: blob.bytes.slice() });
	}
}
