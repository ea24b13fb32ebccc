/** The y-websocket frame of one awareness update (`MESSAGE_AWARENESS`, then the update as a length-prefixed payload). */
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS } from '../../../src/lib/sync/protocol.ts';

export function awarenessFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}
