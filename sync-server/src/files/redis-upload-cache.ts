/**
 * tus's metadata cache for uploads staged on S3, shared by the nodes in Redis: the `.info`
 * record (the upload's length, metadata and multipart id) under `<prefix>tus-upload:<id>`, so a
 * PATCH spares the S3 GETs of it. The record is fixed for an upload's life; the node that
 * finishes or removes an upload deletes it for all. Redis may go away: a failed read is a miss
 * (the record is read from S3), a failed write is skipped, and every entry expires with the
 * upload, so a delete lost to an outage cannot outlive it.
 */
import type { MetadataValue } from '@tus/s3-store';
import type { KvStore } from '@tus/server';
import type { RedisConnection } from '../cluster/redis-connection.ts';
import type { Logger } from '../log.ts';

export function redisUploadCache(redis: RedisConnection, options: { ttlMs: number; logger: Logger }): KvStore<MetadataValue> {
	const keyOf = (id: string) => `${redis.prefix}tus-upload:${id}`;
	const ttlMs = Math.max(1, options.ttlMs);
	const warn = (what: string, id: string) => (error: unknown) => options.logger.log('warn', `upload metadata cache ${what} failed`, { id, error: String(error) });
	return {
		async get(id) {
			const text = await redis.commands.get(keyOf(id)).catch((error: unknown) => {
				warn('read', id)(error);
				return null;
			});
			return text === null ? undefined : (JSON.parse(text) as MetadataValue);
		},
		async set(id, value) {
			await redis.commands.set(keyOf(id), JSON.stringify(value), 'PX', ttlMs).catch(warn('write', id));
		},
		async delete(id) {
			await redis.commands.del(keyOf(id)).catch(warn('delete', id));
		}
	};
}
