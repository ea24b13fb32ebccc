/**
 * `npm run bench:fuzz`: the convergence fuzz at scale — 1,000,000 operations by default (edits,
 * presence moves, undo and redo on the real layout, faults; see tests/support/fuzz.ts), run as
 * segments (each a full fuzz run with its own server, restarts and final convergence check)
 * whose seeds derive from one master seed. Prints progress and a summary; exits non-zero and
 * prints the failing segment's seed on the first divergence.
 * Options: `--ops N` (total), `--segment N` (ops per segment), `--seed 0x…` (master seed),
 * `--only 0x…` (replay one segment seed, e.g. a failing one, for `--ops` operations).
 */
import { FuzzFailure, runFuzz, type Checks } from '../support/fuzz.ts';
import { createPrng, formatSeed, parseSeed, randomSeed } from '../support/prng.ts';
import { ms, numberOption, option, printTable } from './table.ts';

const total = numberOption('ops', 1_000_000);
const segmentOps = Math.min(total, numberOption('segment', 20_000));
const master = parseSeed(option('seed', formatSeed(randomSeed())));
const only = option('only', '');
const segments = only ? 1 : Math.ceil(total / segmentOps);
const seeds = createPrng(master);
const nextSeed = () => (only ? parseSeed(only) : Math.floor(seeds.next() * 0x1_0000_0000));
console.log(`fuzz benchmark: ${total} operations in ${segments} segments of ≤ ${segmentOps}, master seed ${formatSeed(master)}`);

const counts: Record<string, number> = {};
const checks: Checks = { undoSteps: 0, nestedRemovals: 0, presenceCleared: 0 };
const started = performance.now();
let done = 0;
let largest = 0;
for (let segment = 0; segment < segments; segment++) {
	const seed = nextSeed();
	const ops = only ? total : Math.min(segmentOps, total - done);
	try {
		const result = await runFuzz({ seed, ops });
		for (const [kind, n] of Object.entries(result.counts)) counts[kind] = (counts[kind] ?? 0) + n;
		for (const key of Object.keys(checks) as (keyof Checks)[]) checks[key] += result.checks[key];
		largest = Math.max(largest, result.finalBytes);
		done += ops;
		const rate = done / ((performance.now() - started) / 1000);
		console.log(`  segment ${segment + 1}/${segments} seed ${formatSeed(seed)}: ok in ${ms(result.durationMs)} — ${done}/${total} ops, ${rate.toFixed(0)} ops/s, ETA ${((total - done) / rate / 60).toFixed(1)} min`);
	} catch (error) {
		console.error(`segment ${segment + 1} FAILED`);
		console.error(error instanceof FuzzFailure ? error.message : error);
		console.error(`replay: node tests/bench/fuzz.ts --only ${formatSeed(seed)} --ops ${ops} — and pin the seed in tests/integration/sync.fuzz.spec.ts`);
		process.exit(1);
	}
}

const elapsed = performance.now() - started;
printTable([
	['metric', 'value'],
	['operations', String(done)],
	['segments converged', `${segments}/${segments}`],
	...Object.entries(counts)
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([kind, n]) => [`  ${kind}`, String(n)]),
	['undo / redo steps that changed something (none removed another client\'s edit)', String(checks.undoSteps)],
	['  other clients\' fields removed with a record the step removed (redo brings them back)', String(checks.nestedRemovals)],
	['disconnected clients checked for leftover presence (client pairs, none left)', String(checks.presenceCleared)],
	['largest converged doc', `${largest} B`],
	['wall time', `${(elapsed / 1000).toFixed(1)} s`],
	['operations per second', (done / (elapsed / 1000)).toFixed(0)],
	['master seed', formatSeed(master)]
]);
