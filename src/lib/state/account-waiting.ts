/** What the account switcher shows per account on this device, from the device's own rows (pure: no storage, no runes). */
import type { OutboxEntry } from '../storage/outbox-entries.ts';
import { MeSchema } from '../sync/api.ts';

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

/** The subject each account files for (or, without one, its first membership's), from its last `/me` on this device. */
export function subjectNames(snapshots: readonly { accountId: string; me: unknown }[]): Map<string, string | null> {
	return new Map(
		snapshots.map((snapshot) => {
			const parsed = MeSchema.safeParse(snapshot.me);
			return [snapshot.accountId, parsed.success ? (parsed.data.subject?.name ?? parsed.data.memberships[0]?.subjectName ?? null) : null] as const;
		})
	);
}
