/**
 * What a node shares with the other nodes through Redis when `REDIS_URL` is set (issue 13):
 * committed updates and awareness of every room (redis-room-bus.ts), revocations and role
 * changes (redis-access-bus.ts), the rate limits' counters (redis-rate-limits.ts) and the tus
 * upload locks (redis-locker.ts). The room log the rooms catch up from is PostgreSQL's
 * (`SeqLog`), so a cluster needs `DATABASE_URL` too. `main.ts` opens one and passes it to
 * `startServer` as `cluster`; `close` runs after the server closed.
 */
import type { Locker } from '@tus/server';
import type { Logger } from '../log.ts';
import type { RateLimits } from '../accounts/rate-limit.ts';
import type { AccessBus } from '../accounts/revocations.ts';
import type { RoomCluster, SeqLog } from '../sync/room-bus.ts';
import { redisAccessBus } from './redis-access-bus.ts';
import { RedisConnection } from './redis-connection.ts';
import { RedisLocker } from './redis-locker.ts';
import { redisRateLimits } from './redis-rate-limits.ts';
import { redisRoomBus } from './redis-room-bus.ts';

/** What `startServer` takes to run as one node of several. */
export interface ServerCluster {
	rooms: RoomCluster;
	access: AccessBus;
	rateLimits: RateLimits;
	/** Locks an upload around each tus request on every node at once (two nodes' PATCHes for one upload take turns). */
	locker?: Locker;
}

export interface RedisCluster extends ServerCluster {
	readonly connection: RedisConnection;
	/** The tus locker for the upload endpoint (shared with the S3 upload store's wiring). */
	readonly locker: RedisLocker;
	close(): Promise<void>;
}

export interface RedisClusterOptions {
	url: string;
	log: SeqLog;
	logger: Logger;
	keyPrefix?: string;
	now?: () => number;
	/** RoomCluster.pollMs / gapGraceMs (tests shorten them). */
	pollMs?: number;
	gapGraceMs?: number;
}

export async function openRedisCluster(options: RedisClusterOptions): Promise<RedisCluster> {
	const { logger } = options;
	const connection = await RedisConnection.open({ url: options.url, logger, ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }) });
	const rooms: RoomCluster = { bus: redisRoomBus(connection, logger), log: options.log };
	if (options.pollMs !== undefined) rooms.pollMs = options.pollMs;
	if (options.gapGraceMs !== undefined) rooms.gapGraceMs = options.gapGraceMs;
	return {
		connection,
		rooms,
		access: redisAccessBus(connection, logger),
		rateLimits: redisRateLimits(connection, logger, options.now),
		locker: new RedisLocker(connection, logger),
		close: () => connection.close()
	};
}
