/**
 * `npm run cluster` (issue 13) run as a person runs it: the entry point as a child process,
 * which starts PostgreSQL, Redis, radosgw and 3 nodes and prints each node's URL; an edit made
 * through one node reaches a client of another; Ctrl-C (SIGINT) stops every process it started
 * — engines, nodes, PostgreSQL's backends — and removes its folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../sync-server/src/cluster/engines/radosgw.ts';
import { connectClient, signUpWithSubject, waitFor, type TestClient } from '../support/server.ts';

const ENTRY = resolve(import.meta.dirname, '../../sync-server/src/cluster.ts');

let command: ChildProcess | null = null;
const clients: TestClient[] = [];
afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
	if (command && command.exitCode === null) command.kill('SIGINT');
	command = null;
});

/** Every live process descending from `pid` (Linux: parent ids from /proc/<pid>/stat). */
function descendants(pid: number): number[] {
	const parents = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// The process ended while we looked.
		}
	}
	const found: number[] = [];
	const walk = (parent: number) => {
		for (const [child, ppid] of parents) {
			if (ppid === parent) {
				found.push(child);
				walk(child);
			}
		}
	};
	walk(pid);
	return found;
}

const isAlive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
	} catch {
		return false;
	}
};

/** Runs the entry point on a free port; resolves once it printed that everything is up. */
async function startCommand() {
	const port = await freePort();
	let output = '';
	const child = spawn(process.execPath, [ENTRY], {
		env: { ...process.env, PORT: String(port), STATIC_DIR: mkdtempSync(join(tmpdir(), 'beian-no-app-')), LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	command = child;
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitFor(() => output.includes('Ctrl-C stops everything') || child.exitCode !== null, 180_000, 'the cluster to start');
	expect(child.exitCode, output).toBeNull();
	const folder = /in (\S+)…/.exec(output)?.[1] ?? '';
	expect(existsSync(folder)).toBe(true);
	const started = descendants(child.pid!);
	// At least postgres, redis-server, ceph-mon, ceph-osd, radosgw and the three nodes.
	expect(started.length).toBeGreaterThanOrEqual(8);
	return { child, port, exited, folder, started, output: () => output };
}

describe('npm run cluster', () => {
	it('starts the engines and 3 nodes, prints their URLs, syncs across nodes, and Ctrl-C stops every process it started', { timeout: 240_000 }, async () => {
		const { child, port, exited, folder, started, output } = await startCommand();
		const urls = [...output().matchAll(/^ {2}node: (http:\/\/\S+)$/gm)].map((m) => m[1]!);
		expect(urls).toEqual([port, port + 1, port + 2].map((p) => `http://localhost:${p}`));

		const [first, second] = urls.map((url) => ({ url: url.replace('localhost', '127.0.0.1') })) as [{ url: string }, { url: string }];
		const owner = await signUpWithSubject(first);
		const onFirst = connectClient(first, owner.workspaceRoom, { cookie: owner.cookie });
		const onSecond = connectClient(second, owner.workspaceRoom, { cookie: owner.cookie });
		clients.push(onFirst, onSecond);
		await waitFor(() => onFirst.provider.synced && onSecond.provider.synced, 10_000, 'both synced');
		onFirst.doc.getMap('subject').set('name', 'written through node 1');
		await waitFor(() => onSecond.doc.getMap('subject').get('name') === 'written through node 1', 10_000, 'node 1 to node 2');
		await waitFor(() => onFirst.saved, 10_000, 'acknowledged');
		for (const c of clients.splice(0)) c.destroy();

		child.kill('SIGINT');
		expect(await exited).toBe(0);
		expect(started.filter(isAlive)).toEqual([]);
		expect(existsSync(folder)).toBe(false);
	});

	it('when an engine dies (redis-server killed with SIGKILL) it stops everything else and exits 1', { timeout: 240_000 }, async () => {
		const { exited, folder, started, output } = await startCommand();
		const redis = started.find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'redis-server');
		expect(redis).toBeDefined();
		process.kill(redis!, 'SIGKILL');
		expect(await exited).toBe(1);
		expect(output()).toMatch(/redis-server exited \(SIGKILL\)/);
		expect(started.filter(isAlive)).toEqual([]);
		expect(existsSync(folder)).toBe(false);
	});
});
