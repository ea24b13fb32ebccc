/** Which local workspaces go with an account's data (the removal itself runs in tests/e2e/vault.e2e.ts). */
import { describe, expect, it } from 'vitest';
import { workspacesToRemove } from '../../../src/lib/state/device-data.svelte.ts';

function me(accountId: string, subjectId: string | null, memberships: string[] = []) {
	return {
		account: { id: accountId, email: `${accountId}@example.com` },
		subject: subjectId
			? { id: subjectId, subjectType: 'enterprise', certificateType: 'uscc-certificate', certificateNumber: '91110000101623741K', name: '甲', workspaceRoom: `ws-${subjectId}`, factsRoom: `ws-${subjectId}_facts` }
			: null,
		memberships: memberships.map((id) => ({ subjectId: id, role: 'editor', subjectName: '乙', workspaceRoom: `ws-${id}`, factsRoom: `ws-${id}_facts` }))
	};
}

describe('workspacesToRemove', () => {
	it("names the account's own subject and memberships with their facts docs", () => {
		const snapshots = [{ accountId: 'a', me: me('a', 's1', ['s2']) }, { accountId: 'b', me: me('b', 's3') }];
		expect(workspacesToRemove('a', snapshots)).toEqual(['s1', 's1_facts', 's2', 's2_facts']);
	});

	it('keeps a workspace another account on this device also uses', () => {
		const snapshots = [{ accountId: 'a', me: me('a', 's1', ['s2']) }, { accountId: 'b', me: me('b', 's2') }];
		expect(workspacesToRemove('a', snapshots)).toEqual(['s1', 's1_facts']);
		expect(workspacesToRemove('b', snapshots)).toEqual([]);
	});

	it('names none for a snapshot that does not parse, and says when the account is unknown here', () => {
		expect(workspacesToRemove('a', [{ accountId: 'a', me: { broken: true } }])).toEqual([]);
		expect(workspacesToRemove('z', [{ accountId: 'a', me: me('a', 's1') }])).toBeNull();
	});
});
