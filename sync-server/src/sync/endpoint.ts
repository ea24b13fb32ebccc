/**
 * The `/sync/<room>` WebSocket endpoint.
 *
 * Admission, in order: a foreign `Origin` is refused with HTTP 403 before the upgrade; then
 * the upgrade is accepted (browsers cannot read an HTTP status at upgrade) and the socket is
 * closed with a code when the room is not a subject's room (4404, ROOM-1/ROOM-4), there is no
 * live session (4401) or the account is not a member of the subject (4403). Frames that
 * arrive meanwhile are queued. Then the socket is wired to its room.
 *
 * While open: each connection has a message rate limit (token bucket; 4529 when exceeded); a
 * bad frame closes only its own connection (4400; `ws` closes oversized frames with 1009);
 * read-only connections get their updates refused (see connection.ts); revocations close the
 * affected sockets at once and role changes apply to the next message (see connections.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { CLOSE, SYNC_PATH } from '../../../src/lib/sync/protocol.ts';
import type { Access } from '../access/access.ts';
import type { Logger } from '../log.ts';
import { admit } from './admission.ts';
import { greetingMessages, handleMessage, MalformedMessageError } from './connection.ts';
import { Connections, SyncConnection } from './connections.ts';
import type { Peer, Room } from './room.ts';
import type { Rooms } from './rooms.ts';
import { TokenBucket } from './token-bucket.ts';

/** Frames a socket may send while it is still being admitted (session and membership lookups). */
const MAX_QUEUED_BEFORE_ADMISSION = 64;

export interface SyncEndpointOptions {
	rooms: Rooms;
	logger: Logger;
	maxPayload: number;
	access: Access;
	/** Per-connection message rate limit. */
	messageRate: { perSecond: number; burst: number };
}

export class SyncEndpoint {
	#wss: WebSocketServer;
	#options: SyncEndpointOptions;
	#connections = new Connections();
	#unsubscribe: (() => void)[] = [];

	constructor(options: SyncEndpointOptions) {
		this.#options = options;
		this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false });
		const { access } = options;
		this.#unsubscribe.push(
			access.onRevoked((r) => {
				const closed = r.kind === 'session' ? this.#connections.closeSession(r.sessionId) : this.#connections.closeMember(r.accountId, r.subjectId);
				if (closed > 0) options.logger.log('info', 'sockets closed on revocation', { kind: r.kind, closed });
			})
		);
		const unsubscribeRoles = access.onRoleChanged?.((change) => this.#connections.setRole(change.accountId, change.subjectId, change.role));
		if (unsubscribeRoles) this.#unsubscribe.push(unsubscribeRoles);
	}

	/** Whether an upgrade request is for this endpoint. */
	matches(pathname: string): boolean {
		return pathname === SYNC_PATH || pathname.startsWith(SYNC_PATH + '/');
	}

	/** Number of admitted open connections. */
	get connectionCount(): number {
		return this.#connections.size;
	}

	/** Refuses a foreign Origin with HTTP 403; otherwise completes the upgrade and admits the socket. */
	upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, pathname: string): void {
		if (!this.#options.access.isAllowedOrigin(request.headers.origin)) {
			const body = JSON.stringify({ error: 'foreign-origin', message: 'Connections from this origin are not allowed' });
			socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
			return;
		}
		this.#wss.handleUpgrade(request, socket, head, (ws) => void this.#serve(ws, request, pathname));
	}

	/** Closes every socket with "going away" and stops listening for revocations. */
	closeAll(): void {
		for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
		for (const ws of this.#wss.clients) ws.close(CLOSE.goingAway, 'server shutting down');
		this.#wss.close();
	}

	async #serve(ws: WebSocket, request: IncomingMessage, pathname: string): Promise<void> {
		const { logger, rooms, messageRate } = this.#options;
		const bucket = new TokenBucket(messageRate);
		const queued: RawData[] = [];
		let connection: SyncConnection | null = null;
		let room: Room | null = null;
		const peer: Peer = { send: (message) => ws.readyState === ws.OPEN && ws.send(message) };
		ws.on('error', (error) => logger.log('warn', 'socket error', { error: error.message }));
		ws.on('message', (data) => {
			if (ws.readyState !== ws.OPEN) return;
			if (!bucket.take()) return ws.close(CLOSE.rateLimited, 'rate limited');
			if (room && connection) this.#receive({ ws, room, peer, connection }, data);
			// A client has no reason to send much before admission completes (a few ms).
			else if (queued.push(data) > MAX_QUEUED_BEFORE_ADMISSION) ws.close(CLOSE.rateLimited, 'too many messages before admission');
		});
		ws.on('close', () => {
			if (connection) this.#connections.remove(connection);
			if (!room) return;
			room.removePeer(peer);
			rooms.release(room);
		});
		const admitted = await admit({ request, pathname, access: this.#options.access, logger });
		if (!admitted.ok) return ws.close(admitted.code, admitted.reason);
		if (ws.readyState !== ws.OPEN) return;
		connection = new SyncConnection({ ws, ...admitted.value });
		this.#connections.add(connection);
		try {
			room = await rooms.open(admitted.value.roomName);
		} catch (error) {
			logger.log('error', 'room load failed', { room: admitted.value.roomName, error: String(error) });
			return ws.close(CLOSE.unavailable, 'room unavailable');
		}
		if (ws.readyState !== ws.OPEN) return rooms.release(room);
		room.peers.set(peer, new Set());
		for (const message of greetingMessages(room)) peer.send(message);
		for (const data of queued.splice(0)) this.#receive({ ws, room, peer, connection }, data);
	}

	#receive(target: { ws: WebSocket; room: Room; peer: Peer; connection: SyncConnection }, data: RawData): void {
		const { ws, room, peer, connection } = target;
		if (ws.readyState !== ws.OPEN) return;
		try {
			for (const reply of handleMessage(room, peer, toBytes(data), connection)) peer.send(reply);
		} catch (error) {
			if (error instanceof MalformedMessageError) {
				this.#options.logger.log('warn', 'malformed message', { room: room.name, error: error.message });
				return ws.close(CLOSE.malformed, 'malformed message');
			}
			// A server bug must not take the process (and every other room) down: drop this socket.
			this.#options.logger.log('error', 'message handling failed', { room: room.name, error: String(error) });
			ws.close(CLOSE.unavailable, 'internal error');
		}
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
