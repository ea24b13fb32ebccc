/**
 * A throwaway S3 server, for the tests (once per run, `tests/support/radosgw-global-setup.ts`)
 * and for `npm run cluster` (local-cluster.ts): Ceph's RADOS Gateway on one in-memory OSD, as
 * plain processes in a temporary folder on loopback (no Docker, no cephadm, no systemd).
 *
 * One monitor (`ceph-mon`, auth `none`, so no keyring), one OSD on `memstore` (RAM, no disk) and
 * `radosgw` with the beast frontend on a free loopback port; then an S3 user with generated keys
 * (`radosgw-admin`) and one bucket. With auth `none` the connections must use `crc` mode: the
 * default `secure` mode needs cephx and the gateway would retry its monitor login for five
 * minutes. `.ci/run` installs Debian's `radosgw ceph-mon ceph-osd` when `radosgw` is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import type { EngineOptions } from './engine-options.ts';
import { delimiter, join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

export interface LocalS3Info {
	/** `http://127.0.0.1:<port>` */
	endpoint: string;
	bucket: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
}

export interface LocalRadosgw extends LocalS3Info {
	/** Seconds from the first command to the bucket being there. */
	startupSeconds: number;
	/** The monitor's, the OSD's and the gateway's process ids. */
	readonly pids: readonly number[];
	/** Called once if one of its processes exits without `stop` (with which and how). */
	onExit(listener: (what: string) => void): void;
	stop(): Promise<void>;
}

const BINARIES = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph', 'monmaptool'] as const;

/** The folder holding the Ceph binaries, or a clear error naming what to install. */
export function findCephBin(): string {
	const candidates = [process.env.CEPH_BIN, '/usr/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(delimiter)].filter((dir): dir is string => Boolean(dir));
	const found = candidates.find((dir) => BINARIES.every((name) => existsSync(join(dir, name))));
	if (!found) throw new Error("Ceph binaries (ceph-mon, ceph-osd, radosgw) not found: install Debian's packages (apt-get install radosgw ceph-mon ceph-osd) or set CEPH_BIN");
	return found;
}

/** A TCP port that was free a moment ago on loopback. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

function config(dir: string, fsid: string, monPort: number, rgwPort: number): string {
	return `[global]
fsid = ${fsid}
mon host = v2:127.0.0.1:${monPort}
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
ms client mode = crc
ms cluster mode = crc
ms service mode = crc
ms bind ipv6 = false
public addr = 127.0.0.1
cluster addr = 127.0.0.1
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
pid file = ${dir}/run/$name.pid
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon data avail crit = 0
[mon]
mon data = ${dir}/mon/$id
[osd]
osd data = ${dir}/osd/$id
osd objectstore = memstore
memstore device bytes = 1073741824
osd max object name len = 256
osd max object namespace len = 64
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:${rgwPort}
rgw data = ${dir}/rgw
rgw dns name = 127.0.0.1
`;
}

export async function startRadosgw(options: EngineOptions = {}): Promise<LocalRadosgw> {
	const started = performance.now();
	const bin = findCephBin();
	const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'beian-s3-'));
	for (const sub of ['run', 'log', 'mon', 'osd/0', 'rgw']) mkdirSync(join(dir, sub), { recursive: true });
	const conf = join(dir, 'ceph.conf');
	const fsid = randomUUID();
	const monPort = await freePort();
	const rgwPort = await freePort();
	writeFileSync(conf, config(dir, fsid, monPort, rgwPort));
	const children: ChildProcess[] = [];
	let stopping = false;
	let exitListener: ((what: string) => void) | null = null;
	const stop = async () => {
		stopping = true;
		for (const child of [...children].reverse()) {
			if (child.exitCode !== null || child.signalCode !== null) continue;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
		rmSync(dir, { recursive: true, force: true });
	};
	const logTail = (name: string) => {
		const file = join(dir, 'log', `${name}.log`);
		return existsSync(file) ? readFileSync(file, 'utf8').slice(-3000) : '(no log)';
	};
	const run = (name: string, args: string[]): string => {
		const result = spawnSync(join(bin, name), ['-c', conf, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
		if (result.status !== 0) throw new Error(`${name} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.error}`);
		return result.stdout;
	};
	const daemon = (name: string, args: string[]) => {
		const child = spawn(join(bin, name), ['-c', conf, '-f', ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
		let err = '';
		child.stderr?.on('data', (chunk: Buffer) => {
			err = (err + chunk.toString()).slice(-2000);
		});
		children.push(child);
		child.once('exit', (code, signal) => {
			if (!stopping) exitListener?.(`${name} exited (${signal ?? code})`);
			exitListener = null;
		});
		return () => `${name}: exit ${child.exitCode ?? child.signalCode ?? 'running'} ${err}`;
	};
	try {
		const monmap = join(dir, 'monmap');
		run('monmaptool', ['--create', '--add', 'a', `v2:127.0.0.1:${monPort}`, '--fsid', fsid, monmap]);
		run('ceph-mon', ['--mkfs', '-i', 'a', '--monmap', monmap]);
		const mon = daemon('ceph-mon', ['-i', 'a']);
		const osdUuid = randomUUID();
		// `osd new` waits for the monitor to form its quorum of one.
		await waitFor(() => spawnSync(join(bin, 'ceph'), ['-c', conf, '--connect-timeout', '2', 'osd', 'new', osdUuid], { cwd: dir, encoding: 'utf8' }).stdout.trim() === '0', 20_000, () => `${mon()} ${logTail('mon.a')}`);
		run('ceph-osd', ['-i', '0', '--mkfs', '--osd-uuid', osdUuid]);
		const osd = daemon('ceph-osd', ['-i', '0']);
		const rgw = daemon('radosgw', ['-n', 'client.rgw']);
		const endpoint = `http://127.0.0.1:${rgwPort}`;
		await waitFor(
			async () => (await fetch(endpoint, { signal: AbortSignal.timeout(2000) }).catch(() => null))?.status === 200,
			60_000,
			() => `${osd()} ${rgw()} ${logTail('osd.0')} ${logTail('client.rgw')}`
		);
		const accessKeyId = `BEIAN${randomBytes(8).toString('hex').toUpperCase()}`;
		const secretAccessKey = randomBytes(24).toString('base64url');
		run('radosgw-admin', ['-n', 'client.rgw', 'user', 'create', '--uid=beian', '--display-name=Beian', `--access-key=${accessKeyId}`, `--secret-key=${secretAccessKey}`]);
		const info: LocalS3Info = { endpoint, bucket: 'beian', region: 'us-east-1', accessKeyId, secretAccessKey };
		const client = localS3Client(info);
		try {
			await client.send(new CreateBucketCommand({ Bucket: info.bucket }));
		} finally {
			client.destroy();
		}
		const onExit = (listener: (what: string) => void) => {
			exitListener = listener;
		};
		return { ...info, startupSeconds: (performance.now() - started) / 1000, pids: children.map((child) => child.pid ?? 0), onExit, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** An S3 client for the server (path-style addressing: the bucket is not a host name here). */
export function localS3Client(info: LocalS3Info): S3Client {
	return new S3Client({
		endpoint: info.endpoint,
		region: info.region,
		forcePathStyle: true,
		// Ceph 16 predates the SDK's default flexible checksums (aws-chunked trailers).
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
		credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey }
	});
}

async function waitFor(ready: () => boolean | Promise<boolean>, timeoutMs: number, diagnose: () => string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await ready())) {
		if (Date.now() > deadline) throw new Error(`radosgw did not come up: ${diagnose()}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
