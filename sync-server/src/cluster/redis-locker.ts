/**
 * A tus `Locker` shared by every node (issue 13): `@tus/server` locks an upload around each
 * request, but its built-in locker lives in one process, so two nodes taking PATCHes for one
 * upload would write over each other. Here a lock is the key `lock:<id>` set with NX to a token
 * of its holder, with a TTL the holder renews while it holds it (a node that dies frees its
 * locks within `ttlMs`). A request that finds the lock held asks the holder to let go (the
 * `lock-release:<id>` channel; the holder calls tus's `cancelReq`, which ends its request) and
 * retries until it gets the lock or its signal aborts (tus's lock timeout). Unlock deletes the
 * key only if it still holds this holder's token.
 */
import { randomUUID } from 'node:crypto';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';
import type { Logger } from '../log.ts';
import type { RedisConnection } from './redis-connection.ts';

const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface RedisLockerOptions {
	/** How long a lock outlives a holder that stopped renewing it. Default 30 s. */
	ttlMs?: number;
	/** Pause between attempts while the lock is held. Default 50 ms. */
	retryMs?: number;
}

export class RedisLocker implements Locker {
	#redis: RedisConnection;
	#logger: Logger;
	#ttlMs: number;
	#retryMs: number;

	constructor(redis: RedisConnection, logger: Logger, options: RedisLockerOptions = {}) {
		this.#redis = redis;
		this.#logger = logger;
		this.#ttlMs = options.ttlMs ?? 30_000;
		this.#retryMs = options.retryMs ?? 50;
	}

	newLock(id: string): Lock {
		const redis = this.#redis;
		const key = `${redis.prefix}lock:${id}`;
		const token = randomUUID();
		const logger = this.#logger;
		const ttlMs = this.#ttlMs;
		const retryMs = this.#retryMs;
		let renew: NodeJS.Timeout | null = null;
		let stopListening: (() => void) | null = null;
		return {
			async lock(signal: AbortSignal, cancelReq: RequestRelease): Promise<void> {
				for (;;) {
					if (signal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
					if ((await redis.commands.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') break;
					redis.publish(`lock-release:${id}`, token);
					await new Promise((resolve) => setTimeout(resolve, retryMs));
				}
				stopListening = redis.listen(`lock-release:${id}`, (from) => {
					if (from.toString() !== token) void Promise.resolve(cancelReq()).catch(() => {});
				});
				renew = setInterval(() => {
					redis.commands.eval(RENEW, 1, key, token, ttlMs).catch((error: unknown) => logger.log('warn', 'upload lock renewal failed', { id, error: String(error) }));
				}, Math.max(100, Math.floor(ttlMs / 3)));
				renew.unref();
			},
			async unlock(): Promise<void> {
				if (renew) clearInterval(renew);
				renew = null;
				stopListening?.();
				stopListening = null;
				await redis.commands.eval(UNLOCK, 1, key, token);
			}
		};
	}
}
