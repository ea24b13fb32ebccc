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

/** A subject id: 16 characters of lowercase RFC 4648 base32 (`a-z 2-7`), 80 random bits (ROOM-2). */
export type SubjectId = string & { readonly __brand: 'SubjectId' };

const SUBJECT_ID = /^[a-z2-7]{16}$/;
const FACTS_SUFFIX = '_facts';

/** Whether a value is a well-formed subject id (ROOM-2). */
export function isSubjectId(value: unknown): value is SubjectId {
	return typeof value === 'string' && SUBJECT_ID.test(value);
}

/** The subject's shared workspace room, `ws-<subjectId>` (ROOM-2); throws for an invalid id. */
export function workspaceRoomOf(subjectId: string): RoomName {
	if (!isSubjectId(subjectId)) throw new RangeError(`invalid subject id: ${JSON.stringify(subjectId)}`);
	return roomNameFor(subjectId);
}

/** The subject's server-owned facts room, `ws-<subjectId>_facts` (ROOM-3); throws for an invalid id. */
export function factsRoomOf(subjectId: string): RoomName {
	if (!isSubjectId(subjectId)) throw new RangeError(`invalid subject id: ${JSON.stringify(subjectId)}`);
	return roomNameFor(subjectId + FACTS_SUFFIX);
}

export type RoomKind = 'workspace' | 'facts';

/**
 * The subject a room belongs to and which of its rooms it is; null for any room that names no
 * subject (ROOM-4), such as the pre-accounts `ws-local`. Never throws.
 */
export function subjectOfRoom(room: unknown): { subjectId: SubjectId; kind: RoomKind } | null {
	if (!parseRoomName(room).ok) return null;
	const id = (room as string).slice(ROOM_PREFIX.length);
	const kind: RoomKind = id.endsWith(FACTS_SUFFIX) ? 'facts' : 'workspace';
	const subjectId = kind === 'facts' ? id.slice(0, -FACTS_SUFFIX.length) : id;
	return isSubjectId(subjectId) ? { subjectId, kind } : null;
}
