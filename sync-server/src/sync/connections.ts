/**
 * The open sync connections that passed admission, indexed for revocation: when a session is
 * revoked its sockets close with 4401; when a member is removed their sockets for that
 * subject (workspace and facts room) close with 4403 — their presence is cleared for the
 * others at once, and nothing they send after is read; a role change updates the connections
 * in place (a viewer's next write is refused, an editor's accepted).
 */
import type { WebSocket } from 'ws';
import type { RoomKind } from '../../../src/lib/domain/workspace/room.ts';
import { CLOSE } from '../../../src/lib/sync/protocol.ts';
import type { Role } from '../access/access.ts';
import type { PeerRights } from './connection.ts';
import { PresenceGate, type PresenceSession } from './presence.ts';

export class SyncConnection implements PeerRights, PresenceSession {
	readonly ws: WebSocket;
	/** The account's display name, stamped on its presence (PRES-2); renamed in place (PRES-5). */
	displayName: string;
	readonly presence: PresenceGate;
	/** Set by the endpoint once the connection is in a room: takes its presence out at once. */
	leaveRoom: () => void = () => {};
	readonly sessionId: string;
	readonly accountId: string;
	readonly subjectId: string;
	readonly kind: RoomKind;
	role: Role;

	constructor(fields: { ws: WebSocket; sessionId: string; accountId: string; subjectId: string; kind: RoomKind; role: Role; displayName?: string }) {
		this.ws = fields.ws;
		this.displayName = fields.displayName ?? '';
		this.presence = new PresenceGate(this);
		this.sessionId = fields.sessionId;
		this.accountId = fields.accountId;
		this.subjectId = fields.subjectId;
		this.kind = fields.kind;
		this.role = fields.role;
	}

	/** Facts rooms are read-only for everyone (ROOM-3); workspaces for viewers. */
	get canWrite(): boolean {
		return this.kind === 'workspace' && this.role !== 'viewer';
	}
}

export class Connections {
	#bySession = new Map<string, Set<SyncConnection>>();
	#byAccount = new Map<string, Set<SyncConnection>>();

	get size(): number {
		let n = 0;
		for (const set of this.#bySession.values()) n += set.size;
		return n;
	}

	/** Admitted open connections of an account (every room, every session). */
	countOfAccount(accountId: string): number {
		return this.#byAccount.get(accountId)?.size ?? 0;
	}

	add(connection: SyncConnection): void {
		addTo(this.#bySession, connection.sessionId, connection);
		addTo(this.#byAccount, connection.accountId, connection);
	}

	remove(connection: SyncConnection): void {
		removeFrom(this.#bySession, connection.sessionId, connection);
		removeFrom(this.#byAccount, connection.accountId, connection);
	}

	/** Closes every socket of a revoked session with 4401; returns how many. */
	closeSession(sessionId: string): number {
		const matching = [...(this.#bySession.get(sessionId) ?? [])];
		for (const c of matching) close(c, CLOSE.unauthenticated, 'session revoked');
		return matching.length;
	}

	/** Closes every socket of a removed member in that subject with 4403; returns how many. */
	closeMember(accountId: string, subjectId: string): number {
		const matching = [...(this.#byAccount.get(accountId) ?? [])].filter((c) => c.subjectId === subjectId);
		for (const c of matching) close(c, CLOSE.forbidden, 'membership revoked');
		return matching.length;
	}

	/** Gives an account's open connections its new display name: their next presence update carries it. */
	setDisplayName(accountId: string, displayName: string): void {
		for (const c of this.#byAccount.get(accountId) ?? []) c.displayName = displayName;
	}

	/** Gives a member's open connections in that subject their new role. */
	setRole(accountId: string, subjectId: string, role: Role): void {
		for (const c of this.#byAccount.get(accountId) ?? []) if (c.subjectId === subjectId) c.role = role;
	}
}

/** Closes a connection and clears its presence for the others now, not after the close handshake (PRES-4). */
function close(connection: SyncConnection, code: number, reason: string): void {
	connection.ws.close(code, reason);
	connection.leaveRoom();
}

function addTo(map: Map<string, Set<SyncConnection>>, key: string, connection: SyncConnection): void {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(connection);
}

function removeFrom(map: Map<string, Set<SyncConnection>>, key: string, connection: SyncConnection): void {
	const set = map.get(key);
	set?.delete(connection);
	if (set?.size === 0) map.delete(key);
}
