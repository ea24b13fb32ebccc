/**
 * The two Redis connections a cluster node holds (issue 13): `commands` (publish, the rate
 * limits' scripts, locks) and `subscriber` (pub/sub only, as Redis requires), and a channel
 * table on the subscriber: several listeners per channel, one SUBSCRIBE each.
 *
 * Redis is not durable and may go away. Commands then fail at once (no offline queue): a publish
 * is dropped (rooms catch up from the log), a rate limit falls back to this node's counters.
 * The subscriber reconnects by itself (ioredis, re-subscribing its channels) and then tells
 * `onResync` listeners that messages may have been lost.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';

export interface RedisConnectionOptions {
	url: string;
	logger: Logger;
	/** Prefix of every key and channel (several clusters may share one Redis). Default `beian:`. */
	keyPrefix?: string;
	/** How long `open` waits for Redis at start. Default 10 s. */
	connectTimeoutMs?: number;
}

export class RedisConnection {
	readonly commands: Redis;
	readonly subscriber: Redis;
	readonly prefix: string;
	/** This node's id: its own messages come back from Redis and are ignored by it. */
	readonly nodeId = randomUUID();
	#logger: Logger;
	#channels = new Map<string, Set<(message: Buffer) => void>>();
	#resync = new Set<() => void>();
	#readyOnce = false;

	private constructor(options: RedisConnectionOptions) {
		this.prefix = options.keyPrefix ?? 'beian:';
		this.#logger = options.logger;
		const common = { lazyConnect: true, connectTimeout: options.connectTimeoutMs ?? 10_000, retryStrategy: (times: number) => Math.min(times * 50, 1000) };
		this.commands = new Redis(options.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
		this.subscriber = new Redis(options.url, { ...common, maxRetriesPerRequest: null });
		for (const connection of [this.commands, this.subscriber]) connection.on('error', (error: Error) => this.#logger.log('warn', 'redis connection error', { error: String(error) }));
		this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
			for (const listener of this.#channels.get(channel.toString()) ?? []) {
				try {
					listener(message);
				} catch (error) {
					this.#logger.log('error', 'redis message listener failed', { error: String(error) });
				}
			}
		});
		this.subscriber.on('ready', () => {
			if (!this.#readyOnce) return void (this.#readyOnce = true);
			this.#logger.log('info', 'redis reconnected; rooms catch up from the log');
			for (const listener of this.#resync) listener();
		});
	}

	/** Connects both; rejects (and disconnects) when Redis does not answer. */
	static async open(options: RedisConnectionOptions): Promise<RedisConnection> {
		const connection = new RedisConnection(options);
		try {
			await Promise.all([connection.commands.connect(), connection.subscriber.connect()]);
		} catch (error) {
			connection.commands.disconnect();
			connection.subscriber.disconnect();
			throw new Error(`Redis (REDIS_URL) is not reachable: ${String(error)}`, { cause: error });
		}
		return connection;
	}

	/** Publishes on `prefix + channel`; a failure (Redis away) is logged, never thrown. */
	publish(channel: string, message: Buffer | string): void {
		this.commands.publish(this.prefix + channel, message).catch((error: unknown) => this.#logger.log('debug', 'redis publish dropped', { channel, error: String(error) }));
	}

	/** Listens on `prefix + channel`; returns the function that stops listening. */
	listen(channel: string, listener: (message: Buffer) => void): () => void {
		const name = this.prefix + channel;
		let listeners = this.#channels.get(name);
		if (!listeners) {
			listeners = new Set();
			this.#channels.set(name, listeners);
			this.subscriber.subscribe(name).catch((error: unknown) => this.#logger.log('warn', 'redis subscribe failed', { channel, error: String(error) }));
		}
		listeners.add(listener);
		return () => {
			const current = this.#channels.get(name);
			if (!current?.delete(listener) || current.size > 0) return;
			this.#channels.delete(name);
			this.subscriber.unsubscribe(name).catch(() => {});
		};
	}

	/** Called after the subscriber reconnected (messages may have been lost meanwhile). */
	onResync(listener: () => void): () => void {
		this.#resync.add(listener);
		return () => this.#resync.delete(listener);
	}

	async close(): Promise<void> {
		this.#channels.clear();
		this.#resync.clear();
		await Promise.allSettled([this.commands.quit(), this.subscriber.quit()]);
		this.commands.disconnect();
		this.subscriber.disconnect();
	}
}
