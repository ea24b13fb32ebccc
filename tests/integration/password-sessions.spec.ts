/**
 * A new password ends the account's other sessions (NOTE-1): a password reset through the mailed
 * link revokes every session of the account and closes their open sync sockets at once; a
 * reviewer's password change keeps only the session that changed it.
 */
import { describe, expect, it } from 'vitest';
import { addReviewer } from '../../sync-server/src/review/reviewers.ts';
import { CLOSE } from '../../src/lib/sync/protocol.ts';
import { resetTokenMailedTo } from '../support/mail.ts';
import { api, connectClient, signUpWithSubject, TEST_PASSWORD_COST, useTestServers, waitFor } from '../support/server.ts';

const servers = useTestServers();

describe('a new password ends the other sessions', () => {
	it('a password reset revokes every session of the account and closes their sync sockets at once', async () => {
		const s = await servers.start();
		const owner = await signUpWithSubject(s.server);
		const second = await api(s.server, 'POST', '/api/sessions', { body: { email: owner.email, password: owner.password } });
		expect(second.status).toBe(200);
		const stranger = await signUpWithSubject(s.server);
		const sockets = [owner.cookie, second.cookie ?? ''].map((cookie) => servers.track(connectClient(s.server, owner.workspaceRoom, { cookie })));
		const facts = servers.track(connectClient(s.server, owner.factsRoom, { cookie: owner.cookie }));
		const untouched = servers.track(connectClient(s.server, stranger.workspaceRoom, { cookie: stranger.cookie }));
		await waitFor(() => [...sockets, facts, untouched].every((c) => c.provider.synced), 5000, 'synced');

		expect((await api(s.server, 'POST', '/api/password-resets', { body: { email: owner.email } })).status).toBe(202);
		const token = resetTokenMailedTo(s.dataDir, owner.email);
		const started = Date.now();
		expect((await api(s.server, 'POST', '/api/password-resets/confirm', { body: { token, password: 'a fresh password 9' } })).status).toBe(204);
		await waitFor(() => [...sockets, facts].every((c) => c.closeCodes.length > 0), 2000, 'sockets closed');
		expect(Date.now() - started).toBeLessThan(1000);
		expect([...sockets, facts].map((c) => c.closeCodes[0])).toEqual([CLOSE.unauthenticated, CLOSE.unauthenticated, CLOSE.unauthenticated]);
		for (const cookie of [owner.cookie, second.cookie]) expect((await api(s.server, 'GET', '/api/sessions', { cookie })).status).toBe(401);
		// Another account's session and socket stay.
		expect(untouched.closeCodes).toEqual([]);
		expect((await api(s.server, 'GET', '/api/sessions', { cookie: stranger.cookie })).status).toBe(200);
		// The new password signs in.
		expect((await api(s.server, 'POST', '/api/sessions', { body: { email: owner.email, password: 'a fresh password 9' } })).status).toBe(200);
	});

	it("a reviewer's password change keeps the session that changed it and revokes the others", async () => {
		const s = await servers.start();
		const created = await addReviewer({ accounts: s.records.accounts, reviewers: s.review.reviewers, scryptCost: TEST_PASSWORD_COST, now: Date.now }, 'desk-sessions@example.com');
		if (!created.ok) throw new Error(created.failure.message);
		const signIn = () => api(s.server, 'POST', '/api/sessions', { body: { email: created.value.email, password: created.value.password } });
		const [here, elsewhere] = [await signIn(), await signIn()];
		expect([here.status, elsewhere.status]).toEqual([200, 200]);
		const changed = await api(s.server, 'POST', '/api/review/password', { cookie: here.cookie, body: { currentPassword: created.value.password, newPassword: 'desk password changed' } });
		expect(changed.status).toBe(204);
		expect((await api(s.server, 'GET', '/api/sessions', { cookie: elsewhere.cookie })).status).toBe(401);
		const kept = await api(s.server, 'GET', '/api/sessions', { cookie: here.cookie });
		expect(kept.status).toBe(200);
		expect(kept.body.sessions).toHaveLength(1);
	});
});
