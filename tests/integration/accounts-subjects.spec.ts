/**
 * Subjects, invites and members over the real HTTP API: one account ↔ one subject keyed on the
 * domain's canonical certificate, single-use expiring invites, roles owned by the owner.
 */
import { describe, expect, it } from 'vitest';
import {
	addMember,
	api,
	signUp,
	signUpWithSubject,
	useTestServers
} from '../support/server.ts';

const servers = useTestServers();

const USCC = '91110000101623741K';
const company = (overrides: Record<string, string> = {}) => ({
	subjectType: 'enterprise',
	certificateType: 'uscc-certificate',
	certificateNumber: USCC,
	name: '北京示例科技有限公司',
	...overrides
});

describe('binding a subject', () => {
	it('ROOM-2 binds a subject with a server-issued id and names its workspace and facts rooms', async () => {
		const { server: srv } = await servers.start();
		const alice = await signUp(srv);
		const res = await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company({ certificateNumber: ' 91110000101623741k ' }) });
		expect(res.status).toBe(201);
		const id = String(res.body.subject?.id);
		expect(res.body.subject).toEqual({
			id: expect.stringMatching(/^[a-z2-7]{16}$/),
			subjectType: 'enterprise',
			certificateType: 'uscc-certificate',
			certificateNumber: USCC,
			name: '北京示例科技有限公司',
			workspaceRoom: `ws-${id}`,
			factsRoom: `ws-${id}_facts`
		});
		const me = await api(srv, 'GET', '/api/me', { cookie: alice.cookie });
		expect(me.body.subject).toEqual(res.body.subject);
		expect(me.body.memberships).toEqual([{ subjectId: id, role: 'owner', subjectName: '北京示例科技有限公司', workspaceRoom: `ws-${id}`, factsRoom: `ws-${id}_facts` }]);
	});

	it('OP-1 refuses a second subject on the same account with account-has-subject', async () => {
		const { server: srv } = await servers.start();
		const alice = await signUpWithSubject(srv);
		const res = await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company() });
		expect([res.status, res.body.error]).toEqual([409, 'account-has-subject']);
	});

	it('refuses the same certificate on a second account with subject-bound-elsewhere, however it is written or labelled', async () => {
		const { server: srv } = await servers.start();
		const alice = await signUp(srv);
		expect((await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company() })).status).toBe(201);
		for (const body of [company({ certificateNumber: '9111 0000 1016 2374 1k' }), company({ certificateType: 'business-licence' })]) {
			const bob = await signUp(srv);
			const res = await api(srv, 'POST', '/api/subject', { cookie: bob.cookie, body });
			expect([res.status, res.body.error]).toEqual([409, 'subject-bound-elsewhere']);
			expect((await api(srv, 'GET', '/api/me', { cookie: bob.cookie })).body.subject).toBeNull();
		}
	});

	it('CERT-4 SUBJ-1 CERT-1 refuses an invalid certificate with invalid-certificate and the domain issues', async () => {
		const { server: srv } = await servers.start();
		const alice = await signUp(srv);
		const bad = await api(srv, 'POST', '/api/subject', {
			cookie: alice.cookie,
			body: { subjectType: 'individual', certificateType: 'passport', certificateNumber: '#!', name: '张三' }
		});
		expect(bad.status).toBe(400);
		expect(bad.body).toMatchObject({ error: 'invalid-certificate', details: { issues: [{ rule: 'CERT-4', severity: 'error' }] } });
		const mismatch = await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company({ subjectType: 'individual' }) });
		expect(mismatch.body).toMatchObject({ error: 'invalid-certificate', details: { issues: [{ rule: 'SUBJ-1' }] } });
		const unknownType = await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company({ certificateType: 'library-card' }) });
		expect(unknownType.body).toMatchObject({ error: 'invalid-certificate', details: { issues: [{ rule: 'CERT-1' }] } });
		const unknownSubjectType = await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company({ subjectType: 'pirate' }) });
		expect(unknownSubjectType.body.error).toBe('invalid-input');
	});

	it('TEXT-1 TEXT-4 stores a name as given (trimmed) — markup stays text — and refuses control characters', async () => {
		const { server: srv } = await servers.start();
		const alice = await signUp(srv);
		const control = await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company({ name: '北京\u0007示例' }) });
		expect(control.body).toMatchObject({ error: 'invalid-input', details: { issues: [{ rule: 'TEXT-1' }] } });
		const empty = await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company({ name: '   ' }) });
		expect(empty.body).toMatchObject({ error: 'invalid-input', details: { issues: [{ rule: 'TEXT-4' }] } });
		const markup = await api(srv, 'POST', '/api/subject', { cookie: alice.cookie, body: company({ name: '  <img src=x onerror=alert(1)>公司 ' }) });
		expect(markup.status).toBe(201);
		expect(markup.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(markup.body.subject?.name).toBe('<img src=x onerror=alert(1)>公司');
	});
});

describe('invites', () => {
	it('the owner invites with a one-time code; a collaborator accepts it once with their own account', async () => {
		const { server: srv } = await servers.start();
		const owner = await signUpWithSubject(srv);
		const invite = await api(srv, 'POST', `/api/subjects/${owner.subjectId}/invites`, { cookie: owner.cookie, body: { role: 'editor' } });
		expect(invite.status).toBe(201);
		expect(invite.body).toEqual({ code: expect.stringMatching(/^[a-z2-7]{32}$/), expiresAt: expect.any(String), role: 'editor' });
		const hours = (new Date(String(invite.body.expiresAt)).getTime() - Date.now()) / 3_600_000;
		expect(hours).toBeGreaterThan(71.9);
		expect(hours).toBeLessThanOrEqual(72);

		const bob = await signUp(srv);
		const accepted = await api(srv, 'POST', '/api/invites/accept', { cookie: bob.cookie, body: { code: String(invite.body.code).toUpperCase() } });
		expect(accepted.status).toBe(200);
		expect(accepted.body).toEqual({ subjectId: owner.subjectId, role: 'editor', workspaceRoom: owner.workspaceRoom, factsRoom: owner.factsRoom });
		const me = await api(srv, 'GET', '/api/me', { cookie: bob.cookie });
		expect(me.body.subject).toBeNull();
		expect(me.body.memberships).toEqual([{ subjectId: owner.subjectId, role: 'editor', subjectName: '张三', workspaceRoom: owner.workspaceRoom, factsRoom: owner.factsRoom }]);

		const carol = await signUp(srv);
		const again = await api(srv, 'POST', '/api/invites/accept', { cookie: carol.cookie, body: { code: invite.body.code } });
		expect([again.status, again.body.error]).toEqual([409, 'invite-used']);
	});

	it('refuses unknown codes, expired invites, members and the owner accepting their own', async () => {
		let now = Date.now();
		const { server: srv } = await servers.start({ now: () => now });
		const owner = await signUpWithSubject(srv);
		const create = (body: object) => api(srv, 'POST', `/api/subjects/${owner.subjectId}/invites`, { cookie: owner.cookie, body });
		const bob = await signUp(srv);
		const unknown = await api(srv, 'POST', '/api/invites/accept', { cookie: bob.cookie, body: { code: 'a'.repeat(32) } });
		expect([unknown.status, unknown.body.error]).toEqual([404, 'invite-not-found']);

		const own = await create({ role: 'viewer' });
		const self = await api(srv, 'POST', '/api/invites/accept', { cookie: owner.cookie, body: { code: own.body.code } });
		expect([self.status, self.body.error]).toEqual([409, 'already-member']);

		const short = await create({ role: 'viewer', expiresInHours: 1 });
		now += 61 * 60_000;
		const expired = await api(srv, 'POST', '/api/invites/accept', { cookie: bob.cookie, body: { code: short.body.code } });
		expect([expired.status, expired.body.error]).toEqual([410, 'invite-expired']);

		const ok = await api(srv, 'POST', '/api/invites/accept', { cookie: bob.cookie, body: { code: own.body.code } });
		expect(ok.status).toBe(200);
		const second = await create({ role: 'editor' });
		const member = await api(srv, 'POST', '/api/invites/accept', { cookie: bob.cookie, body: { code: second.body.code } });
		expect([member.status, member.body.error]).toEqual([409, 'already-member']);
	});

	it('lets only the owner invite, with a role of editor or viewer for 1–720 hours', async () => {
		const { server: srv } = await servers.start();
		const owner = await signUpWithSubject(srv);
		const editor = await addMember(srv, owner, 'editor');
		const byEditor = await api(srv, 'POST', `/api/subjects/${owner.subjectId}/invites`, { cookie: editor.cookie, body: { role: 'viewer' } });
		expect([byEditor.status, byEditor.body.error]).toEqual([403, 'forbidden']);
		for (const body of [{ role: 'owner' }, { role: 'viewer', expiresInHours: 721 }, { role: 'viewer', expiresInHours: 0 }]) {
			const res = await api(srv, 'POST', `/api/subjects/${owner.subjectId}/invites`, { cookie: owner.cookie, body });
			expect(res.body.error).toBe('invalid-input');
		}
		const other = await signUpWithSubject(srv);
		const foreign = await api(srv, 'POST', `/api/subjects/${other.subjectId}/invites`, { cookie: owner.cookie, body: { role: 'viewer' } });
		expect(foreign.status).toBe(403);
	});
});

describe('members', () => {
	it('any member lists the members; only the owner changes roles or removes, never their own', async () => {
		const { server: srv } = await servers.start();
		const owner = await signUpWithSubject(srv);
		const editor = await addMember(srv, owner, 'editor');
		const viewer = await addMember(srv, owner, 'viewer');
		const path = `/api/subjects/${owner.subjectId}/members`;
		const list = await api(srv, 'GET', path, { cookie: viewer.cookie });
		expect(list.body.members).toEqual([
			{ accountId: owner.account.id, email: owner.email, role: 'owner' },
			{ accountId: editor.account.id, email: editor.email, role: 'editor' },
			{ accountId: viewer.account.id, email: viewer.email, role: 'viewer' }
		]);
		const outsider = await signUp(srv);
		expect((await api(srv, 'GET', path, { cookie: outsider.cookie })).status).toBe(403);

		expect((await api(srv, 'PATCH', `${path}/${viewer.account.id}`, { cookie: editor.cookie, body: { role: 'editor' } })).status).toBe(403);
		const own = await api(srv, 'PATCH', `${path}/${owner.account.id}`, { cookie: owner.cookie, body: { role: 'viewer' } });
		expect([own.status, own.body.error]).toEqual([409, 'owner-role-fixed']);
		const promoted = await api(srv, 'PATCH', `${path}/${viewer.account.id}`, { cookie: owner.cookie, body: { role: 'editor' } });
		expect(promoted.status).toBe(200);
		expect(promoted.body).toEqual({ member: { accountId: viewer.account.id, email: viewer.email, role: 'editor' } });
		expect((await api(srv, 'PATCH', `${path}/${outsider.account.id}`, { cookie: owner.cookie, body: { role: 'viewer' } })).body.error).toBe('member-not-found');

		expect((await api(srv, 'DELETE', `${path}/${editor.account.id}`, { cookie: viewer.cookie })).status).toBe(403);
		expect((await api(srv, 'DELETE', `${path}/${owner.account.id}`, { cookie: owner.cookie })).body.error).toBe('owner-role-fixed');
		expect((await api(srv, 'DELETE', `${path}/${editor.account.id}`, { cookie: owner.cookie })).status).toBe(204);
		expect((await api(srv, 'GET', '/api/me', { cookie: editor.cookie })).body.memberships).toEqual([]);
		expect((await api(srv, 'DELETE', `${path}/${editor.account.id}`, { cookie: owner.cookie })).body.error).toBe('member-not-found');
	});
});
