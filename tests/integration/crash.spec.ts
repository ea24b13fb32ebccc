/**
 * Durability under SIGKILL (issue 4, Evidence): every write the server acknowledged as durable
 * survives a kill at a random moment and a restart on the same data folder. A few rounds here;
 * `npm run bench:crash` runs 100.
 */
import { describe, expect, it } from 'vitest';
import { describeLosses, runCrashTest } from '../support/crash-harness.ts';
import { formatSeed, randomSeed } from '../support/prng.ts';

const ROUNDS = 4;

describe('crash: SIGKILL while clients write', () => {
	const seed = randomSeed();

	it(`keeps every acknowledged write over ${ROUNDS} kill/restart rounds (a fresh seed each run, in any failure message)`, async () => {
		const report = await runCrashTest({ seed, rounds: ROUNDS });
		const acknowledged = report.rounds.reduce((sum, r) => sum + r.acknowledged, 0);
		expect(report.rounds, describeLosses(report)).toHaveLength(ROUNDS);
		// Without acknowledgments the check below would pass vacuously.
		expect(acknowledged, `seed ${formatSeed(seed)}: no write was acknowledged`).toBeGreaterThan(0);
		expect(report.rounds.flatMap((r) => r.lost), describeLosses(report)).toEqual([]);
		expect(report.lostAtEnd, describeLosses(report)).toEqual([]);
	}, 120_000);
});
