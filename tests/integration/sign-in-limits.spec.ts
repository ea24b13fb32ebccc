/**
 * Sign-in limits over the real HTTP API behind a trusted proxy (client addresses come from
 * `X-Forwarded-For`): the lockout of a victim by someone else's wrong passwords (issue 7 #3)
 * and parallel guesses racing a limit counted after the scrypt check (issue 7 #4).
 */
import { describe, expect, it } from 'vitest';
import { api, signUp, useTestServers, type ServerAddress } from '../support/server.ts';

const servers = useTestServers();

const signIn = (srv: ServerAddress, address: string, email: string, password: string) =>
	api(srv, 'POST', '/api/sessions', { headers: { 'x-forwarded-for': address }, body: { email, password } });

const PER_PAIR = { max: 5, windowSeconds: 900 };

describe('sign-in limits', () => {
	it("wrong passwords from one address do not lock the victim out elsewhere; the attacker stays limited", async () => {
		const { server: srv } = await servers.start({ trustProxy: true, limits: { signInPerAccount: PER_PAIR } });
		const victim = await signUp(srv);
		const statuses = [];
		for (let i = 0; i < 8; i++) statuses.push((await signIn(srv, '198.51.100.7', victim.email, `wrong guess ${i}`)).status);
		expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
		const own = await signIn(srv, '203.0.113.20', victim.email, victim.password);
		expect(own.status).toBe(200);
		expect(own.cookie).not.toBeNull();
		const attacker = await signIn(srv, '198.51.100.7', victim.email, victim.password);
		expect([attacker.status, attacker.body.error]).toEqual([429, 'rate-limited']);
		expect(Number(attacker.headers.get('retry-after'))).toBeGreaterThan(800);
	});

	it('counts 50 parallel guesses from 50 addresses before the password check: only the per-account cap reaches it', async () => {
		const { server: srv } = await servers.start({
			trustProxy: true,
			limits: { signInPerAccount: PER_PAIR, signInPerAccountTotal: { max: 10, windowSeconds: 900 } }
		});
		const victim = await signUp(srv);
		const results = await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(srv, `203.0.113.${i + 1}`, victim.email, `guess ${i}`)));
		const statuses = results.map((r) => r.status);
		expect(statuses.filter((s) => s === 401)).toHaveLength(10);
		expect(statuses.filter((s) => s === 429)).toHaveLength(40);
	});

	it('counts 50 parallel guesses from one address before the password check', async () => {
		const { server: srv } = await servers.start({ trustProxy: true, limits: { signInPerAccount: PER_PAIR } });
		const victim = await signUp(srv);
		const results = await Promise.all(Array.from({ length: 50 }, (_, i) => signIn(srv, '198.51.100.7', victim.email, `guess ${i}`)));
		expect(results.filter((r) => r.status === 401)).toHaveLength(5);
		expect(results.filter((r) => r.status === 429)).toHaveLength(45);
		expect((await signIn(srv, '198.51.100.8', victim.email, victim.password)).status).toBe(200);
	});
});
