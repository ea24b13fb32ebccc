/**
 * The `/sync/<room>` WebSocket endpoint: accepts the upgrade, checks the room name with the
 * domain's ROOM-1 rule, and wires the socket to its room. A bad frame closes only its own
 * connection (CLOSE.malformed); `ws` closes oversized frames with 1009 itself.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { parseRoomName } from '../../../src/lib/domain/workspace/room.ts';
import { CLOSE, SYNC_PATH } from '../../../src/lib/sync/protocol.ts';
import type { Logger } from '../log.ts';
import { greetingMessages, handleMessage, MalformedMessageError } from './connection.ts';
import type { Peer, Room } from './room.ts';
import type { Rooms } from './rooms.ts';

export interface SyncEndpointOptions {
	rooms: Rooms;
	logger: Logger;
	maxPayload: number;
}

export class SyncEndpoint {
	#wss: WebSocketServer;
	#options: SyncEndpointOptions;

	constructor(options: SyncEndpointOptions) {
		this.#options = options;
		this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false });
	}

	/** Whether an upgrade request is for this endpoint. */
	matches(pathname: string): boolean {
		return pathname === SYNC_PATH || pathname.startsWith(SYNC_PATH + '/');
	}

	/** Completes the upgrade and serves the socket. */
	upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, pathname: string): void {
		this.#wss.handleUpgrade(request, socket, head, (ws) => {
			const room = parseRoomName(decodeURIComponent(pathname.slice(SYNC_PATH.length + 1)));
			if (!room.ok) {
				ws.close(CLOSE.unknownRoom, 'unknown room');
				return;
			}
			void this.#serve(ws, room.value);
		});
	}

	/** Closes every socket with "going away". */
	closeAll(): void {
		for (const ws of this.#wss.clients) ws.close(CLOSE.goingAway, 'server shutting down');
		this.#wss.close();
	}

	async #serve(ws: WebSocket, roomName: string): Promise<void> {
		const { logger, rooms } = this.#options;
		const queued: RawData[] = [];
		let room: Room | null = null;
		const peer: Peer = { send: (message) => ws.readyState === ws.OPEN && ws.send(message) };
		ws.on('error', (error) => logger.log('warn', 'socket error', { room: roomName, error: error.message }));
		ws.on('message', (data) => (room ? this.#receive(ws, room, peer, data) : queued.push(data)));
		ws.on('close', () => {
			if (!room) return;
			room.removePeer(peer);
			rooms.release(room);
		});
		try {
			room = await rooms.open(roomName);
		} catch (error) {
			logger.log('error', 'room load failed', { room: roomName, error: String(error) });
			ws.close(1011, 'room unavailable');
			return;
		}
		if (ws.readyState !== ws.OPEN) return rooms.release(room);
		room.peers.set(peer, new Set());
		for (const message of greetingMessages(room)) peer.send(message);
		for (const data of queued.splice(0)) this.#receive(ws, room, peer, data);
	}

	#receive(ws: WebSocket, room: Room, peer: Peer, data: RawData): void {
		if (ws.readyState !== ws.OPEN) return;
		try {
			for (const reply of handleMessage(room, peer, toBytes(data))) {
				peer.send(reply);
			}
		} catch (error) {
			if (!(error instanceof MalformedMessageError)) throw error;
			this.#options.logger.log('warn', 'malformed message', { room: room.name, error: error.message });
			ws.close(CLOSE.malformed, 'malformed message');
		}
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
