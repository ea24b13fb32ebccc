/**
 * A throwaway Redis server, for the tests (once per run, `tests/support/redis-global-setup.ts`)
 * and for `npm run cluster` (local-cluster.ts): `redis-server` as a plain process listening only on a
 * unix socket in a temporary folder (no TCP port to collide with, no persistence). Each test
 * suite keeps its keys apart with its own prefix (the cluster's `keyPrefix`). `restart`
 * kills the server and starts it again on the same socket, empty, as a crashed Redis would come
 * back. The binary is $REDIS_SERVER, /usr/bin/redis-server or redis-server on PATH; `.ci/run`
 * installs Debian's `redis-server` when it is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import type { EngineOptions } from './engine-options.ts';
import { delimiter, join } from 'node:path';

export interface LocalRedisInfo {
	/** The unix socket the server listens on. */
	socket: string;
}

export interface LocalRedis extends LocalRedisInfo {
	/** Kills the server (SIGKILL) and starts an empty one on the same socket. */
	restart(): Promise<void>;
	/** Kills the server without starting it again (until `restart`). */
	kill(): Promise<void>;
	/** The running server's process id (0 while killed). */
	readonly pid: number;
	/** Called once if the server exits without `kill`, `restart` or `stop` (with what exited and how). */
	onExit(listener: (what: string) => void): void;
	stop(): Promise<void>;
}

/** The `redis-server` binary, or a clear error naming what to install. */
export function findRedisServer(): string {
	const candidates = [process.env.REDIS_SERVER, '/usr/bin/redis-server', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'redis-server'))];
	const found = candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
	if (!found) throw new Error("redis-server not found: install Debian's redis-server package (apt-get install redis-server) or set REDIS_SERVER");
	return found;
}

/** A `REDIS_URL` for the test server: ioredis takes a socket path as the URL. */
export function redisUrl(info: LocalRedisInfo): string {
	return info.socket;
}

export async function startRedis(options: EngineOptions = {}): Promise<LocalRedis> {
	const bin = findRedisServer();
	const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'beian-redis-'));
	const socket = join(dir, 'redis.sock');
	let server: ChildProcess | null = null;
	let log = '';
	let exitListener: ((what: string) => void) | null = null;

	const launch = async () => {
		// No TCP, no RDB/AOF files, no protected mode games: a socket only this user's processes reach.
		const child = spawn(bin, ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
		child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
		server = child;
		child.once('exit', (code, signal) => {
			if (server === child) exitListener?.(`redis-server exited (${signal ?? code})`);
		});
		const deadline = Date.now() + 15_000;
		while (!(await answersPing(socket))) {
			if (child.exitCode !== null) throw new Error(`redis-server exited at start: ${log}`);
			if (Date.now() > deadline) throw new Error(`redis-server did not answer: ${log}`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	};
	const kill = async () => {
		const child = server;
		server = null;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGKILL');
		await exited;
		rmSync(socket, { force: true });
	};
	try {
		await launch();
	} catch (error) {
		await kill();
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	return {
		socket,
		kill,
		get pid() {
			return server?.pid ?? 0;
		},
		onExit(listener) {
			exitListener = listener;
		},
		async restart() {
			await kill();
			await launch();
		},
		async stop() {
			await kill();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Whether a Redis server answers PING on `socket` (RESP inline command). */
function answersPing(socket: string): Promise<boolean> {
	return new Promise((resolve) => {
		if (!existsSync(socket)) return resolve(false);
		const connection = createConnection(socket);
		const done = (ok: boolean) => {
			connection.destroy();
			resolve(ok);
		};
		connection.setTimeout(1000, () => done(false));
		connection.once('error', () => done(false));
		connection.once('connect', () => connection.write('PING\r\n'));
		connection.once('data', (data: Buffer) => done(data.toString().startsWith('+PONG')));
	});
}
