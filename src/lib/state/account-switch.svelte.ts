/**
 * The account switcher's state: the accounts used on this device (each files for its one
 * subject), what each has waiting in the outbox ("waiting: sign in as X to send" — an inactive
 * account's orders are never sent by another account's sender), switching (its password signs it
 * in, see `SessionState.switchTo`), and "remove this account's data from this device", which is
 * the device-data state's (`DeviceDataState.removeAccountData`). Loaded lazily with the switcher.
 */
import type { BeianDb } from '../storage/db.ts';
import { deviceAccountSnapshots } from '../storage/device-data.ts';
import { createOutboxRepo, type OutboxEntry } from '../storage/outbox-entries.ts';
import { MeSchema, type ApiResult } from '../sync/api.ts';
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

/**
 * Unsent outbox entries per account. An entry names the account that queued it; an older one
 * that names none belongs to the account whose own subject it is.
 */
export function waitingByAccount(entries: readonly Pick<OutboxEntry, 'subjectId' | 'accountId' | 'state'>[], snapshots: readonly { accountId: string; me: unknown }[]): Map<string, number> {
	const ownerOf = new Map<string, string>();
	for (const snapshot of snapshots) {
		const parsed = MeSchema.safeParse(snapshot.me);
		if (parsed.success && parsed.data.subject) ownerOf.set(parsed.data.subject.id, snapshot.accountId);
	}
	const waiting = new Map<string, number>();
	for (const entry of entries) {
		if (entry.state === 'sent') continue;
		const account = entry.accountId ?? ownerOf.get(entry.subjectId);
		if (account) waiting.set(account, (waiting.get(account) ?? 0) + 1);
	}
	return waiting;
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
		const names = new Map(
			snapshots.map((s) => {
				const parsed = MeSchema.safeParse(s.me);
				return [s.accountId, parsed.success ? (parsed.data.subject?.name ?? parsed.data.memberships[0]?.subjectName ?? null) : null] as const;
			})
		);
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
