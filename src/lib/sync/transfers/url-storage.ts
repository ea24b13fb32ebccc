/**
 * tus-js-client's URL storage, backed by one transfer row instead of localStorage: the upload
 * URL lives next to the queued bytes' record in IndexedDB, so an upload resumes after a reload
 * (DESIGN.md §3; perf-reliability-research §5). The fingerprint is the SHA-256 of the bytes.
 */
import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import type { TransferRecord, TransferRepo } from '../../storage/transfers.ts';

export interface TransferUrlStorageOptions {
	repo: TransferRepo;
	transferId: string;
	/** Records the URL change through the state machine (and persists it). */
	setUrl: (tusUrl: string | null) => Promise<void>;
}

export function transferUrlStorage({ repo, transferId, setUrl }: TransferUrlStorageOptions): UrlStorage {
	const previous = (record: TransferRecord | null): PreviousUpload[] =>
		record?.tusUrl
			? [
					{
						size: record.size,
						metadata: {},
						creationTime: new Date(record.updatedAt).toString(),
						urlStorageKey: record.id,
						uploadUrl: record.tusUrl,
						parallelUploadUrls: null
					}
				]
			: [];
	return {
		async findAllUploads() {
			return previous(await repo.get(transferId));
		},
		async findUploadsByFingerprint(fingerprint) {
			const record = await repo.get(transferId);
			return record?.sha256 === fingerprint ? previous(record) : [];
		},
		async removeUpload() {
			await setUrl(null);
		},
		async addUpload(_fingerprint, upload) {
			await setUrl(upload.uploadUrl ?? null);
			return transferId;
		}
	};
}
