/**
 * The one guard in front of every password check: sign-in today, and any later check of a
 * secret a person types (the review desk's legacy import must use it too — build one
 * `PasswordAttempts` per server and pass it along, never a limiter of its own).
 *
 * Design — per account *and* address keys, with a looser per-account cap:
 * - every attempt from one address counts against `perAddress` (slows one machine trying many
 *   accounts);
 * - a wrong password counts against the pair (account, address) — `perAccountAndAddress`. So
 *   an attacker's failures from address A never block the owner's right password from address
 *   B: the old per-account counter let anyone lock a victim out with five wrong passwords;
 * - a wrong password also counts against `perAccount`, across all addresses, set much looser
 *   (default 20× the pair) so that many addresses together still cannot guess without bound.
 *   It is the one counter a distributed attacker can fill for someone else's account, and only
 *   with as many addresses as `perAccount / perAccountAndAddress`; that is the price of a
 *   bound on distributed guessing, said in README.
 * Why not progressive delays: a delay keyed on the account delays the owner exactly as much as
 * the attacker, and holding requests open is itself a cost an attacker chooses. Why not a
 * proof of work: it needs client work and burns the phones of honest users, while scrypt
 * already makes every guess cost the server ~0.1 s.
 *
 * Every attempt is counted *before* the asynchronous check (the check runs only on a
 * reservation), so parallel guesses cannot all pass a limit that is counted afterwards. A right
 * password gives back its reservation on the failure counters; the per-address one stays.
 */
import { memoryRateLimits, type RateLimit, type RateLimits } from './rate-limit.ts';
import type { RateWindow } from './rate-limiter.ts';

export interface PasswordAttemptLimits {
	/** Every attempt from one client address. */
	readonly perAddress: RateWindow;
	/** Wrong passwords for one account from one address. */
	readonly perAccountAndAddress: RateWindow;
	/** Wrong passwords for one account from all addresses together (looser). */
	readonly perAccount: RateWindow;
}

export type PasswordCheck =
	| { readonly outcome: 'correct' | 'wrong' }
	| { readonly outcome: 'limited'; readonly retryAfterSeconds: number };

export class PasswordAttempts {
	#perAddress: RateLimit;
	#perPair: RateLimit;
	#perAccount: RateLimit;

	/** `rateLimits`: where the counters live (default this process; Redis in a cluster). */
	constructor(limits: PasswordAttemptLimits, now: () => number = Date.now, rateLimits: RateLimits = memoryRateLimits(now)) {
		this.#perAddress = rateLimits('password-address', limits.perAddress);
		this.#perPair = rateLimits('password-pair', limits.perAccountAndAddress);
		this.#perAccount = rateLimits('password-account', limits.perAccount);
	}

	/**
	 * Runs `verify` (the password check) only when every window still allows an attempt by
	 * `address` at `account` (a normalised, case-folded key: the e-mail for sign-in). The
	 * attempt is counted (atomically in each window) before `verify` starts. A `verify` that throws counts as
	 * a wrong password, and the error is passed on.
	 */
	async check(account: string, address: string, verify: () => Promise<boolean>): Promise<PasswordCheck> {
		const pair = `${account}\u0000${address}`;
		const taken: { limit: RateLimit; key: string; ticket: string }[] = [];
		for (const [limit, key] of [[this.#perAddress, address], [this.#perPair, pair], [this.#perAccount, account]] as const) {
			const take = await limit.take(key);
			if (!take.allowed) {
				// Refused by a later window: the earlier reservations are given back (nothing was tried).
				for (const held of taken) await held.limit.release(held.key, held.ticket);
				return { outcome: 'limited', retryAfterSeconds: take.retryAfterSeconds };
			}
			taken.push({ limit, key, ticket: take.ticket });
		}
		if (!(await verify())) return { outcome: 'wrong' };
		for (const held of taken.slice(1)) await held.limit.release(held.key, held.ticket);
		return { outcome: 'correct' };
	}
}
