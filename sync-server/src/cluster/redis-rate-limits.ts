/**
 * Rate limits shared by every node (accounts/rate-limit.ts): each key's hits in a sorted set
 * `rate:<name>:<key>` scored by hit time, trimmed to the window and counted by one Lua script,
 * so a take is atomic across nodes and the limits do not multiply by the number of nodes. The
 * set expires with its window. When Redis does not answer, the limit falls back to this node's
 * own counters (as on one node) rather than refusing everyone or letting everything through.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import { memoryRateLimits, type RateLimits, type RateTake } from '../accounts/rate-limit.ts';
import type { RedisConnection } from './redis-connection.ts';

/** KEYS[1] the set; ARGV now, window ms, max, member. Returns {1, 0} when counted, else {0, ms until the oldest hit leaves the window}. */
const TAKE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
	redis.call('ZADD', KEYS[1], now, ARGV[4])
	redis.call('PEXPIRE', KEYS[1], window)
	return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`;

export function redisRateLimits(redis: RedisConnection, logger: Logger, now: () => number = Date.now): RateLimits {
	const local = memoryRateLimits(now);
	return (name, window) => {
		const fallback = local(name, window);
		const windowMs = window.windowSeconds * 1000;
		const keyOf = (key: string) => `${redis.prefix}rate:${name}:${key}`;
		return {
			async take(key): Promise<RateTake> {
				const member = `${now()}:${randomUUID()}`;
				try {
					const [counted, waitMs] = (await redis.commands.eval(TAKE, 1, keyOf(key), now(), windowMs, window.max, member)) as [number, number];
					if (counted === 1) return { allowed: true, ticket: `r:${member}` };
					return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
				} catch (error) {
					logger.log('warn', 'redis rate limit unavailable; using this node\'s counters', { limit: name, error: String(error) });
					const taken = await fallback.take(key);
					return taken.allowed ? { allowed: true, ticket: `m:${taken.ticket}` } : taken;
				}
			},
			async release(key, ticket) {
				if (ticket.startsWith('m:')) return fallback.release(key, ticket.slice(2));
				await redis.commands.zrem(keyOf(key), ticket.slice(2)).catch((error: unknown) => logger.log('warn', 'redis rate limit release failed', { limit: name, error: String(error) }));
			}
		};
	};
}
