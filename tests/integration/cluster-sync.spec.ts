/**
 * Two real nodes on one PostgreSQL and one Redis (issue 13), real y-websocket clients on
 * different nodes: edits fan out across nodes after their commit, a viewer's write is refused
 * on every node, and a commit no node published (its node died between commit and publish) is
 * caught up from the log with no further writes arriving to trigger it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SYNC_ERROR } from '../../src/lib/sync/protocol.ts';
import { createPgPool } from '../../sync-server/src/storage/pg/pg-database.ts';
import { PgDocStore } from '../../sync-server/src/storage/pg/pg-doc-store.ts';
import { clusterClient, startCluster, type ClusterNode } from '../support/cluster.ts';
import { addMember, signUpWithSubject, useTestServers, waitFor, type TestClient } from '../support/server.ts';

const servers = useTestServers();

const client = (node: ClusterNode, room: string, cookie: string) => clusterClient(servers, node, room, cookie);

const field = (c: TestClient, key: string) => c.doc.getMap('subject').get(key);

describe('cluster: rooms across nodes (REDIS_URL + DATABASE_URL)', () => {
	it('clients on different nodes sync both ways, each edit acknowledged by its own node', async () => {
		// No polling of the log within the test: what arrives came through Redis.
		const { nodes } = await startCluster({ pollMs: 60_000 });
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const onA = client(a, owner.workspaceRoom, owner.cookie);
		const onB = client(b, owner.workspaceRoom, owner.cookie);
		await waitFor(() => onA.provider.synced && onB.provider.synced, 5000, 'synced');

		onA.doc.getMap('subject').set('name', 'written on A');
		await waitFor(() => field(onB, 'name') === 'written on A', 5000, 'A to B');
		onB.doc.getMap('subject').set('province', 'written on B');
		await waitFor(() => field(onA, 'province') === 'written on B', 5000, 'B to A');
		await waitFor(() => onA.saved && onB.saved, 5000, 'both acknowledged');

		// Many edits from both sides at once: both copies converge to the same state.
		for (let i = 0; i < 50; i++) {
			onA.doc.getArray('log').push([`a${i}`]);
			onB.doc.getArray('log').push([`b${i}`]);
		}
		await waitFor(() => onA.doc.getArray('log').length === 100 && onB.doc.getArray('log').length === 100, 10_000, 'converged');
		expect(onB.doc.getArray('log').toJSON()).toEqual(onA.doc.getArray('log').toJSON());
	});

	it('a viewer on either node reads but its write is refused on every node', async () => {
		// No polling of the log within the test: what arrives came through Redis.
		const { nodes } = await startCluster({ pollMs: 60_000 });
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const viewer = await addMember(a.server, owner, 'viewer');
		const ownerOnA = client(a, owner.workspaceRoom, owner.cookie);
		const viewerOnB = client(b, owner.workspaceRoom, viewer.cookie);
		const viewerOnA = client(a, owner.workspaceRoom, viewer.cookie);
		await waitFor(() => ownerOnA.provider.synced && viewerOnB.provider.synced && viewerOnA.provider.synced, 5000, 'synced');
		ownerOnA.doc.getMap('subject').set('name', 'owner wrote');
		await waitFor(() => field(viewerOnB, 'name') === 'owner wrote', 5000, 'viewer on B reads');

		viewerOnB.doc.getMap('subject').set('province', 'viewer wrote on B');
		viewerOnA.doc.getMap('subject').set('city', 'viewer wrote on A');
		await waitFor(() => viewerOnB.errors.length > 0 && viewerOnA.errors.length > 0, 5000, 'read-only errors');
		expect([viewerOnB.errors, viewerOnA.errors]).toEqual([[SYNC_ERROR.readOnly], [SYNC_ERROR.readOnly]]);

		// A later edit of the owner arrives on B: had the viewer's been relayed, it would have arrived first.
		ownerOnA.doc.getMap('subject').set('note', 'after');
		const fresh = client(b, owner.workspaceRoom, owner.cookie);
		await waitFor(() => fresh.provider.synced && field(fresh, 'note') === 'after', 5000, 'fresh client on B');
		expect([field(fresh, 'province'), field(fresh, 'city'), field(ownerOnA, 'province'), field(ownerOnA, 'city')]).toEqual([undefined, undefined, undefined, undefined]);
	});

	it('a commit nobody published (its node died after the commit) reaches the clients of the other nodes without further writes', async () => {
		const { nodes, db } = await startCluster({ pollMs: 200 });
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const onA = client(a, owner.workspaceRoom, owner.cookie);
		const onB = client(b, owner.workspaceRoom, owner.cookie);
		await waitFor(() => onA.provider.synced && onB.provider.synced, 5000, 'synced');
		onA.doc.getMap('subject').set('name', 'before');
		await waitFor(() => field(onB, 'name') === 'before' && onA.saved, 5000, 'first edit');

		// A "node" that commits to the log and dies before publishing: a bare PgDocStore on the same schema.
		const pool = createPgPool(db.url, { max: 1 });
		try {
			const dead = await PgDocStore.open(pool);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(onA.doc));
			const before = Y.encodeStateVector(doc);
			doc.getMap('subject').set('province', 'committed, never published');
			await dead.append(owner.workspaceRoom, [Y.encodeStateAsUpdate(doc, before)]);
			await dead.close();
		} finally {
			await pool.end();
		}
		await waitFor(() => field(onA, 'province') === 'committed, never published' && field(onB, 'province') === 'committed, never published', 5000, 'caught up on both nodes');
	});
});
