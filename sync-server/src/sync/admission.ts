/**
 * Who may open a sync room (after the Origin check at upgrade): the room must be a subject's
 * workspace or facts room (ROOM-1, ROOM-4 → 4404), the request must carry a live session
 * (→ 4401), and its account must be a member of that subject (→ 4403). The membership is what
 * grants access — never anything inside a Y.Doc.
 */
import type { IncomingMessage } from 'node:http';
import { subjectOfRoom, type RoomKind } from '../../../src/lib/domain/workspace/room.ts';
import { CLOSE, SYNC_PATH } from '../../../src/lib/sync/protocol.ts';
import type { Access, Role } from '../access/access.ts';
import type { Logger } from '../log.ts';

export interface Admitted {
	readonly roomName: string;
	readonly sessionId: string;
	readonly accountId: string;
	readonly subjectId: string;
	readonly kind: RoomKind;
	readonly role: Role;
	readonly displayName: string;
	readonly expiresAt: number | null;
}

export type Admission = { readonly ok: true; readonly value: Admitted } | { readonly ok: false; readonly code: number; readonly reason: string };

const refuse = (code: number, reason: string): Admission => ({ ok: false, code, reason });

export async function admit(options: { request: IncomingMessage; pathname: string; access: Access; logger: Logger }): Promise<Admission> {
	const { request, pathname, access, logger } = options;
	const roomName = decodeRoom(pathname.slice(SYNC_PATH.length + 1));
	const room = subjectOfRoom(roomName);
	if (roomName === null || !room) return refuse(CLOSE.unknownRoom, 'unknown room');
	try {
		const session = await access.sessionFromRequest(request);
		if (!session) return refuse(CLOSE.unauthenticated, 'not signed in');
		const role = await access.roleOf(session.accountId, room.subjectId);
		if (role === null) return refuse(CLOSE.forbidden, 'not a member');
		const displayName = (await access.displayNameOf?.(session.accountId)) ?? '';
		const { sessionId, accountId, expiresAt } = session;
		return { ok: true, value: { roomName, sessionId, accountId, subjectId: room.subjectId, kind: room.kind, role, displayName, expiresAt: expiresAt ?? null } };
	} catch (error) {
		logger.log('error', 'sync admission failed', { error: String(error) });
		return refuse(CLOSE.unavailable, 'access check failed');
	}
}

function decodeRoom(raw: string): string | null {
	try {
		return decodeURIComponent(raw);
	} catch {
		return null;
	}
}
