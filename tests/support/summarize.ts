/**
 * Prints the closing "N passed, N failed" line of a test run, summing the Vitest and
 * Playwright JSON reports in tests/.output. A failed step that reports no test (type check,
 * lint, build) counts as one failure, so a red run never prints "0 failed".
 * Usage: node tests/support/summarize.ts <exit status of the test command>
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const out = resolve(import.meta.dirname, '..', '.output');
const status = Number(process.argv[2] ?? 0);

function readJson(name: string): unknown {
	const path = join(out, name);
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

const vitest = readJson('vitest.json') as { numPassedTests: number; numFailedTests: number } | null;
const playwright = readJson('playwright.json') as { stats: { expected: number; unexpected: number; flaky: number } } | null;

let passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats.expected ?? 0) + (playwright?.stats.flaky ?? 0);
let failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats.unexpected ?? 0);
console.log(`vitest: ${vitest ? `${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed` : 'did not run'}`);
console.log(`playwright: ${playwright ? `${playwright.stats.expected} passed, ${playwright.stats.unexpected} failed` : 'did not run'}`);
if (status !== 0 && failed === 0) {
	console.log('a step without test counts (type check, lint or build) failed');
	failed = 1;
}
passed = Math.max(0, passed);
console.log(`${passed} passed, ${failed} failed`);
