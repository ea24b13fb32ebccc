/**
 * Access across the nodes of a cluster (issue 13): a session revoked on node A closes its
 * socket on node B at once, a role changed on A applies to B's open connection, and a rate
 * limit counts the hits of every node together (its counters are in Redis).
 */
import { describe, expect, it } from 'vitest';
import { CLOSE, SYNC_ERROR } from '../../src/lib/sync/protocol.ts';
import { clusterClient, startCluster, type ClusterNode } from '../support/cluster.ts';
import { awarenessFrame } from '../support/hostile-frames.ts';
import { openRawSocket } from '../support/raw-socket.ts';
import { addMember, api, signUpWithSubject, useTestServers, waitFor } from '../support/server.ts';

const servers = useTestServers();

const client = (node: ClusterNode, room: string, cookie: string) => clusterClient(servers, node, room, cookie);

describe('cluster: access across nodes', () => {
	it('signing out on node A closes the session\'s sockets on node B at once with 4401', async () => {
		const { nodes } = await startCluster();
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const onB = client(b, owner.workspaceRoom, owner.cookie);
		const factsOnB = client(b, owner.factsRoom, owner.cookie);
		await waitFor(() => onB.provider.synced && factsOnB.provider.synced, 5000, 'synced');
		const started = Date.now();
		expect((await api(a.server, 'DELETE', '/api/sessions/current', { cookie: owner.cookie })).status).toBe(204);
		await waitFor(() => onB.closeCodes.length > 0 && factsOnB.closeCodes.length > 0, 2000, 'kicked on B');
		expect(Date.now() - started).toBeLessThan(1000);
		expect([onB.closeCodes[0], factsOnB.closeCodes[0]]).toEqual([CLOSE.unauthenticated, CLOSE.unauthenticated]);
	});

	it('removing a member on node A closes their sockets on node B with 4403', async () => {
		const { nodes } = await startCluster();
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const editor = await addMember(a.server, owner, 'editor');
		const onB = client(b, owner.workspaceRoom, editor.cookie);
		await waitFor(() => onB.provider.synced, 5000, 'synced');
		expect((await api(a.server, 'DELETE', `/api/subjects/${owner.subjectId}/members/${editor.account.id}`, { cookie: owner.cookie })).status).toBe(204);
		await waitFor(() => onB.closeCodes.length > 0, 2000, 'kicked on B');
		expect(onB.closeCodes[0]).toBe(CLOSE.forbidden);
	});

	it('an editor made viewer on node A can no longer write through node B', async () => {
		const { nodes } = await startCluster();
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const editor = await addMember(a.server, owner, 'editor');
		const onB = client(b, owner.workspaceRoom, editor.cookie);
		await waitFor(() => onB.provider.synced, 5000, 'synced');
		const patch = await api(a.server, 'PATCH', `/api/subjects/${owner.subjectId}/members/${editor.account.id}`, { cookie: owner.cookie, body: { role: 'viewer' } });
		expect(patch.status).toBe(200);
		// The change travels through Redis; give it the moment it takes (well under the timeout).
		await new Promise((resolve) => setTimeout(resolve, 200));
		onB.doc.getMap('subject').set('name', 'after demotion');
		await waitFor(() => onB.errors.length > 0, 5000, 'read-only on B');
		expect(onB.errors).toEqual([SYNC_ERROR.readOnly]);
	});

	it('PRES-5 a display name changed on node A is stamped on the presence of the same account\'s open socket on node B', async () => {
		const { nodes } = await startCluster();
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const owner = await signUpWithSubject(a.server);
		const editor = await addMember(a.server, owner, 'editor');
		expect((await api(a.server, 'PATCH', '/api/me', { cookie: editor.cookie, body: { displayName: '韩梅梅' } })).status).toBe(200);
		const watcher = client(b, owner.workspaceRoom, owner.cookie);
		watcher.provider.awareness.setLocalState(null);
		const socket = await openRawSocket(`${b.server.url.replace('http', 'ws')}/sync/${owner.workspaceRoom}`, { origin: b.server.url, cookie: editor.cookie });
		const nameOf = () => watcher.provider.awareness.getStates().get(7301)?.name;
		socket.send(awarenessFrame(7301, 1, JSON.stringify({ colour: 1 })));
		await waitFor(() => nameOf() === '韩梅梅', 5000, 'the first name on B');
		expect((await api(a.server, 'PATCH', '/api/me', { cookie: editor.cookie, body: { displayName: '韩小梅' } })).status).toBe(200);
		// The rename travels through Redis; the socket's next update (after the 100 ms presence interval) carries it.
		await new Promise((resolve) => setTimeout(resolve, 300));
		socket.send(awarenessFrame(7301, 2, JSON.stringify({ colour: 2 })));
		await waitFor(() => watcher.provider.awareness.getStates().get(7301)?.colour === 2, 5000, 'the next update on B');
		expect(nameOf()).toBe('韩小梅');
		socket.ws.close();
	});

	it('a rate limit counts the hits of all nodes together: sign-ups from one address beyond the limit are refused on any node', async () => {
		const { nodes } = await startCluster({ limits: { registerPerIp: { max: 3, windowSeconds: 60 } } });
		const [a, b] = nodes as [ClusterNode, ClusterNode];
		const signUp = (node: ClusterNode, n: number) => api(node.server, 'POST', '/api/accounts', { body: { email: `limit-${n}-${Date.now()}@example.com`, password: 'correct horse battery' } });
		const statuses = [(await signUp(a, 1)).status, (await signUp(b, 2)).status, (await signUp(a, 3)).status];
		expect(statuses).toEqual([201, 201, 201]);
		const refused = await signUp(b, 4);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await signUp(a, 5)).status).toBe(429);
	});
});
