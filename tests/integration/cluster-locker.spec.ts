/**
 * The Redis tus locker (issue 13), as two nodes use it: two lockers on their own connections
 * serialize on one upload id, the waiting one asks the holder to let go (tus's `cancelReq`),
 * a lock another holder keeps times out through the request's signal, and a dead holder's
 * lock expires with its TTL. Also the Redis rate limits' script, shared by two nodes.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../sync-server/src/log.ts';
import { RedisConnection } from '../../sync-server/src/cluster/redis-connection.ts';
import { RedisLocker } from '../../sync-server/src/cluster/redis-locker.ts';
import { redisRateLimits } from '../../sync-server/src/cluster/redis-rate-limits.ts';
import { redisUrl } from '../support/redis.ts';

const opened: RedisConnection[] = [];
afterEach(async () => {
	for (const connection of opened.splice(0)) await connection.close();
});

let prefixes = 0;
async function twoNodes(): Promise<[RedisConnection, RedisConnection]> {
	const keyPrefix = `locker-${process.pid}-${++prefixes}:`;
	const url = redisUrl(inject('redis'));
	const a = await RedisConnection.open({ url, logger: silentLogger, keyPrefix });
	const b = await RedisConnection.open({ url, logger: silentLogger, keyPrefix });
	opened.push(a, b);
	return [a, b];
}

const never = () => new AbortController().signal;

describe('RedisLocker', () => {
	it('serializes two lockers on one id: the second gets the lock only after the first unlocked, and asked it to let go', async () => {
		const [a, b] = await twoNodes();
		const events: string[] = [];
		const first = new RedisLocker(a, silentLogger).newLock('upload-1');
		const second = new RedisLocker(b, silentLogger).newLock('upload-1');
		await first.lock(never(), () => void events.push('first asked to let go'));
		events.push('first locked');
		const waiting = second.lock(never(), () => {}).then(() => void events.push('second locked'));
		await new Promise((resolve) => setTimeout(resolve, 200));
		events.push('first unlocks');
		await first.unlock();
		await waiting;
		expect(events[0]).toBe('first locked');
		expect(events.slice(1, -2)).toContain('first asked to let go');
		expect(events.slice(-2)).toEqual(['first unlocks', 'second locked']);
		await second.unlock();
	});

	it('another id is not blocked, and a lock kept by its holder times out through the signal', async () => {
		const [a, b] = await twoNodes();
		const held = new RedisLocker(a, silentLogger).newLock('upload-2');
		await held.lock(never(), () => {});
		const other = new RedisLocker(b, silentLogger).newLock('upload-3');
		await other.lock(never(), () => {});
		await other.unlock();
		const blocked = new RedisLocker(b, silentLogger).newLock('upload-2');
		await expect(blocked.lock(AbortSignal.timeout(300), () => {})).rejects.toMatchObject({ status_code: 500 });
		await held.unlock();
	});

	it('the lock of a holder that stopped renewing (its node died) expires after its TTL', async () => {
		const [a, b] = await twoNodes();
		const dead = new RedisLocker(a, silentLogger, { ttlMs: 300 }).newLock('upload-4');
		await dead.lock(never(), () => {});
		await a.close();
		opened.splice(opened.indexOf(a), 1);
		const started = Date.now();
		const next = new RedisLocker(b, silentLogger).newLock('upload-4');
		await next.lock(AbortSignal.timeout(5000), () => {});
		expect(Date.now() - started).toBeLessThan(2000);
		await next.unlock();
	});
});

describe('redisRateLimits', () => {
	it('two nodes share one window: the hits of both count, a released hit frees its place, the retry time is the oldest hit leaving', async () => {
		const [a, b] = await twoNodes();
		const clock = { now: 1_000_000 };
		const onA = redisRateLimits(a, silentLogger, () => clock.now)('test', { max: 2, windowSeconds: 10 });
		const onB = redisRateLimits(b, silentLogger, () => clock.now)('test', { max: 2, windowSeconds: 10 });
		const first = await onA.take('k');
		clock.now += 3000;
		expect((await onB.take('k')).allowed).toBe(true);
		expect(await onA.take('k')).toEqual({ allowed: false, retryAfterSeconds: 7 });
		expect((await onB.take('other key')).allowed).toBe(true);
		if (!first.allowed) throw new Error('first hit refused');
		await onB.release('k', first.ticket);
		expect((await onA.take('k')).allowed).toBe(true);
		clock.now += 10_001;
		expect((await onB.take('k')).allowed).toBe(true);
	});
});
