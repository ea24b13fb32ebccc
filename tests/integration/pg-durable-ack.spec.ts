/**
 * The durable-ack rule on PostgreSQL (issue 13): with `DATABASE_URL` set, the real server
 * process (`sync-server/src/main.ts`, env only) tells a writer its edit is saved only after the
 * edit's PostgreSQL commit, and what it acknowledged survives SIGKILL and a restart — here on a
 * fresh, empty data folder each time, so nothing could have come from SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isCovered } from '../../src/lib/sync/persisted.ts';
import { describeLosses, runCrashTest } from '../support/crash-harness.ts';
import { freshSchema, type PgFixture } from '../support/pg-suite.ts';
import { formatSeed, randomSeed } from '../support/prng.ts';
import { signUpWithSubject, waitFor } from '../support/server.ts';
import { spawnOurServer, type ServerProcess } from '../support/server-process.ts';
import { connectWireClient, waitSynced, type WireClient } from '../support/sync-wire-client.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<PgFixture> {
	const db = await freshSchema('durable', { private: true });
	cleanups.push(() => db.dispose());
	return db;
}

/** The server on PostgreSQL, with a data folder of its own that is removed afterwards. */
async function startOnPostgres(url: string): Promise<ServerProcess> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-pg-node-'));
	const server = await spawnOurServer({ dataDir, env: { DATABASE_URL: url, LOG_LEVEL: 'warn', LEGACY_DEMO: 'off' } });
	cleanups.push(async () => {
		await server.stop('SIGKILL');
		rmSync(dataDir, { recursive: true, force: true });
	});
	return server;
}

async function connect(server: ServerProcess, room: string, cookie: string): Promise<WireClient> {
	const client = await connectWireClient({ url: `${server.wsOrigin}/sync/${room}`, headers: { origin: server.httpOrigin, cookie } });
	cleanups.push(() => client.close());
	await waitSynced(client);
	return client;
}

const covers = (client: WireClient) => client.durable !== null && isCovered(Y.encodeStateVector(client.doc), client.durable);

describe('durable acknowledgements on PostgreSQL (DATABASE_URL)', () => {
	it('sends MESSAGE_PERSISTED only after the PostgreSQL commit, and a restarted server (new, empty data folder) still has the edit', async () => {
		const db = await database();
		const first = await startOnPostgres(db.url);
		const owner = await signUpWithSubject({ url: first.httpOrigin }, '持久确认');
		const writer = await connect(first, owner.workspaceRoom, owner.cookie);

		// Hold every append back: while this transaction holds the room counters' table, no update can commit.
		const blocker = new pg.Client({ connectionString: db.url });
		await blocker.connect();
		cleanups.push(() => blocker.end());
		await blocker.query('BEGIN');
		await blocker.query('LOCK TABLE doc_rooms IN EXCLUSIVE MODE');
		const before = Number((await db.pool.query('SELECT COUNT(*) AS n FROM doc_updates')).rows[0].n);

		writer.doc.getMap('subject').set('name', '杭州示例科技有限公司');
		await new Promise((resolve) => setTimeout(resolve, 800));
		expect(covers(writer), 'acknowledged before the commit').toBe(false);
		expect(Number((await db.pool.query('SELECT COUNT(*) AS n FROM doc_updates')).rows[0].n)).toBe(before);

		await blocker.query('COMMIT');
		await waitFor(() => covers(writer), 10_000, 'the acknowledgement after the commit');
		const stored = await db.pool.query('SELECT COUNT(*) AS n FROM doc_updates WHERE room = $1', [owner.workspaceRoom]);
		expect(Number(stored.rows[0].n)).toBeGreaterThan(0);

		await first.stop('SIGKILL');
		const second = await startOnPostgres(db.url);
		const reader = await connect(second, owner.workspaceRoom, owner.cookie);
		expect(reader.doc.getMap('subject').get('name')).toBe('杭州示例科技有限公司');
	}, 60_000);

	it('keeps every acknowledged write over SIGKILL/restart rounds with the update log in PostgreSQL', async () => {
		const db = await database();
		const seed = randomSeed();
		const report = await runCrashTest({ seed, rounds: 2, env: { DATABASE_URL: db.url, LEGACY_DEMO: 'off' } });
		const acknowledged = report.rounds.reduce((sum, r) => sum + r.acknowledged, 0);
		expect(acknowledged, `seed ${formatSeed(seed)}: no write was acknowledged`).toBeGreaterThan(0);
		expect(report.rounds.flatMap((r) => r.lost), describeLosses(report)).toEqual([]);
		expect(report.lostAtEnd, describeLosses(report)).toEqual([]);
		// The writes really went to PostgreSQL (the crash harness's data folder holds no update log then).
		const rows = await db.pool.query('SELECT COUNT(DISTINCT room) AS rooms FROM doc_updates');
		expect(Number(rows.rows[0].rooms)).toBeGreaterThanOrEqual(4);
	}, 120_000);
});
