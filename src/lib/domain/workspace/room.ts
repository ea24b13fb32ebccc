/**
 * Sync room names (rule ROOM-1). The app builds them and the sync server parses every room
 * a client asks for with the same function, so both sides agree on what a room is.
 */
import { issue, resultOf, type Result } from '../result.ts';

export const ROOM_PREFIX = 'ws-';
const ROOM_ID = /^[a-z0-9_-]{1,64}$/;

export type RoomName = string & { readonly __brand: 'RoomName' };

/** Parses a room name such as `ws-local`; refuses anything else with ROOM-1. */
export function parseRoomName(input: unknown): Result<RoomName> {
	const valid =
		typeof input === 'string' &&
		input.startsWith(ROOM_PREFIX) &&
		ROOM_ID.test(input.slice(ROOM_PREFIX.length));
	return resultOf(input as RoomName, valid ? [] : [issue('ROOM-1', 'error')]);
}

/** The room name of a workspace id; throws when the id cannot form a valid name (a programming error). */
export function roomNameFor(workspaceId: string): RoomName {
	const parsed = parseRoomName(ROOM_PREFIX + workspaceId);
	if (!parsed.ok) throw new RangeError(`invalid workspace id: ${JSON.stringify(workspaceId)}`);
	return parsed.value;
}
