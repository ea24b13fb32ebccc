/**
 * TEST ONLY — never enable it in production. A room bus that ends the process in place of its
 * `nth` publish of committed updates: right after that batch's PostgreSQL commit (and the
 * "persisted" message to its author, which the room sends before publishing) and before any
 * other node hears of it through Redis. The crash test across nodes
 * (tests/support/cluster-crash.ts) uses it to show that the other nodes catch up from the log
 * by their room poll alone, with no further write to trigger it. `main.ts` wraps the cluster's
 * bus with it only when `BEIAN_TEST_CRASH_BEFORE_PUBLISH` is set (README, Configuration).
 */
import type { RoomBus } from '../sync/room-bus.ts';

/** `bus` with its `nth` (1-based) `publishUpdates` replaced by `die()` (which should not return); everything else unchanged. */
export function crashBeforePublish(bus: RoomBus, nth: number, die: () => void): RoomBus {
	let published = 0;
	return {
		...bus,
		publishUpdates(room, firstSeq, lastSeq, updates) {
			if (++published === nth) return die();
			bus.publishUpdates(room, firstSeq, lastSeq, updates);
		}
	};
}
