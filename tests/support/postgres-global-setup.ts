/** Vitest global setup: one PostgreSQL server for the whole run (tests/support/postgres.ts), handed to the suites by `inject('postgres')`. */
import type { TestProject } from 'vitest/node';
import { startPostgres, type TestPostgresInfo } from './postgres.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		postgres: TestPostgresInfo;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const server = await startPostgres();
	project.provide('postgres', { socketDir: server.socketDir, port: server.port, user: server.user });
	return () => server.stop();
}
