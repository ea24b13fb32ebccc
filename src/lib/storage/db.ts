/**
 * The app's IndexedDB database (Dexie + y-dexie). The only module family that imports Dexie.
 *
 * Schema history — never edit a published version, add a new one:
 * - v1: `workspaces` (one row per subject workspace; its Y.Doc lives in y-dexie's update table).
 * - v2: `blobs` (document bytes as `Uint8Array` keyed by SHA-256 — not `Blob`: WebKit's Blob
 *   storage in IndexedDB is unreliable) and `transfers` (the upload/download queue, with each
 *   upload's tus URL so it resumes after a reload).
 * - v3: `deviceAccounts` (accounts used on this device, with the last `/api/me` snapshot, so the
 *   app opens the right workspace offline).
 * - v4: the vault — `vaultKeys` (one non-extractable AES-GCM `CryptoKey` per account on this
 *   device) and `sealedBlobs` (document bytes encrypted under their account's key, keyed by
 *   `[accountId+sha256]`, indexed by account). The v2 `blobs` table keeps only plaintext rows
 *   of earlier versions until `migratePlaintextBlobs` (blobs.ts) has encrypted them: WebCrypto
 *   cannot run inside an IndexedDB upgrade transaction (it would commit while encrypting), so
 *   the migration runs when an account's vault opens.
 * - v5: `outbox` (frozen orders the applicant sent, kept until the server has them; one row per
 *   order id, see `outbox.ts`).
 * - v7: `localDrafts` (drafts kept only on this device: account requests, and change / cancel
 *   forms until sent; see `local-drafts.ts`).
 * - v8: `inboxEntries` (the account's inbox as last fetched, keyed `<accountId>/<id>`) and
 *   `inboxSyncs` (when each account's inbox was last fetched); see `inbox-cache.ts`.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import yDexie from 'y-dexie';
import type * as Y from 'yjs';
import type { PlaintextBlobRow, SealedBlobRow } from './blobs.ts';
import type { OutboxRow } from './outbox.ts';
import type { InboxEntryRow, InboxSyncRow } from './inbox-cache.ts';
import type { LocalDraftRow } from './local-drafts.ts';
import type { TransferRecord } from './transfers.ts';
import type { VaultKeyRow } from './vault.ts';
import { DB_NAME_ON_DEVICE } from './store-names.ts';

export interface WorkspaceRow {
	id: string;
	createdAt: number;
	/** Declared as a Y.Doc property: y-dexie stores its updates in a table of their own. */
	readonly doc: Y.Doc;
}

export interface DeviceAccountRow {
	accountId: string;
	email: string;
	/** The last `/api/me` answer for this account (parsed again on read). */
	me: unknown;
	/** 1 for the account signed in on this device, else 0 (IndexedDB cannot index booleans). */
	current: 0 | 1;
	updatedAt: number;
}

export type BeianDb = Dexie & {
	workspaces: EntityTable<WorkspaceRow, 'id'>;
	/** Plaintext rows of schema v2, only until migrated (see v4). */
	blobs: EntityTable<PlaintextBlobRow, 'sha256'>;
	transfers: EntityTable<TransferRecord, 'id'>;
	deviceAccounts: EntityTable<DeviceAccountRow, 'accountId'>;
	vaultKeys: EntityTable<VaultKeyRow, 'accountId'>;
	sealedBlobs: Table<SealedBlobRow, [string, string]>;
	outbox: EntityTable<OutboxRow, 'orderId'>;
	localDrafts: EntityTable<LocalDraftRow, 'id'>;
	inboxEntries: EntityTable<InboxEntryRow, 'key'>;
	inboxSyncs: EntityTable<InboxSyncRow, 'accountId'>;
};

export const DB_NAME = DB_NAME_ON_DEVICE;

/** Opens the database (Dexie opens lazily on first use). */
export function createDb(name = DB_NAME): BeianDb {
	const db = new Dexie(name, { addons: [yDexie] }) as BeianDb;
	db.version(1).stores({ workspaces: 'id, createdAt, doc: Y.Doc' });
	db.version(2).stores({ blobs: 'sha256', transfers: 'id, direction, sha256, updatedAt' });
	db.version(3).stores({ deviceAccounts: 'accountId, current, updatedAt' });
	db.version(4).stores({ vaultKeys: 'accountId', sealedBlobs: '[accountId+sha256], accountId' });
	db.version(5).stores({ outbox: 'orderId, subjectId, queuedAt' });
	db.version(7).stores({ localDrafts: 'id, accountId, kind, updatedAt' });
	db.version(8).stores({ inboxEntries: 'key, accountId', inboxSyncs: 'accountId' });
	return db;
}
