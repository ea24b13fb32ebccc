/**
 * The access bus on Redis pub/sub (accounts/revocations.ts): revocations, role changes and display names as
 * JSON on the `access` channel, parsed with zod on the way in (a message that does not parse
 * is dropped); this node's own messages are ignored.
 */
import { z } from 'zod/mini';
import type { Logger } from '../log.ts';
import type { AccessBus, AccessChange } from '../accounts/revocations.ts';
import type { RedisConnection } from './redis-connection.ts';

const Id = z.string().check(z.minLength(1), z.maxLength(200));
const Message = z.object({
	node: Id,
	change: z.union([
		z.object({ kind: z.literal('revoked'), revocation: z.union([z.object({ kind: z.literal('session'), sessionId: Id }), z.object({ kind: z.literal('membership'), accountId: Id, subjectId: Id })]) }),
		z.object({ kind: z.literal('role'), change: z.object({ accountId: Id, subjectId: Id, role: z.enum(['owner', 'editor', 'viewer']) }) }),
		// The name was checked by the node that took it (PRES-5); the bound here only keeps a message small.
		z.object({ kind: z.literal('renamed'), change: z.object({ accountId: Id, displayName: z.string().check(z.maxLength(200)) }) })
	])
});

const CHANNEL = 'access';

export function redisAccessBus(redis: RedisConnection, logger: Logger): AccessBus {
	return {
		publish(change: AccessChange) {
			redis.publish(CHANNEL, JSON.stringify({ node: redis.nodeId, change }));
		},
		subscribe(listener) {
			return redis.listen(CHANNEL, (raw) => {
				let json: unknown;
				try {
					json = JSON.parse(raw.toString('utf8'));
				} catch {
					json = null;
				}
				const parsed = Message.safeParse(json);
				if (!parsed.success) return logger.log('warn', 'malformed access message dropped');
				if (parsed.data.node !== redis.nodeId) listener(parsed.data.change);
			});
		}
	};
}
