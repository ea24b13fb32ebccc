/**
 * The sync connection caps in a cluster (issue 13): they stay per node, by design (README
 * "Running several nodes": a cap protects one node's sockets and memory). An account at its
 * cap on node A is refused there with 4530, and the same account still connects on node B,
 * which counts only its own sockets.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE } from '../../src/lib/sync/protocol.ts';
import { clusterClient, startCluster, type ClusterNode } from '../support/cluster.ts';
import { signUpWithSubject, useTestServers, waitFor } from '../support/server.ts';

const servers = useTestServers();

describe('cluster: connection caps', () => {
	it('maxConnectionsPerAccount counts each node apart: refused beyond it on node A, accepted on node B', async () => {
		const { nodes } = await startCluster({ server: { maxConnectionsPerAccount: 2 } });
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const first = clusterClient(servers, a, owner.workspaceRoom, owner.cookie);
		const second = clusterClient(servers, a, owner.workspaceRoom, owner.cookie);
		await waitFor(() => first.provider.synced && second.provider.synced, 5000, 'two on A');

		const third = clusterClient(servers, a, owner.workspaceRoom, owner.cookie);
		await waitFor(() => third.closeCodes.length > 0, 5000, 'third on A refused');
		expect(third.closeCodes[0]).toBe(CLOSE.tooManyConnections);
		third.destroy();

		const onB = clusterClient(servers, b, owner.workspaceRoom, owner.cookie);
		await waitFor(() => onB.provider.synced, 5000, 'one on B');
		onB.doc.getMap('subject').set('name', 'from B');
		await waitFor(() => first.doc.getMap('subject').get('name') === 'from B', 5000, 'B to A');
		expect(onB.closeCodes).toEqual([]);
	});
});
