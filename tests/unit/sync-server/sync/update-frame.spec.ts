/**
 * The relayed update frame is built in one allocation (room.ts, the hot path); its bytes must be
 * exactly what lib0's encoder writes for `[MESSAGE_SYNC, messageYjsUpdate, update]`, at every
 * length where the varUint length prefix grows a byte.
 */
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { MESSAGE_SYNC } from '../../../../src/lib/sync/protocol.ts';
import { updateFrame } from '../../../../sync-server/src/sync/room.ts';

function viaEncoder(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

describe('updateFrame', () => {
	it('writes the same bytes as the lib0 encoder, for lengths on both sides of every varUint step', () => {
		for (const length of [0, 1, 39, 127, 128, 129, 16_383, 16_384, 16_385, 2_097_151, 2_097_152]) {
			const update = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 0xff);
			expect(Buffer.from(updateFrame(update)).equals(Buffer.from(viaEncoder(update))), `length ${length}`).toBe(true);
		}
	});
});
