/**
 * What this device holds, and removing one account's share of it: its document bytes and
 * vault key, its workspaces (drafts) with their Y.Doc updates and journals, their transfer
 * records, and its device-account row. Nothing of another account is touched: the caller
 * names the workspaces to remove, leaving out those another account on this device also uses.
 */
import { z } from 'zod/mini';
import type { BeianDb } from './db.ts';
import { clearJournal, UPDATES_TABLE } from './local-wal.ts';
import { clearDurableMark } from './durable-marks.ts';
import { parseTransfer } from './transfers.ts';

/** Every account row on this device with its last `/api/me` snapshot (unparsed: callers parse it). */
export async function deviceAccountSnapshots(db: BeianDb): Promise<{ accountId: string; me: unknown }[]> {
	const rows = await db.deviceAccounts.toArray();
	return rows.map((row) => ({ accountId: String(row.accountId), me: row.me }));
}

/** Uploads of these workspaces that have not reached the server (queued, running, waiting, blocked or failed). */
export async function pendingUploads(db: BeianDb, workspaceIds: readonly string[]): Promise<number> {
	const ids = new Set(workspaceIds);
	const rows = (await db.transfers.where('direction').equals('upload').toArray()).map(parseTransfer);
	return rows.filter((row) => row !== null && ids.has(row.subjectId) && row.state !== 'done').length;
}

/** The transfer `subjectId` of the uploads an account holds itself (account requests' photos; `accountHolder` of the upload queue). */
export const accountTransferScope = (accountId: string): string => `account:${accountId}`;

/**
 * Deletes the account's bytes, key, queued orders and device-account row, its own uploads and
 * device-only drafts (account requests, change and cancel forms), its cached inbox, and the named workspaces (rows,
 * y-dexie updates, transfer records, local journals, durable marks), in one transaction: all of it or none.
 */
export async function removeAccountFromDevice(db: BeianDb, target: { accountId: string; workspaceIds: readonly string[] }): Promise<void> {
	const { accountId } = target;
	const workspaceIds = new Set(target.workspaceIds);
	const own = accountTransferScope(accountId);
	await db.transaction('rw', [db.sealedBlobs, db.vaultKeys, db.deviceAccounts, db.transfers, db.workspaces, db.localDrafts, db.outbox, db.inboxEntries, db.inboxSyncs, UPDATES_TABLE], async (tx) => {
		await db.sealedBlobs.where('accountId').equals(accountId).delete();
		// Its queued orders (frozen filings: personal data too); an older row naming no account goes with its workspace.
		await db.outbox.filter((row) => row.accountId === accountId || (row.accountId === undefined && workspaceIds.has(row.subjectId))).delete();
		await db.vaultKeys.delete(accountId);
		await db.deviceAccounts.delete(accountId);
		await db.localDrafts.where('accountId').equals(accountId).delete();
		await db.inboxEntries.where('accountId').equals(accountId).delete();
		await db.inboxSyncs.delete(accountId);
		await db.transfers.filter((row) => workspaceIds.has(row.subjectId) || row.subjectId === own).delete();
		for (const id of workspaceIds) {
			await tx.table(UPDATES_TABLE).where({ k: id }).delete();
			await db.workspaces.delete(id);
		}
	});
	for (const id of workspaceIds) {
		clearJournal(id);
		clearDurableMark(id);
	}
}

const EstimateSchema = z.object({ usage: z.number().check(z.gte(0)), quota: z.number().check(z.gte(0)) });

/** How much this origin stores and may store, bytes; null when the browser does not say. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
	try {
		const parsed = EstimateSchema.safeParse(await navigator.storage?.estimate?.());
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** Asks the browser to keep our data under storage pressure; false when refused or unsupported. */
export async function requestPersistentStorage(): Promise<boolean> {
	try {
		return (await navigator.storage?.persist?.()) ?? false;
	} catch {
		return false;
	}
}

/** Whether the browser keeps this origin's data under storage pressure; null when it does not say. */
export async function isStoragePersisted(): Promise<boolean | null> {
	try {
		return (await navigator.storage?.persisted?.()) ?? null;
	} catch {
		return null;
	}
}
