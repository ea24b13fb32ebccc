/**
 * A remote update that fails to apply on a node (issue 13): a commit whose published copy
 * arrives garbled on the Redis bus. Counting its seq as held would leave the node's copy of the
 * room without that commit for good (no further write, no poll within the test); instead the
 * node discards the room — its sockets close with 1011 — and reloads it from PostgreSQL, so the
 * clients reconnect to the committed state.
 */
import { describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../src/lib/sync/protocol.ts';
import { RedisConnection } from '../../sync-server/src/cluster/redis-connection.ts';
import { redisRoomBus } from '../../sync-server/src/cluster/redis-room-bus.ts';
import { silentLogger } from '../../sync-server/src/log.ts';
import { createPgPool } from '../../sync-server/src/storage/pg/pg-database.ts';
import { PgDocStore } from '../../sync-server/src/storage/pg/pg-doc-store.ts';
import { clusterClient, startCluster, type ClusterNode } from '../support/cluster.ts';
import { redisUrl } from '../support/redis.ts';
import { signUpWithSubject, useTestServers, waitFor, type TestClient } from '../support/server.ts';

const servers = useTestServers();

const field = (c: TestClient, key: string) => c.doc.getMap('subject').get(key);

describe('cluster: a remote update that fails to apply', () => {
	it('the node discards the room and reloads it from PostgreSQL: its clients reconnect to the committed state', async () => {
		// No polling of the log within the test: only the reload can bring the commit.
		const { nodes, db, prefix } = await startCluster({ pollMs: 60_000 });
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const onA = clusterClient(servers, a, owner.workspaceRoom, owner.cookie);
		const onB = clusterClient(servers, b, owner.workspaceRoom, owner.cookie);
		await waitFor(() => onA.provider.synced && onB.provider.synced, 5000, 'synced');
		onA.doc.getMap('subject').set('name', 'before');
		await waitFor(() => field(onB, 'name') === 'before' && onA.saved, 5000, 'first edit');

		// A third "node" commits an update and publishes it garbled (cut short).
		const pool = createPgPool(db.url, { max: 1 });
		const bus = await RedisConnection.open({ url: redisUrl(inject('redis')), logger: silentLogger, keyPrefix: prefix });
		try {
			const store = await PgDocStore.open(pool);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(onA.doc));
			const before = Y.encodeStateVector(doc);
			doc.getMap('subject').set('province', 'committed, garbled on the bus');
			const update = Y.encodeStateAsUpdate(doc, before);
			const seq = await store.append(owner.workspaceRoom, [update]);
			await store.close();
			redisRoomBus(bus, silentLogger).publishUpdates(owner.workspaceRoom, seq, seq, [update.subarray(0, Math.floor(update.byteLength / 2))]);
		} finally {
			await bus.close();
			await pool.end();
		}

		await waitFor(() => field(onA, 'province') === 'committed, garbled on the bus' && field(onB, 'province') === 'committed, garbled on the bus', 10_000, 'both reloaded');
		expect(onA.closeCodes).toContain(CLOSE.unavailable);
		expect(onB.closeCodes).toContain(CLOSE.unavailable);
		expect([field(onA, 'name'), field(onB, 'name')]).toEqual(['before', 'before']);

		// The reloaded rooms go on syncing across the nodes.
		onB.doc.getMap('subject').set('city', 'after the reload');
		await waitFor(() => field(onA, 'city') === 'after the reload', 5000, 'B to A after the reload');
	});
});
