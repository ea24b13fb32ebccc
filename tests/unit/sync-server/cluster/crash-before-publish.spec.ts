/** The test-only crash hook: it passes every publish through except the nth, which it replaces by the kill. */
import { describe, expect, it } from 'vitest';
import { crashBeforePublish } from '../../../../sync-server/src/cluster/crash-before-publish.ts';
import type { RoomBus } from '../../../../sync-server/src/sync/room-bus.ts';

function recordingBus(published: string[]): RoomBus {
	return {
		publishUpdates: (room, first, last) => void published.push(`${room}:${first}-${last}`),
		publishAwareness: (room) => void published.push(`${room}:awareness`),
		subscribe: () => () => {},
		onResync: () => () => {}
	};
}

describe('crashBeforePublish (test-only hook)', () => {
	it('dies in place of the nth update publish, never after it, and leaves awareness alone', () => {
		const published: string[] = [];
		const deaths: string[] = [];
		const bus = crashBeforePublish(recordingBus(published), 2, () => void deaths.push([...published].join(',')));
		bus.publishUpdates('r', 1, 1, [new Uint8Array([1])]);
		bus.publishAwareness('r', new Uint8Array([2]));
		bus.publishUpdates('r', 2, 3, [new Uint8Array([3]), new Uint8Array([4])]);
		expect(deaths).toEqual(['r:1-1,r:awareness']);
		expect(published).toEqual(['r:1-1', 'r:awareness']);
	});
});
