/**
 * Accounts used on this device. The server's session cookie decides who is signed in; this
 * table remembers the last `/api/me` answer so the app can open the right workspace with no
 * network, and lists the accounts a person has used here (one subject per account: a second
 * subject means a second account, and the device can hold several).
 */
import type { BeianDb } from './db.ts';

/** The snapshot stored for an account: the `/api/me` answer, unparsed (callers parse it). */
export interface MeSnapshot {
	account: { id: string; email: string };
}

/** The signed-in account's last known `/me` (to be parsed by the caller), or null. */
export async function currentDeviceAccount(db: BeianDb): Promise<unknown> {
	const row = await db.deviceAccounts.where('current').equals(1).first();
	return row ? row.me : null;
}

/** Every account used on this device, most recent first. */
export async function deviceAccounts(db: BeianDb): Promise<{ accountId: string; email: string; current: boolean }[]> {
	const rows = await db.deviceAccounts.orderBy('updatedAt').reverse().toArray();
	return rows.map((r) => ({ accountId: r.accountId, email: r.email, current: r.current === 1 }));
}

/** Remembers `me` as the account signed in on this device. */
export async function rememberSignedIn(db: BeianDb, me: MeSnapshot): Promise<void> {
	await db.transaction('rw', db.deviceAccounts, async () => {
		await db.deviceAccounts.where('current').equals(1).modify({ current: 0 });
		await db.deviceAccounts.put({ accountId: me.account.id, email: me.account.email, me, current: 1, updatedAt: Date.now() });
	});
}

/** Marks every account on this device as signed out (their workspaces stay on the device). */
export async function forgetSignedIn(db: BeianDb): Promise<void> {
	await db.deviceAccounts.where('current').equals(1).modify({ current: 0 });
}
