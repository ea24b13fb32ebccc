/**
 * The account switcher's state: the accounts used on this device (each files for its one
 * subject), what each has waiting in the outbox ("waiting: sign in as X to send" — an inactive
 * account's orders are never sent by another account's sender), switching (its password signs it
 * in, see `SessionState.switchTo`), and "remove this account's data from this device", which is
 * the device-data state's (`DeviceDataState.removeAccountData`). Loaded lazily with the switcher.
 */
import type { BeianDb } from '../storage/db.ts';
import { deviceAccountSnapshots } from '../storage/device-data.ts';
import { createOutboxRepo } from '../storage/outbox-entries.ts';
import type { ApiResult } from '../sync/api.ts';
import { subjectNames, waitingByAccount } from './account-waiting.ts';
import type { DeviceDataState, RemoveOutcome } from './device-data.svelte.ts';
import type { SessionState } from './session.svelte.ts';

export interface SwitchAccount {
	readonly accountId: string;
	readonly email: string;
	readonly current: boolean;
	/** The subject this account files for, as its last `/me` on this device named it; null when none is bound. */
	readonly subjectName: string | null;
	/** Orders queued by this account on this device and not yet accepted by the server. */
	readonly waiting: number;
}

export class AccountSwitchState {
	#session: SessionState;
	#device: DeviceDataState;
	#accounts = $state<readonly SwitchAccount[]>([]);

	constructor(session: SessionState, device: DeviceDataState) {
		this.#session = session;
		this.#device = device;
	}

	get #db(): BeianDb {
		return this.#session.db;
	}

	get accounts(): readonly SwitchAccount[] {
		return this.#accounts;
	}

	/** Reads the accounts, their subjects and their waiting orders from this device. */
	async refresh(): Promise<void> {
		const [snapshots, entries] = await Promise.all([deviceAccountSnapshots(this.#db), createOutboxRepo(this.#db.outbox).list()]);
		const waiting = waitingByAccount(entries, snapshots);
		const names = subjectNames(snapshots);
		this.#accounts = this.#session.accountsOnDevice.map((a) => ({ ...a, subjectName: names.get(a.accountId) ?? null, waiting: waiting.get(a.accountId) ?? 0 }));
	}

	/** Signs `accountId` in with its password (the current account is signed out first). */
	async switchTo(accountId: string, password: string): Promise<ApiResult<unknown> | null> {
		const target = this.#accounts.find((a) => a.accountId === accountId);
		if (!target) return null;
		const result = await this.#session.switchTo(target.email, password);
		await this.refresh();
		return result;
	}

	/** Removes an inactive account's data from this device (never the signed-in one's: its workspace is open). */
	async remove(accountId: string): Promise<RemoveOutcome> {
		const outcome = await this.#device.removeAccountData(accountId);
		await this.refresh();
		return outcome;
	}
}
