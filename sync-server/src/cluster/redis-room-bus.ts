/**
 * The room bus on Redis pub/sub (room-bus.ts): one channel per room, `room:<name>`. A message is
 * the sender's node id, then either a committed batch (first seq, last seq, the updates) or an
 * awareness update, in lib0 encoding. A message that does not decode is dropped (the log still
 * has every committed update); this node's own messages are ignored.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../log.ts';
import type { RoomBus, RoomBusListener } from '../sync/room-bus.ts';
import type { RedisConnection } from './redis-connection.ts';

const UPDATES = 0;
const AWARENESS = 1;
/** Never more updates in one message than a room would batch; guards the decoder. */
const MAX_UPDATES = 100_000;

export function redisRoomBus(redis: RedisConnection, logger: Logger): RoomBus {
	const channel = (room: string) => `room:${room}`;
	return {
		publishUpdates(room, firstSeq, lastSeq, updates) {
			const encoder = encoding.createEncoder();
			encoding.writeVarString(encoder, redis.nodeId);
			encoding.writeVarUint(encoder, UPDATES);
			encoding.writeVarUint(encoder, firstSeq);
			encoding.writeVarUint(encoder, lastSeq);
			encoding.writeVarUint(encoder, updates.length);
			for (const update of updates) encoding.writeVarUint8Array(encoder, update);
			redis.publish(channel(room), Buffer.from(encoding.toUint8Array(encoder)));
		},
		publishAwareness(room, update) {
			const encoder = encoding.createEncoder();
			encoding.writeVarString(encoder, redis.nodeId);
			encoding.writeVarUint(encoder, AWARENESS);
			encoding.writeVarUint8Array(encoder, update);
			redis.publish(channel(room), Buffer.from(encoding.toUint8Array(encoder)));
		},
		subscribe(room, listener) {
			return redis.listen(channel(room), (message) => {
				try {
					dispatch(new Uint8Array(message.buffer, message.byteOffset, message.byteLength), redis.nodeId, listener);
				} catch (error) {
					logger.log('warn', 'undecodable room message dropped', { room, error: String(error) });
				}
			});
		},
		onResync: (listener) => redis.onResync(listener)
	};
}

function dispatch(message: Uint8Array, ownNode: string, listener: RoomBusListener): void {
	const decoder = decoding.createDecoder(message);
	if (decoding.readVarString(decoder) === ownNode) return;
	const kind = decoding.readVarUint(decoder);
	if (kind === AWARENESS) return listener.awareness(decoding.readVarUint8Array(decoder));
	if (kind !== UPDATES) throw new Error(`unknown message kind ${kind}`);
	const first = decoding.readVarUint(decoder);
	const last = decoding.readVarUint(decoder);
	const count = decoding.readVarUint(decoder);
	if (count > MAX_UPDATES || first < 1 || last < first) throw new Error('malformed batch');
	const updates: Uint8Array[] = [];
	for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
	listener.updates(first, last, updates);
}
