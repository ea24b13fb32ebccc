/** The tests' Redis server: the throwaway one `npm run cluster` starts too (sync-server/src/cluster/engines/redis.ts). */
export { findRedisServer, redisUrl, startRedis } from '../../sync-server/src/cluster/engines/redis.ts';
export type { LocalRedis as TestRedis, LocalRedisInfo as TestRedisInfo } from '../../sync-server/src/cluster/engines/redis.ts';
