import { describe, expect, it } from 'vitest';
import { PasswordAttempts } from '../../../../sync-server/src/accounts/password-attempts.ts';

const LIMITS = {
	perAddress: { max: 50, windowSeconds: 60 },
	perAccountAndAddress: { max: 3, windowSeconds: 900 },
	perAccount: { max: 6, windowSeconds: 900 }
};

function guard(limits = LIMITS) {
	const clock = { now: 0 };
	const checked: string[] = [];
	const attempts = new PasswordAttempts(limits, () => clock.now);
	const attempt = (address: string, correct: boolean, account = 'victim@example.com') =>
		attempts.check(account, address, async () => {
			checked.push(address);
			await Promise.resolve();
			return correct;
		});
	return { clock, checked, attempts, attempt };
}

describe('PasswordAttempts (the one guard in front of password checks)', () => {
	it("a wrong-password counter from one address never blocks the right password from another; the attacker stays limited", async () => {
		const { attempt } = guard();
		for (let i = 0; i < 3; i++) expect(await attempt('198.51.100.7', false)).toEqual({ outcome: 'wrong' });
		expect(await attempt('198.51.100.7', true)).toEqual({ outcome: 'limited', retryAfterSeconds: 900 });
		expect(await attempt('203.0.113.9', true)).toEqual({ outcome: 'correct' });
		expect((await attempt('198.51.100.7', false)).outcome).toBe('limited');
	});

	it('counts before the asynchronous check: parallel guesses past a limit never reach the check', async () => {
		const { attempt, checked } = guard();
		const fromOne = await Promise.all(Array.from({ length: 20 }, () => attempt('198.51.100.7', false)));
		expect(fromOne.filter((r) => r.outcome === 'wrong')).toHaveLength(3);
		expect(checked).toHaveLength(3);
		const fromMany = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(`203.0.113.${i}`, false)));
		// The per-account cap (6) already holds the 3 from above.
		expect(fromMany.filter((r) => r.outcome === 'wrong')).toHaveLength(3);
		expect(checked).toHaveLength(6);
	});

	it('a right password gives back its reservation on the failure counters, but counts per address', async () => {
		const { attempt } = guard({ ...LIMITS, perAddress: { max: 5, windowSeconds: 60 } });
		for (let i = 0; i < 5; i++) expect(await attempt('192.0.2.1', true)).toEqual({ outcome: 'correct' });
		expect((await attempt('192.0.2.1', true)).outcome).toBe('limited');
		for (let i = 0; i < 3; i++) expect((await attempt('192.0.2.2', false)).outcome).toBe('wrong');
	});

	it('the windows expire on the injected clock', async () => {
		const { attempt, clock } = guard();
		for (let i = 0; i < 3; i++) await attempt('198.51.100.7', false);
		clock.now = 899_000;
		expect(await attempt('198.51.100.7', true)).toEqual({ outcome: 'limited', retryAfterSeconds: 1 });
		clock.now = 900_001;
		expect(await attempt('198.51.100.7', true)).toEqual({ outcome: 'correct' });
	});

	it('a check that throws counts as a wrong password and passes the error on', async () => {
		const attempts = new PasswordAttempts({ ...LIMITS, perAccountAndAddress: { max: 1, windowSeconds: 60 } }, () => 0);
		await expect(attempts.check('a', 'ip', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
		expect((await attempts.check('a', 'ip', () => Promise.resolve(true))).outcome).toBe('limited');
	});
});
