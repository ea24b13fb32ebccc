/**
 * A throwaway PostgreSQL server, for the tests (once per run, `tests/support/postgres-global-setup.ts`)
 * and for `npm run cluster` (local-cluster.ts): `initdb` into a temporary folder and `postgres`
 * listening only on a unix socket in that folder (no TCP port to collide with). The tests give
 * each suite its own database and each fixture its own schema in it (`tests/support/pg-suite.ts`).
 * `stop` removes the folder; `onExit` hears the server stop by itself (it crashed or was killed).
 *
 * PostgreSQL refuses to run as root: as root (CI, this machine) the server runs as `nobody`
 * (uid/gid from /etc/passwd, supplementary groups dropped by Node's spawn) and the folder is
 * chowned to it. The binaries are found under $PG_BIN, /usr/lib/postgresql/<highest>/bin,
 * /usr/local/pgsql/bin, /usr/local/bin or PATH; `.ci/run` installs Debian's `postgresql` when
 * `initdb` is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { EngineOptions } from './engine-options.ts';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface LocalPostgresInfo {
	/** The socket folder (libpq's `host` for a unix socket). */
	socketDir: string;
	port: number;
	user: string;
}

export interface LocalPostgres extends LocalPostgresInfo {
	/** The postmaster's process id. */
	readonly pid: number;
	/** Called once if the server exits without `stop` (with what exited and how). */
	onExit(listener: (what: string) => void): void;
	stop(): Promise<void>;
}

const USER = 'beian';
const PORT = 5432;

/** The folder holding `initdb` and `postgres`, or a clear error naming what to install. */
export function findPgBin(): string {
	const candidates: string[] = [];
	if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
		candidates.push(...versions.map((v) => join(debian, v, 'bin')));
	}
	candidates.push('/usr/local/pgsql/bin', '/usr/local/bin', '/usr/bin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
	const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
	if (!found) throw new Error('PostgreSQL binaries (initdb, postgres) not found: install Debian\'s postgresql package (apt-get install postgresql) or set PG_BIN');
	return found;
}

/** uid/gid to run the server as: ours, or `nobody` when we are root. */
function serverIdentity(): { uid: number; gid: number } | null {
	if (process.getuid?.() !== 0) return null;
	const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
	const [, , uid, gid] = (line ?? 'nobody:x:65534:65534').split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(options: EngineOptions = {}): Promise<LocalPostgres> {
	const bin = findPgBin();
	const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'beian-pg-'));
	const data = join(dir, 'data');
	const identity = serverIdentity();
	if (identity) chownSync(dir, identity.uid, identity.gid);
	const as = identity ?? {};
	const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'], { ...as, encoding: 'utf8', cwd: dir });
	if (init.status !== 0) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed (${init.status}): ${init.stderr || init.error}`);
	}
	// Speed over durability: no fsync (a throwaway server; the process, not the machine, is what tests restart). Sockets only in `dir`.
	const server: ChildProcess = spawn(
		join(bin, 'postgres'),
		['-D', data, '-k', dir, '-c', 'listen_addresses=', '-p', String(PORT), '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200', '-c', 'shared_buffers=32MB'],
		{ ...as, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] }
	);
	let log = '';
	server.stderr?.on('data', (chunk: Buffer) => {
		log = (log + chunk.toString()).slice(-4000);
	});
	const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
	const info: LocalPostgresInfo = { socketDir: dir, port: PORT, user: USER };
	let stopping = false;
	const stop = async () => {
		stopping = true;
		if (server.exitCode === null && server.signalCode === null) {
			server.kill('SIGQUIT');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
			if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
		}
		rmSync(dir, { recursive: true, force: true });
	};
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (server.exitCode !== null) {
			await stop();
			throw new Error(`postgres exited at start: ${log}`);
		}
		const client = new pg.Client(connectionConfig(info, 'postgres'));
		try {
			await client.connect();
			await client.end();
			break;
		} catch (error) {
			await client.end().catch(() => {});
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`postgres did not accept connections: ${String(error)} ${log}`, { cause: error });
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
	const onExit = (listener: (what: string) => void) => {
		server.once('exit', (code, signal) => {
			if (!stopping) listener(`postgres exited (${signal ?? code})`);
		});
	};
	return { ...info, pid: server.pid ?? 0, onExit, stop };
}

export function connectionConfig(info: LocalPostgresInfo, database: string): pg.ClientConfig {
	return { host: info.socketDir, port: info.port, user: info.user, database };
}

/** A `DATABASE_URL` for a database of the server (optionally with a `search_path`). */
export function databaseUrl(info: LocalPostgresInfo, database: string, schema?: string): string {
	const params = new URLSearchParams({ host: info.socketDir, port: String(info.port) });
	if (schema) params.set('options', `-c search_path=${schema}`);
	return `postgres://${info.user}@localhost/${database}?${params.toString()}`;
}

let created = 0;

/** Creates a new empty database on the server; its name carries `label`. */
export async function createDatabase(info: LocalPostgresInfo, label: string): Promise<string> {
	const name = `${label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30)}_${process.pid}_${++created}`;
	const admin = new pg.Client(connectionConfig(info, 'postgres'));
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE "${name}"`);
	} finally {
		await admin.end();
	}
	return name;
}
