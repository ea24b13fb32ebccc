/**
 * Runs a sync server as a child process on loopback — ours (`sync-server/src/main.ts`,
 * configured by env only, as in production) or the y-websocket 2.1.0 reference server — so a
 * test can SIGKILL it and a benchmark can read its own RSS from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUR_MAIN = 'sync-server/src/main.ts';
const REFERENCE_MAIN = 'node_modules/y-websocket-ref/bin/server.cjs';
/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;
/** A server that ignores SIGTERM this long gets SIGKILL. */
const STOP_GRACE_MS = 10_000;

/** Children still running: killed when this process exits, so no server outlives its test. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

export interface ServerProcess {
	readonly child: ChildProcess;
	readonly pid: number;
	readonly port: number;
	/** `ws://127.0.0.1:<port>` */
	readonly wsOrigin: string;
	/** `http://127.0.0.1:<port>` */
	readonly httpOrigin: string;
	/** Resolves with the exit code or signal once the process is gone. */
	readonly exited: Promise<number | NodeJS.Signals | null>;
	/** What the process wrote to stderr so far (for failure messages). */
	stderr(): string;
	/** Sends `signal` and waits for the exit. Does nothing when it already exited. */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Resident set size in bytes, from /proc/<pid>/status. */
	rss(): number;
	/** User + system CPU time used so far, ms, from /proc/<pid>/stat. */
	cpuMs(): number;
}

/** A port that was free a moment ago (for servers that cannot report the one they got). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/** Starts `node sync-server/src/main.ts` on 127.0.0.1 with a data folder; resolves when it listens. */
export async function spawnOurServer(options: {
	dataDir: string;
	env?: Record<string, string>;
	timeoutMs?: number;
	/** Node options before the entry point (e.g. `--cpu-prof`). */
	nodeArgs?: string[];
}): Promise<ServerProcess> {
	// No built app is needed: STATIC_DIR names a folder that does not exist. Node's compile cache
	// as `npm start` sets it (README, Configuration), in a folder of its own.
	const env = {
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: options.dataDir,
		LOG_LEVEL: 'info',
		STATIC_DIR: join(options.dataDir, 'no-app'),
		NODE_COMPILE_CACHE: join(tmpdir(), 'beian-node-compile-cache'),
		...options.env
	};
	return spawnServer([...(options.nodeArgs ?? []), OUR_MAIN], env, options.timeoutMs ?? 15_000, (line) => {
		// The JSON "listening" log line, or the banner when LOG_LEVEL hides info lines.
		const banner = /is running at https?:\/\/[^:\s]+:(\d+)/.exec(line);
		if (banner) return Number(banner[1]);
		if (!line.startsWith('{')) return null;
		const entry = JSON.parse(line) as { msg?: string; url?: string };
		return entry.msg === 'listening' && entry.url ? Number(new URL(entry.url).port) : null;
	});
}

/** Starts the reference server bundled in y-websocket 2.1.0 (no persistence, as measured in research §2.2). */
export async function spawnReferenceServer(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ServerProcess> {
	const port = await freePort();
	const env = { PORT: String(port), HOST: '127.0.0.1', ...options.env };
	return spawnServer([REFERENCE_MAIN], env, options.timeoutMs ?? 15_000, (line) => (line.startsWith('running at') ? port : null));
}

function spawnServer(
	args: string[],
	env: Record<string, string>,
	timeoutMs: number,
	readyPort: (line: string) => number | null
): Promise<ServerProcess> {
	// Only what the server needs: PATH for node itself, nothing else inherited.
	const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
	live.add(child);
	const exited = new Promise<number | NodeJS.Signals | null>((done) =>
		child.once('exit', (code, signal) => {
			live.delete(child);
			done(signal ?? code);
		})
	);
	let gone = false;
	void exited.then(() => (gone = true));

	return new Promise((resolve, reject) => {
		let buffered = '';
		let settled = false;
		const timer = setTimeout(() => fail(new Error(`server did not start within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
		const fail = (error: Error) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(error);
		};
		void exited.then((how) => fail(new Error(`server exited before listening (${String(how)})\n${stderr}`)));
		child.once('error', fail);
		// Keeps reading stdout after the start so the child never blocks on a full pipe.
		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
			if (settled) return;
			buffered += chunk;
			const lines = buffered.split('\n');
			buffered = lines.pop() ?? '';
			for (const line of lines) {
				const port = readyPortOf(readyPort, line.trim());
				if (port === null) continue;
				settled = true;
				clearTimeout(timer);
				resolve(handle(child, port, exited, () => gone, () => stderr));
				return;
			}
		});
	});
}

function readyPortOf(readyPort: (line: string) => number | null, line: string): number | null {
	try {
		return readyPort(line);
	} catch {
		return null;
	}
}

function handle(
	child: ChildProcess,
	port: number,
	exited: Promise<number | NodeJS.Signals | null>,
	isGone: () => boolean,
	stderr: () => string
): ServerProcess {
	return {
		child,
		pid: child.pid ?? -1,
		port,
		wsOrigin: `ws://127.0.0.1:${port}`,
		httpOrigin: `http://127.0.0.1:${port}`,
		exited,
		stderr,
		async stop(signal = 'SIGTERM') {
			if (isGone()) return;
			child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
			await exited;
			clearTimeout(timer);
		},
		rss() {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
			if (!kb) throw new Error(`no VmRSS for pid ${child.pid}`);
			return Number(kb) * 1024;
		},
		cpuMs() {
			// Fields after the parenthesised command name; utime and stime are the 12th and 13th.
			const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
		}
	};
}
