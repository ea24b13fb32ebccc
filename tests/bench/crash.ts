/**
 * `npm run bench:crash`: 100 rounds of SIGKILL while clients write, restart on the same data
 * folder, check every acknowledged write (see tests/support/crash-harness.ts). Exits non-zero
 * on any loss. Options: `--rounds N`, `--seed 0x…`, `--clients N`, `--rooms N`.
 */
import { describeLosses, runCrashTest } from '../support/crash-harness.ts';
import { formatSeed, parseSeed, randomSeed } from '../support/prng.ts';
import { ms, numberOption, option, printTable } from './table.ts';

const rounds = numberOption('rounds', 100);
const seed = parseSeed(option('seed', formatSeed(randomSeed())));
const clients = numberOption('clients', 4);
const rooms = numberOption('rooms', 2);
console.log(`crash benchmark: ${rounds} rounds, ${clients} writers in ${rooms} rooms per round, seed ${formatSeed(seed)}`);

const report = await runCrashTest({
	seed,
	rounds,
	clients,
	rooms,
	onRound: (r) => {
		if (r.round % 10 === 9 || r.lost.length > 0 || r.round === 0) {
			console.log(`  round ${r.round + 1}/${rounds}: killed after ${r.killedAfterMs} ms, ${r.written} written, ${r.acknowledged} acknowledged, ${r.lost.length} lost`);
		}
	}
});

const sum = (pick: (r: (typeof report.rounds)[number]) => number) => report.rounds.reduce((total, r) => total + pick(r), 0);
const lost = sum((r) => r.lost.length) + report.lostAtEnd.length;
const durations = report.rounds.map((r) => r.durationMs);
printTable([
	['metric', 'value', 'target'],
	['rounds', String(report.rounds.length), String(rounds)],
	['writes sent', String(sum((r) => r.written)), ''],
	['acknowledged writes', String(sum((r) => r.acknowledged)), '> 0'],
	['unacknowledged writes that survived', String(sum((r) => r.survivedUnacknowledged)), '(any)'],
	['rounds also killed while the rooms reloaded', String(sum((r) => (r.killedDuringLoad ? 1 : 0))), ''],
	['acknowledged writes lost', String(lost), '0'],
	['mean time per round', ms(durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length)), ''],
	['seed', formatSeed(seed), '']
]);
if (lost > 0 || sum((r) => r.acknowledged) === 0) {
	console.error(lost > 0 ? describeLosses(report) : 'no write was acknowledged: the check proved nothing');
	process.exit(1);
}
