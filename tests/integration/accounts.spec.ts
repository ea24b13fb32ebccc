/**
 * The accounts HTTP API against a real server on port 0: registration, sign-in and out,
 * sessions, origin checks, limits and malformed bodies. Subjects, invites and members are in
 * accounts-subjects.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { api, signUp, useTestServers } from '../support/server.ts';

const servers = useTestServers();

const PASSWORD = 'correct horse battery';

describe('registration and sign-in', () => {
	it('registers an account, signs it in with an HttpOnly SameSite=Strict cookie, and shows it in /me', async () => {
		const { server: srv } = await servers.start();
		const res = await api(srv, 'POST', '/api/accounts', { body: { email: '  Alice@Example.COM ', password: PASSWORD } });
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ account: { id: expect.stringMatching(/^[a-z2-7]{16}$/), email: 'alice@example.com' } });
		const setCookie = res.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(/^beian_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=2592000$/);
		const me = await api(srv, 'GET', '/api/me', { cookie: res.cookie });
		expect(me.status).toBe(200);
		expect(me.body).toEqual({ account: { ...res.body.account, displayName: '' }, subject: null, memberships: [] });
		expect(me.headers.get('cache-control')).toBe('no-store');
	});

	it('MAIL-1 refuses a taken e-mail (case-insensitively), an invalid e-mail and a short password', async () => {
		const { server: srv } = await servers.start();
		await signUp(srv, { email: 'bob@example.com' });
		const taken = await api(srv, 'POST', '/api/accounts', { body: { email: 'BOB@example.com', password: PASSWORD } });
		expect(taken.status).toBe(409);
		expect(taken.body).toMatchObject({ error: 'email-taken', message: expect.any(String) });
		const invalid = await api(srv, 'POST', '/api/accounts', { body: { email: 'not an email', password: PASSWORD } });
		expect(invalid.status).toBe(400);
		expect(invalid.body.error).toBe('invalid-input');
		const control = await api(srv, 'POST', '/api/accounts', { body: { email: 'eve\u0000@example.com', password: PASSWORD } });
		expect(control.body.error).toBe('invalid-input');
		const short = await api(srv, 'POST', '/api/accounts', { body: { email: 'carol@example.com', password: 'short' } });
		expect(short.status).toBe(400);
		expect(short.body).toMatchObject({ error: 'invalid-input', details: { issues: [expect.objectContaining({ path: ['password'] })] } });
		expect(short.cookie).toBeNull();
	});

	it('signs in with the right password only; a wrong password and an unknown e-mail look the same', async () => {
		const { server: srv } = await servers.start();
		const alice = await signUp(srv, { email: 'alice@example.com' });
		const wrong = await api(srv, 'POST', '/api/sessions', { body: { email: alice.email, password: 'wrong password' } });
		const unknown = await api(srv, 'POST', '/api/sessions', { body: { email: 'nobody@example.com', password: PASSWORD } });
		expect([wrong.status, wrong.body.error, wrong.cookie]).toEqual([401, 'invalid-credentials', null]);
		expect([unknown.status, unknown.body.error]).toEqual([wrong.status, wrong.body.error]);
		const right = await api(srv, 'POST', '/api/sessions', { body: { email: 'ALICE@example.com', password: alice.password } });
		expect(right.status).toBe(200);
		expect(right.body).toEqual({ account: alice.account });
		expect(right.cookie).not.toBeNull();
		expect(right.cookie).not.toBe(alice.cookie);
	});

	it('answers 401 unauthenticated without a cookie or with an unknown one', async () => {
		const { server: srv } = await servers.start();
		for (const cookie of [undefined, 'beian_session=' + 'A'.repeat(43), 'beian_session=<script>', 'other=1']) {
			const res = await api(srv, 'GET', '/api/me', { cookie });
			expect(res.status).toBe(401);
			expect(res.body.error).toBe('unauthenticated');
		}
		expect((await api(srv, 'GET', '/api/sessions')).status).toBe(401);
	});
});

describe('sessions', () => {
	it('lists sessions with the current one marked, revokes another device, and signs out', async () => {
		const { server: srv } = await servers.start();
		const first = await signUp(srv);
		const second = await api(srv, 'POST', '/api/sessions', {
			body: { email: first.email, password: first.password },
			headers: { 'user-agent': 'Phone <b>Browser</b>' }
		});
		const list = await api(srv, 'GET', '/api/sessions', { cookie: second.cookie });
		expect(list.status).toBe(200);
		const sessions = list.body.sessions as unknown as { id: string; current: boolean; createdAt: string }[];
		expect(sessions).toHaveLength(2);
		const current = sessions.find((s) => s.current);
		const other = sessions.find((s) => !s.current);
		expect(current).toMatchObject({ id: expect.stringMatching(/^[a-z2-7]{16}$/), userAgent: 'Phone <b>Browser</b>' });
		expect(new Date(String(current?.createdAt)).getTime()).not.toBeNaN();
		expect(JSON.stringify(list.body)).not.toContain(first.cookie.split('=')[1] ?? 'token');

		expect((await api(srv, 'DELETE', `/api/sessions/${other?.id}`, { cookie: second.cookie })).status).toBe(204);
		expect((await api(srv, 'GET', '/api/me', { cookie: first.cookie })).status).toBe(401);
		expect((await api(srv, 'DELETE', `/api/sessions/${other?.id}`, { cookie: second.cookie })).body.error).toBe('session-not-found');

		const out = await api(srv, 'DELETE', '/api/sessions/current', { cookie: second.cookie });
		expect(out.status).toBe(204);
		expect(out.headers.get('set-cookie')).toMatch(/^beian_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/);
		expect((await api(srv, 'GET', '/api/me', { cookie: second.cookie })).status).toBe(401);
	});

	it("cannot revoke another account's session", async () => {
		const { server: srv } = await servers.start();
		const alice = await signUp(srv);
		const bob = await signUp(srv);
		const aliceSession = String((await api(srv, 'GET', '/api/sessions', { cookie: alice.cookie })).body.sessions?.[0]?.id);
		const res = await api(srv, 'DELETE', `/api/sessions/${aliceSession}`, { cookie: bob.cookie });
		expect([res.status, res.body.error]).toEqual([404, 'session-not-found']);
		expect((await api(srv, 'GET', '/api/me', { cookie: alice.cookie })).status).toBe(200);
	});

	it('ends a session after its lifetime without use', async () => {
		let now = Date.now();
		const { server: srv } = await servers.start({ sessionLifetimeMs: 10 * 60_000, now: () => now });
		const alice = await signUp(srv);
		now += 10 * 60_000 - 1;
		expect((await api(srv, 'GET', '/api/me', { cookie: alice.cookie })).status).toBe(200);
		now += 10 * 60_000;
		expect((await api(srv, 'GET', '/api/me', { cookie: alice.cookie })).body.error).toBe('unauthenticated');
	});

	it('renews a session on use (sliding), and re-sends the cookie when it does', async () => {
		let now = Date.now();
		const { server: srv } = await servers.start({ sessionLifetimeMs: 10 * 60_000, now: () => now });
		const alice = await signUp(srv);
		now += 9 * 60_000;
		const used = await api(srv, 'GET', '/api/me', { cookie: alice.cookie });
		expect(used.status).toBe(200);
		expect(used.headers.get('set-cookie')).toMatch(/Max-Age=600/);
		now += 9 * 60_000;
		expect((await api(srv, 'GET', '/api/me', { cookie: alice.cookie })).status).toBe(200);
		now += 11 * 60_000;
		expect((await api(srv, 'GET', '/api/me', { cookie: alice.cookie })).status).toBe(401);
	});

	it('marks the cookie Secure and __Host- prefixed behind a trusted HTTPS proxy only', async () => {
		const trusting = await servers.start({ trustProxy: true });
		const proxied = await api(trusting.server, 'POST', '/api/accounts', {
			body: { email: 'a@example.com', password: PASSWORD },
			headers: { 'x-forwarded-proto': 'https' }
		});
		expect(proxied.headers.get('set-cookie')).toMatch(/^__Host-beian_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=2592000; Secure$/);
		const plain = await servers.start();
		const spoofed = await api(plain.server, 'POST', '/api/accounts', {
			body: { email: 'a@example.com', password: PASSWORD },
			headers: { 'x-forwarded-proto': 'https' }
		});
		expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure|__Host-/);
	});
});

describe('origin', () => {
	it('refuses a state-changing request from a foreign Origin with 403 foreign-origin', async () => {
		const { server: srv } = await servers.start();
		const alice = await signUp(srv);
		for (const [method, path] of [['POST', '/api/sessions'], ['POST', '/api/accounts'], ['DELETE', '/api/sessions/current'], ['POST', '/api/subject']]) {
			const res = await api(srv, method as string, path as string, { origin: 'https://evil.example', cookie: alice.cookie, body: {} });
			expect([res.status, res.body.error]).toEqual([403, 'foreign-origin']);
		}
		expect((await api(srv, 'GET', '/api/me', { cookie: alice.cookie })).status).toBe(200);
		expect((await api(srv, 'GET', '/api/me', { origin: 'https://evil.example', cookie: alice.cookie })).status).toBe(200);
	});

	it('allows both default local origins and none, but a request without Origin still needs a session', async () => {
		const { server: srv } = await servers.start();
		const origins = [`http://localhost:${srv.port}`, `http://127.0.0.1:${srv.port}`, null];
		for (const [i, origin] of origins.entries()) {
			expect((await api(srv, 'POST', '/api/accounts', { origin, body: { email: `origin${i}@example.com`, password: PASSWORD } })).status).toBe(201);
		}
		expect((await api(srv, 'POST', '/api/accounts', { origin: 'http://localhost:1', body: {} })).status).toBe(403);
		const noSession = await api(srv, 'POST', '/api/subject', { origin: null, body: { subjectType: 'individual', certificateType: 'passport', certificateNumber: 'E1234567', name: 'x' } });
		expect([noSession.status, noSession.body.error]).toEqual([401, 'unauthenticated']);
	});

	it('uses the configured allowlist instead of the defaults', async () => {
		const { server: srv } = await servers.start({ allowedOrigins: ['https://beian.example.com'] });
		const body = { email: 'a@example.com', password: PASSWORD };
		expect((await api(srv, 'POST', '/api/accounts', { origin: 'https://beian.example.com', body })).status).toBe(201);
		expect((await api(srv, 'POST', '/api/accounts', { origin: srv.url, body })).status).toBe(403);
	});
});

describe('limits', () => {
	it('rate limits sign-in per IP with 429, Retry-After and retryAfterSeconds', async () => {
		const { server: srv } = await servers.start({ limits: { signInPerIp: { max: 3, windowSeconds: 60 } } });
		const body = { email: 'nobody@example.com', password: PASSWORD };
		for (let i = 0; i < 3; i++) expect((await api(srv, 'POST', '/api/sessions', { body })).status).toBe(401);
		const limited = await api(srv, 'POST', '/api/sessions', { body });
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({ error: 'rate-limited', message: expect.stringMatching(/\d+ s/), details: { retryAfterSeconds: expect.any(Number) } });
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect(limited.body.details?.retryAfterSeconds).toBe(retryAfter);
	});

	it('rate limits failed sign-ins per account, even with the right password afterwards', async () => {
		const { server: srv } = await servers.start({ limits: { signInPerAccount: { max: 2, windowSeconds: 900 } } });
		const alice = await signUp(srv);
		for (let i = 0; i < 2; i++) expect((await api(srv, 'POST', '/api/sessions', { body: { email: alice.email, password: 'wrong password' } })).status).toBe(401);
		const limited = await api(srv, 'POST', '/api/sessions', { body: { email: alice.email, password: alice.password } });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
		const other = await signUp(srv);
		expect((await api(srv, 'POST', '/api/sessions', { body: { email: other.email, password: other.password } })).status).toBe(200);
	});

	it('rate limits registration per IP', async () => {
		const { server: srv } = await servers.start({ limits: { registerPerIp: { max: 2, windowSeconds: 3600 } } });
		await signUp(srv);
		await signUp(srv);
		const limited = await api(srv, 'POST', '/api/accounts', { body: { email: 'third@example.com', password: PASSWORD } });
		expect([limited.status, limited.body.error]).toEqual([429, 'rate-limited']);
	});

	it('refuses an oversized JSON body with 413, and keeps serving', async () => {
		const { server: srv } = await servers.start({ limits: { jsonBodyBytes: 1024 } });
		const res = await api(srv, 'POST', '/api/accounts', { body: { email: 'a@example.com', password: 'x'.repeat(2000) } });
		expect([res.status, res.body.error]).toEqual([413, 'payload-too-large']);
		expect((await api(srv, 'GET', '/api/health')).status).toBe(200);
	});

	it('refuses malformed JSON (400), a wrong content type (415) and a wrong shape (400 with zod issues)', async () => {
		const { server: srv } = await servers.start();
		const malformed = await api(srv, 'POST', '/api/accounts', { rawBody: '{"email": "a@example.com",' });
		expect([malformed.status, malformed.body.error]).toEqual([400, 'invalid-json']);
		const badUtf8 = await api(srv, 'POST', '/api/accounts', { rawBody: '"\udc00"' });
		expect(badUtf8.status).toBe(400);
		const form = await api(srv, 'POST', '/api/accounts', { rawBody: 'email=a', contentType: 'application/x-www-form-urlencoded' });
		expect([form.status, form.body.error]).toEqual([415, 'unsupported-media-type']);
		const shape = await api(srv, 'POST', '/api/accounts', { body: ['not', 'an', 'object'] });
		expect(shape.status).toBe(400);
		expect(shape.body).toMatchObject({ error: 'invalid-input', details: { issues: [expect.objectContaining({ code: expect.any(String), path: [] })] } });
	});

	it('answers unknown endpoints with 404 and wrong methods with 405, and keeps /api/health', async () => {
		const { server: srv } = await servers.start();
		expect((await api(srv, 'GET', '/api/nothing')).body.error).toBe('not-found');
		expect((await api(srv, 'PUT', '/api/me', { body: {} })).body.error).toBe('method-not-allowed');
		const health = await api(srv, 'GET', '/api/health');
		expect(health.body).toMatchObject({ status: 'ok', rooms: 0 });
	});
});
