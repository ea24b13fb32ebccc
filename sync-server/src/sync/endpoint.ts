/**
 * The `/sync/<room>` WebSocket endpoint.
 *
 * Admission, in order: a foreign `Origin` is refused with HTTP 403 before the upgrade; then
 * the upgrade is accepted (browsers cannot read an HTTP status at upgrade) and the socket is
 * closed with a code when the room is not a subject's room (4404, ROOM-1/ROOM-4), there is no
 * live session (4401) or the account is not a member of the subject (4403). Frames that
 * arrive meanwhile are queued. Then the socket is wired to its room.
 *
 * Connection caps: a socket beyond `maxConnectionsPerIp` open sockets from its address (counted
 * from the upgrade) or `maxConnectionsPerAccount` admitted sockets of its account is closed with
 * 4530 (transient: the client retries with backoff). Both count this node's sockets only, also
 * in a cluster: they protect this node's sockets and memory (README "Running several nodes").
 *
 * While open: each connection has a message rate limit (token bucket; 4529 when exceeded); a
 * bad frame closes only its own connection (4400; `ws` closes oversized frames with 1009);
 * updates over a bound are refused and read-only connections get their updates refused (see
 * connection.ts); awareness is stamped and rate-limited (presence.ts); revocations and session
 * expiry (session-expiry.ts) close the affected sockets at once and role changes apply to the
 * next message (see connections.ts). A socket whose unsent output passes `maxBufferedBytes` (a
 * client that does not read) is closed with 4503. From then on its output must shrink: a socket
 * that drains nothing for `stallCutOffMs` is destroyed at once (its queue, which would otherwise
 * sit in memory for the whole grace, is dropped with it); one still draining gets its close frame,
 * and is cut off `CUT_OFF_GRACE_MS` after the close if it has not finished by then.
 *
 * Nothing a connection sends can end the process or another room: every handler is awaited or
 * caught. An unexpected error closes only its own socket (1011) and is logged; an error inside a
 * room discards that room (its sockets close with 1011) and it is reloaded from the store.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { ServerErrorBody } from '../../../src/lib/domain/api-errors.ts';
import { CLOSE, SYNC_PATH } from '../../../src/lib/sync/protocol.ts';
import type { Access } from '../access/access.ts';
import type { Logger } from '../log.ts';
import { clientIp } from '../accounts/request-info.ts';
import { admit } from './admission.ts';
import { greetingMessages, handleMessage, MalformedMessageError, RoomFailure } from './connection.ts';
import { Connections, SyncConnection } from './connections.ts';
import type { Peer, Room } from './room.ts';
import type { Rooms } from './rooms.ts';
import { TokenBucket } from './token-bucket.ts';
import { watchSessionExpiry, type ExpiryWatch } from './session-expiry.ts';

/** Frames a socket may send while it is still being admitted (session and membership lookups). */
const MAX_QUEUED_BEFORE_ADMISSION = 64;
/** How long a socket closed for back-pressure may take to read its close frame before it is cut off. */
const CUT_OFF_GRACE_MS = 5_000;
/** How long a socket closed for back-pressure may drain nothing before it is destroyed. */
const STALL_CUT_OFF_MS = 500;

export interface SyncEndpointOptions {
	rooms: Rooms;
	logger: Logger;
	maxPayload: number;
	access: Access;
	/** Per-connection message rate limit. */
	messageRate: { perSecond: number; burst: number };
	/** Unsent output a socket may hold before it is closed (4503). */
	maxBufferedBytes: number;
	/** How long a socket closed for back-pressure may take to read its close frame before it is cut off (default 5 s). */
	cutOffGraceMs?: number;
	/** How long a socket closed for back-pressure may read nothing before it is destroyed (default 500 ms). */
	stallCutOffMs?: number;
	/** Open sync sockets per client address (4530 beyond). */
	maxConnectionsPerIp: number;
	/** Admitted sync sockets per account (4530 beyond). */
	maxConnectionsPerAccount: number;
	/** Take the client address from `X-Forwarded-For` (behind a reverse proxy). */
	trustProxy: boolean;
}

interface Target {
	ws: WebSocket;
	room: Room;
	peer: Peer;
	connection: SyncConnection;
}

export class SyncEndpoint {
	#wss: WebSocketServer;
	#options: SyncEndpointOptions;
	#connections = new Connections();
	#perIp = new Map<string, number>();
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
		const unsubscribeNames = access.onDisplayNameChanged?.((change) => this.#connections.setDisplayName(change.accountId, change.displayName));
		if (unsubscribeNames) this.#unsubscribe.push(unsubscribeNames);
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
			const body = JSON.stringify({ error: 'foreign-origin', message: 'Connections from this origin are not allowed' } satisfies ServerErrorBody);
			socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
			return;
		}
		this.#wss.handleUpgrade(request, socket, head, (ws) => {
			this.#serve(ws, request, pathname).catch((error: unknown) => {
				this.#options.logger.log('error', 'sync connection failed', { error: String(error) });
				closeSocket(ws, CLOSE.unavailable, 'internal error');
			});
		});
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
		let expiry: ExpiryWatch | null = null;
		const peer: Peer = {
			send: (message) => this.#send(ws, message),
			close: (code, reason) => closeSocket(ws, code, reason)
		};
		const ip = clientIp(request, this.#options.trustProxy);
		const fromIp = (this.#perIp.get(ip) ?? 0) + 1;
		this.#perIp.set(ip, fromIp);
		ws.on('error', (error) => logger.log('warn', 'socket error', { error: error.message }));
		ws.on('message', (data) => {
			if (ws.readyState !== ws.OPEN) return;
			if (!bucket.take()) return ws.close(CLOSE.rateLimited, 'rate limited');
			if (room && connection) this.#receive({ ws, room, peer, connection }, data);
			// A client has no reason to send much before admission completes (a few ms).
			else if (queued.push(data) > MAX_QUEUED_BEFORE_ADMISSION) ws.close(CLOSE.rateLimited, 'too many messages before admission');
		});
		ws.on('close', () => {
			const left = (this.#perIp.get(ip) ?? 1) - 1;
			if (left > 0) this.#perIp.set(ip, left);
			else this.#perIp.delete(ip);
			if (connection) {
				this.#connections.remove(connection);
				connection.presence.clear();
			}
			expiry?.stop();
			if (!room) return;
			try {
				room.removePeer(peer);
				rooms.release(room);
			} catch (error) {
				rooms.discard(room, error);
			}
		});
		if (fromIp > this.#options.maxConnectionsPerIp) return ws.close(CLOSE.tooManyConnections, 'too many connections from this address');
		const admitted = await admit({ request, pathname, access: this.#options.access, logger });
		if (!admitted.ok) return ws.close(admitted.code, admitted.reason);
		if (ws.readyState !== ws.OPEN) return;
		if (this.#connections.countOfAccount(admitted.value.accountId) >= this.#options.maxConnectionsPerAccount) {
			return ws.close(CLOSE.tooManyConnections, 'too many connections for this account');
		}
		connection = new SyncConnection({ ws, ...admitted.value });
		this.#connections.add(connection);
		const { sessionId, expiresAt } = admitted.value;
		expiry = watchSessionExpiry({ access: this.#options.access, sessionId, expiresAt, logger, close: (code, reason) => closeSocket(ws, code, reason) });
		try {
			room = await rooms.open(admitted.value.roomName);
		} catch (error) {
			logger.log('error', 'room load failed', { room: admitted.value.roomName, error: String(error) });
			return ws.close(CLOSE.unavailable, 'room unavailable');
		}
		if (ws.readyState !== ws.OPEN) return rooms.release(room);
		room.addPeer(peer);
		const joined = room;
		connection.leaveRoom = () => {
			connection.presence.clear();
			joined.removePeer(peer);
		};
		// A presence update held for the interval (presence.ts) is read again when it is due.
		connection.presence.onRelease = (frame) => this.#receive({ ws, room: joined, peer, connection }, Buffer.from(frame));
		try {
			for (const message of greetingMessages(room)) peer.send(message);
		} catch (error) {
			return rooms.discard(room, error);
		}
		for (const data of queued.splice(0)) this.#receive({ ws, room, peer, connection }, data);
	}

	#receive(target: Target, data: RawData): void {
		const { ws, room, peer, connection } = target;
		if (ws.readyState !== ws.OPEN) return;
		try {
			for (const reply of handleMessage(room, peer, toBytes(data), connection)) peer.send(reply);
		} catch (error) {
			if (error instanceof MalformedMessageError) {
				this.#options.logger.log('warn', 'malformed message', { room: room.name, error: error.message });
				return ws.close(CLOSE.malformed, 'malformed message');
			}
			if (error instanceof RoomFailure) return this.#options.rooms.discard(room, error);
			// A server bug must not take the process (and every other room) down: drop this socket.
			this.#options.logger.log('error', 'message handling failed', { room: room.name, error: String(error) });
			closeSocket(ws, CLOSE.unavailable, 'internal error');
		}
	}

	/** Sends unless the socket is closing; closes a socket whose reader fell too far behind. */
	#send(ws: WebSocket, message: Uint8Array): void {
		if (ws.readyState !== ws.OPEN) return;
		ws.send(message);
		// Output queued before this message: one large message (a big room's sync step 2) always goes out.
		if (ws.bufferedAmount - message.byteLength <= this.#options.maxBufferedBytes) return;
		this.#options.logger.log('warn', 'slow reader cut off', { buffered: ws.bufferedAmount });
		ws.close(CLOSE.backPressure, 'not reading');
		this.#cutOffWhenStalled(ws);
	}

	/**
	 * A reader that does not read will not read the close frame either: once its output has not
	 * shrunk for `stallCutOffMs`, destroy it and free its queue; a reader that drains gets until
	 * the grace ends to take the rest and the close frame.
	 */
	#cutOffWhenStalled(ws: WebSocket): void {
		const stallMs = this.#options.stallCutOffMs ?? STALL_CUT_OFF_MS;
		const deadline = Date.now() + (this.#options.cutOffGraceMs ?? CUT_OFF_GRACE_MS);
		let left = ws.bufferedAmount;
		const check = (): void => {
			if (ws.readyState === ws.CLOSED) return;
			const now = ws.bufferedAmount;
			if ((now > 0 && now >= left) || Date.now() >= deadline) {
				if (now > 0) this.#options.logger.log('warn', 'stalled reader destroyed', { buffered: now });
				return ws.terminate();
			}
			left = now;
			setTimeout(check, Math.max(0, Math.min(stallMs, deadline - Date.now()))).unref();
		};
		setTimeout(check, stallMs).unref();
	}
}

/** Closes a socket that may already be closing (or whose close throws): never throws. */
function closeSocket(ws: WebSocket, code: number, reason: string): void {
	try {
		if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
	} catch {
		ws.terminate();
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
