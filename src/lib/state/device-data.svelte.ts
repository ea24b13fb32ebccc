/**
 * This device's storage as the person sees it: how much the app uses and may use, whether the
 * browser keeps it under pressure, what of an account has not reached the server yet, and
 * "remove this account's data from this device" — its document photos, its drafts (workspaces
 * with their updates, journals and transfer records), its vault key and its device-account row.
 * The account page offers the removal on sign-out; the account switcher calls
 * `removeAccountData` too. Another account's data is never touched: a workspace another account
 * on this device also uses stays.
 */
import type { BeianDb } from '../storage/db.ts';
import { accountTransferScope, deviceAccountSnapshots, isStoragePersisted, pendingUploads, removeAccountFromDevice, requestPersistentStorage, storageEstimate } from '../storage/device-data.ts';
import { MeSchema, type Me } from '../sync/api.ts';
import { factsDocId } from '../sync/doc-layout.ts';
import type { SessionState } from './session.svelte.ts';
import type { WorkspaceHost } from './workspace-host.svelte.ts';

export interface UnsentChanges {
	/** Photos of the account's workspaces not yet on the server. */
	pendingUploads: number;
	/**
	 * Edits the server has not confirmed as saved: known only for the open workspace of the
	 * signed-in account (true/false); null for an account that is not signed in here.
	 */
	unsavedEdits: boolean | null;
}

export type RemoveOutcome = 'removed' | 'signed-in' | 'unknown-account';

/** The workspaces an account's `/me` snapshot names: its own subject and its memberships. */
function workspacesOf(me: Me): string[] {
	return [...(me.subject ? [me.subject.id] : []), ...me.memberships.map((m) => m.subjectId)];
}

/**
 * The local workspaces (and their facts docs) to delete with an account: those its snapshot
 * names, less those another account's snapshot on this device names. Null when the device does
 * not know the account; a snapshot that does not parse names none (its bytes, key and row still go).
 */
export function workspacesToRemove(accountId: string, snapshots: readonly { accountId: string; me: unknown }[]): string[] | null {
	const own = snapshots.find((s) => s.accountId === accountId);
	if (!own) return null;
	const named = (me: unknown) => {
		const parsed = MeSchema.safeParse(me);
		return parsed.success ? workspacesOf(parsed.data) : [];
	};
	const others = snapshots.filter((s) => s.accountId !== accountId).flatMap((s) => named(s.me));
	return named(own.me)
		.filter((id) => !others.includes(id))
		.flatMap((id) => [id, factsDocId(id)]);
}

export class DeviceDataState {
	#session: SessionState;
	#host: WorkspaceHost | null;
	#usage = $state<{ usage: number; quota: number } | null>(null);
	#persisted = $state<boolean | null>(null);

	constructor(session: SessionState, host: WorkspaceHost | null = null) {
		this.#session = session;
		this.#host = host;
	}

	get #db(): BeianDb {
		return this.#session.db;
	}

	/** Bytes used and allowed for this app on this device; null until read or when the browser does not say. */
	get usage(): { usage: number; quota: number } | null {
		return this.#usage;
	}

	/** Whether the browser keeps this data under storage pressure (null: unknown). */
	get persisted(): boolean | null {
		return this.#persisted;
	}

	/** Asks the browser to keep the data (persistent storage) and reads usage and persistence. */
	async refresh(): Promise<void> {
		await requestPersistentStorage();
		const [usage, persisted] = await Promise.all([storageEstimate(), isStoragePersisted()]);
		this.#usage = usage;
		this.#persisted = persisted;
	}

	/** What of the account's data has not reached the server (warned about before removal). */
	async unsentChanges(accountId: string): Promise<UnsentChanges> {
		const workspaceIds = await this.#workspacesOf(accountId);
		const uploads = await pendingUploads(this.#db, [...(workspaceIds ?? []), accountTransferScope(accountId)]);
		const open = this.#host?.current;
		const signedIn = this.#session.me?.account.id === accountId;
		const unsavedEdits = signedIn && open && workspaceIds?.includes(open.id) ? open.syncs && open.syncStatus !== 'saved' : null;
		return { pendingUploads: uploads, unsavedEdits };
	}

	/**
	 * Removes the account's data from this device. Refused for the account signed in here (sign
	 * it out first: its workspace is open and would write again). Workspaces that another
	 * account on this device also uses are kept (only this account's photos and key go).
	 */
	async removeAccountData(accountId: string): Promise<RemoveOutcome> {
		if (this.#session.me?.account.id === accountId) return 'signed-in';
		const workspaceIds = workspacesToRemove(accountId, await deviceAccountSnapshots(this.#db));
		if (workspaceIds === null) return 'unknown-account';
		await removeAccountFromDevice(this.#db, { accountId, workspaceIds });
		await this.#session.reloadDeviceAccounts();
		await this.refresh();
		return 'removed';
	}

	/** The account's workspaces from its device snapshot; null when this device does not know the account. */
	async #workspacesOf(accountId: string): Promise<string[] | null> {
		const snapshot = (await deviceAccountSnapshots(this.#db)).find((s) => s.accountId === accountId);
		if (!snapshot) return null;
		const parsed = MeSchema.safeParse(snapshot.me);
		// A snapshot that does not parse names no workspace: only the bytes, key and row go.
		return parsed.success ? workspacesOf(parsed.data) : [];
	}
}
