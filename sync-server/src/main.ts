/**
 * Entry point: reads the environment and signals, builds the stores, starts the server.
 * Nothing else belongs here (every other module takes its dependencies as parameters).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createJsonLogger, type LogLevel } from './log.ts';
import { startServer } from './server.ts';
import { openDatabase, SqliteDocStore } from './storage/sqlite-doc-store.ts';

const root = resolve(import.meta.dirname, '..', '..');
const env = process.env;
const dataDir = resolve(env.DATA_DIR ?? join(root, 'data'));
const logger = createJsonLogger((env.LOG_LEVEL as LogLevel | undefined) ?? 'info');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

mkdirSync(dataDir, { recursive: true });
const db = openDatabase(join(dataDir, 'beian.sqlite'));

const server = await startServer({
	port: Number(env.PORT ?? 8787),
	host: env.HOST ?? '127.0.0.1',
	staticDir: env.STATIC_DIR ?? join(root, 'build'),
	docStore: new SqliteDocStore(db),
	logger,
	version
});
const shown = server.url.replace('://127.0.0.1:', '://localhost:');
process.stdout.write(`\n  备案助手 Beian is running at ${shown}\n  data: ${dataDir}\n\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		logger.log('info', 'shutting down', { signal });
		server.close().then(
			() => process.exit(0),
			(error: unknown) => {
				logger.log('error', 'shutdown failed', { error: String(error) });
				process.exit(1);
			}
		);
	});
}
