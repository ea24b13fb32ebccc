/**
 * Giving back what the start-up used.
 *
 * Starting the server compiles every module, builds every zod schema and hashes the demo and
 * first-reviewer passwords. That burst grows V8's young generation to its largest size, and an
 * ordinary collection keeps those pages committed: an empty server held about 115 MB where the
 * same process after a memory-reducing collection holds about 98 MB (`npm run bench:server`,
 * "RSS empty"). Once the start-up is over, one last-resort collection — the kind V8 runs under
 * memory pressure, which also shrinks the young generation — returns them. Load grows the
 * young generation again as it needs; this runs once, on an idle process, and costs one full
 * collection (tens of milliseconds).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** Runs one memory-reducing full collection; false when this V8 offers none (nothing happens then). */
export function releaseStartupMemory(): boolean {
	const collect = garbageCollector();
	if (!collect) return false;
	collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
	return true;
}

/** V8's `gc` function, exposed for this call only (a new context's global gets it once the flag is set). */
function garbageCollector(): Collect | null {
	const exposed = (globalThis as { gc?: unknown }).gc;
	if (typeof exposed === 'function') return exposed as Collect;
	setFlagsFromString('--expose-gc');
	const collect: unknown = runInNewContext('typeof gc === "function" ? gc : null');
	setFlagsFromString('--no-expose-gc');
	return typeof collect === 'function' ? (collect as Collect) : null;
}
