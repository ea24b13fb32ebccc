/**
 * The Debian packages the throwaway engines run from (`postgresql`, `redis-server`, `radosgw
 * ceph-mon ceph-osd`), installed with apt-get when their binaries are missing — what `.ci/run`
 * does for the tests, done here for `npm run cluster`. Only root may install; anyone else is
 * told the command to run.
 */
import { spawnSync } from 'node:child_process';
import { findPgBin } from './postgres.ts';
import { findCephBin } from './radosgw.ts';
import { findRedisServer } from './redis.ts';

const ENGINES: readonly { packages: readonly string[]; find: () => string }[] = [
	{ packages: ['postgresql'], find: findPgBin },
	{ packages: ['redis-server'], find: findRedisServer },
	{ packages: ['radosgw', 'ceph-mon', 'ceph-osd'], find: findCephBin }
];

/** The packages whose binaries are not found. */
export function missingEnginePackages(): string[] {
	return ENGINES.filter(({ find }) => {
		try {
			find();
			return false;
		} catch {
			return true;
		}
	}).flatMap(({ packages }) => packages);
}

/** Installs the missing packages (apt-get, its output on this terminal); throws with the command to run when it cannot. */
export function ensureEnginePackages(say: (line: string) => void): void {
	const missing = missingEnginePackages();
	if (missing.length === 0) return;
	const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
	if (process.getuid?.() !== 0) throw new Error(`Missing engines; as root run: ${command}`);
	say(`Installing Debian's ${missing.join(' ')} (apt-get)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', ...missing]]) {
		const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${result.status ?? result.error}); run: ${command}`);
	}
	const still = missingEnginePackages();
	if (still.length > 0) throw new Error(`Still missing after apt-get: ${still.join(' ')}`);
}
