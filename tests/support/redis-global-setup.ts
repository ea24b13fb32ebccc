/** Vitest global setup: one Redis server for the whole run (tests/support/redis.ts), handed to the suites by `inject('redis')`. */
import type { TestProject } from 'vitest/node';
import { startRedis, type TestRedisInfo } from './redis.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		redis: TestRedisInfo;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const server = await startRedis();
	project.provide('redis', { socket: server.socket });
	return () => server.stop();
}
