/**
 * Summarises V8 `.cpuprofile` files (from `node --cpu-prof`, e.g. `npm run bench:server -- --profile
 * <dir>`) by self time: the functions where the CPU actually was, with their share of the
 * sampled time, and the same grouped by package or source folder.
 *
 * Usage: `node tests/bench/profile-summary.ts <file-or-dir>… [--top 30] [--all]`
 *
 * When a `window-<pid>.json` from the bench lies beside a profile (`CPU.<date>.<time>.<pid>.…`),
 * only samples inside the bench's measured period count (its start is taken as the profile's
 * start, so the edges are off by the ~0.1 s node takes to boot); `--all` counts every sample.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { numberOption, printTable } from './table.ts';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
}
interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples?: number[];
	timeDeltas?: number[];
}

const top = numberOption('top', 30);
const everything = process.argv.includes('--all');
const inputs = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--top');
if (inputs.length === 0) {
	console.error('usage: node tests/bench/profile-summary.ts <file-or-dir>… [--top 30]');
	process.exit(2);
}
const files = inputs.flatMap((input) =>
	statSync(input).isDirectory()
		? readdirSync(input)
				.filter((f) => f.endsWith('.cpuprofile'))
				.map((f) => join(input, f))
		: [input]
);
/** The earliest profile start per process: threads start later than main, on the same clock. */
const processStart = new Map<string, number>();
const profiles = files.map((file) => {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	const pid = pidOf(file);
	processStart.set(pid, Math.min(processStart.get(pid) ?? Number.POSITIVE_INFINITY, profile.startTime));
	return { file, profile };
});
for (const { file, profile } of profiles) summarise(file, profile);

function summarise(file: string, profile: Profile): void {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	// Self time per node from the sample timeline (each sample's delta belongs to its node).
	const selfUs = new Map<number, number>();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	const window = everything ? null : windowOf(file);
	const from = window ? window.fromS * 1e6 : Number.NEGATIVE_INFINITY;
	const until = window ? window.untilS * 1e6 : Number.POSITIVE_INFINITY;
	let at = profile.startTime - (processStart.get(pidOf(file)) ?? profile.startTime);
	for (let i = 0; i < samples.length; i++) {
		at += deltas[i] ?? 0;
		if (at < from || at >= until) continue;
		const id = samples[i] as number;
		const next = deltas[i + 1] ?? 0;
		selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, next));
	}
	let total = 0;
	let idle = 0;
	const byFunction = new Map<string, number>();
	const byArea = new Map<string, number>();
	for (const [id, us] of selfUs) {
		const node = byId.get(id);
		if (!node) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)') {
			idle += us;
			continue;
		}
		total += us;
		const where = shortUrl(url);
		const key = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
		byFunction.set(key, (byFunction.get(key) ?? 0) + us);
		const area = areaOf(url, functionName);
		byArea.set(area, (byArea.get(area) ?? 0) + us);
	}
	const wall = window ? until - from : profile.endTime - profile.startTime;
	const span = window ? ` (bench window ${window.fromS.toFixed(1)}–${window.untilS.toFixed(1)} s)` : '';
	console.log(`\n${relative(process.cwd(), file)}${span}: ${(wall / 1e6).toFixed(1)} s profiled, ${(total / 1e6).toFixed(2)} s on CPU (${((100 * total) / wall).toFixed(0)} %), ${(idle / 1e6).toFixed(1)} s idle`);
	const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
	const rows = (map: Map<string, number>, n: number) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([k, us]) => [k, `${(us / 1000).toFixed(0)} ms`, pct(us)]);
	printTable([['area (self time)', 'ms', 'share'], ...rows(byArea, 15)]);
	printTable([['function (self time)', 'ms', 'share'], ...rows(byFunction, top)]);
}

/** The bench's measured period for this profile's process, if it wrote one. */
function windowOf(file: string): { fromS: number; untilS: number } | null {
	const path = join(dirname(file), `window-${pidOf(file)}.json`);
	return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { fromS: number; untilS: number }) : null;
}

function pidOf(file: string): string {
	return basename(file).split('.')[3] ?? '';
}

function shortUrl(url: string): string {
	if (!url) return '';
	const path = url.replace(/^file:\/\//, '');
	const nm = path.lastIndexOf('/node_modules/');
	if (nm >= 0) return path.slice(nm + '/node_modules/'.length);
	return relative(process.cwd(), path);
}

/** A package name, a source folder, `node:` internals, or a V8 pseudo-frame such as `(garbage collector)`. */
function areaOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
	const short = shortUrl(url);
	if (url.includes('/node_modules/')) {
		const parts = short.split('/');
		return (parts[0]?.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
	}
	return short.split('/').slice(0, -1).join('/') || short;
}
