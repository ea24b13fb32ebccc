/** Several accounts on one device: whose outbox entries wait for whom, and that a sender never sends another account's. */
import { describe, expect, it } from 'vitest';
import { waitingByAccount } from '../../../src/lib/state/account-waiting.ts';
import { isOwnEntry, ownEntries } from '../../../src/lib/state/tracking.svelte.ts';
import { createOutboxRepo } from '../../../src/lib/storage/outbox-entries.ts';
import { OutboxSender } from '../../../src/lib/sync/outbox/outbox-sender.ts';
import { makeOrder } from '../../support/factories.ts';

function snapshot(accountId: string, subjectId: string | null) {
	return {
		accountId,
		me: {
			account: { id: accountId, email: `${accountId}@example.com` },
			subject: subjectId
				? { id: subjectId, subjectType: 'enterprise', certificateType: 'uscc-certificate', certificateNumber: '91110000101623741K', name: '甲', workspaceRoom: `ws-${subjectId}`, factsRoom: `ws-${subjectId}_facts` }
				: null,
			memberships: []
		}
	};
}

/** A Dexie-like table in memory (the shape `createOutboxRepo` reads). */
function memoryTable() {
	const rows = new Map<string, unknown>();
	return {
		rows,
		get: async (id: string) => rows.get(id),
		put: async (row: never) => void rows.set((row as { orderId: string }).orderId, structuredClone(row)),
		toArray: async () => [...rows.values()],
		delete: async (id: string) => void rows.delete(id)
	};
}

const row = (orderId: string, subjectId: string, accountId?: string) => ({ version: 1, orderId, subjectId, order: { ...makeOrder({ id: orderId }), documents: [] }, queuedAt: 1, ...(accountId ? { accountId } : {}) });

describe('waitingByAccount', () => {
	it('ACCT-2 counts unsent entries per account that queued them, an entry naming none for its subject\'s owner', () => {
		const snapshots = [snapshot('a', 's1'), snapshot('b', 's2')];
		const entries = [
			{ subjectId: 's1', accountId: 'a', state: 'queued' as const },
			{ subjectId: 's2', accountId: 'b', state: 'waiting' as const },
			{ subjectId: 's2', state: 'blocked' as const },
			{ subjectId: 's2', accountId: 'b', state: 'sent' as const },
			{ subjectId: 'unknown', state: 'queued' as const }
		];
		const waiting = waitingByAccount(entries, snapshots);
		expect(Object.fromEntries(waiting)).toEqual({ a: 1, b: 2 });
	});
});

describe('a sender sees only its own entries', () => {
	it('ACCT-2 isOwnEntry: its subject, queued by it or by a version that named no account', () => {
		expect(isOwnEntry({ subjectId: 's1', accountId: 'a' }, 's1', 'a')).toBe(true);
		expect(isOwnEntry({ subjectId: 's1' }, 's1', 'a')).toBe(true);
		expect(isOwnEntry({ subjectId: 's1', accountId: 'b' }, 's1', 'a')).toBe(false);
		expect(isOwnEntry({ subjectId: 's2', accountId: 'a' }, 's1', 'a')).toBe(false);
	});

	it("ACCT-2 the signed-in account's sender sends its entry and leaves another account's waiting in the outbox", async () => {
		const table = memoryTable();
		await table.put(row('mine', 's1', 'a') as never);
		await table.put(row('theirs', 's2', 'b') as never);
		await table.put(row('same-subject-other-account', 's1', 'b') as never);
		const urls: string[] = [];
		const fetch = (async (url: string, init: RequestInit) => {
			urls.push(url);
			const { order } = JSON.parse(String(init.body)) as { order: { id: string } };
			return new Response(JSON.stringify({ order, summary: {} }), { status: 201 });
		}) as typeof globalThis.fetch;
		const sender = new OutboxSender({ repo: ownEntries(createOutboxRepo(table), 's1', 'a'), uploads: () => 'ready', fetch });
		await sender.start();
		await sender.settled();
		expect(urls).toEqual(['/api/subjects/s1/orders/mine']);
		expect(sender.entries.map((e) => e.orderId)).toEqual(['mine']);
		// The others are still in the outbox, untouched, for their own account.
		expect((table.rows.get('theirs') as { state?: string }).state).toBeUndefined();
		expect((table.rows.get('same-subject-other-account') as { state?: string }).state).toBeUndefined();
		sender.stop();
	});
});
