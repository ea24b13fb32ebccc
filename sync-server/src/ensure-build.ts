/**
 * `npm start` runs this first: builds the app when `build/` is missing or older than any
 * source it is made from, so a fresh clone starts with one command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];
const IGNORED = new Set(['node_modules', 'paraglide', '.svelte-kit']);

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const info = statSync(path);
	if (!info.isDirectory()) return info.mtimeMs;
	let newest = info.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (!IGNORED.has(entry)) newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

const marker = join(root, 'build', 'index.html');
const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));

if (builtAt < sourcesAt) {
	process.stdout.write(builtAt === 0 ? 'No build yet: building the app…\n' : 'Sources changed: rebuilding the app…\n');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	process.exit(result.status ?? 1);
}
