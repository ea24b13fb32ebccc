/**
 * A bare `ws` socket to a sync room (no y-websocket client, no reconnects), for hostile-frame
 * tests: it records every frame it receives and the `MESSAGE_ERROR` codes among them, and can
 * stop reading (pausing its TCP socket) to play a client that never reads.
 */
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import { MESSAGE_AWARENESS, MESSAGE_ERROR } from '../../src/lib/sync/protocol.ts';

export interface RawSocket {
	readonly ws: WebSocket;
	/** Resolves with the close code. */
	readonly closed: Promise<number>;
	readonly received: Uint8Array[];
	/** `MESSAGE_ERROR` codes received, in order. */
	readonly errors: string[];
	readonly isOpen: boolean;
	send(frame: Uint8Array): void;
	/** Stops reading from the TCP socket (the server's output backs up), or resumes. */
	pause(): void;
	resume(): void;
	/** Resolves with the next awareness message, or null when the socket closes first. */
	nextAwareness(): Promise<Uint8Array | null>;
}

export function openRawSocket(url: string, headers: Record<string, string>): Promise<RawSocket> {
	const ws = new WebSocket(url, { headers, perMessageDeflate: false });
	const received: Uint8Array[] = [];
	const errors: string[] = [];
	let awarenessWaiters: ((frame: Uint8Array | null) => void)[] = [];
	ws.on('message', (data: Buffer) => {
		const frame = new Uint8Array(data);
		received.push(frame);
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_ERROR) errors.push(decoding.readVarString(decoder));
		if (type === MESSAGE_AWARENESS) for (const done of awarenessWaiters.splice(0)) done(frame);
	});
	const closed = new Promise<number>((done) =>
		ws.on('close', (code) => {
			for (const waiter of awarenessWaiters.splice(0)) waiter(null);
			awarenessWaiters = [];
			done(code);
		})
	);
	const tcp = () => (ws as unknown as { _socket: Socket })._socket;
	return new Promise((resolve, reject) => {
		ws.once('error', reject);
		ws.once('open', () => {
			ws.off('error', reject);
			ws.on('error', () => {});
			resolve({
				ws,
				closed,
				received,
				errors,
				get isOpen() {
					return ws.readyState === WebSocket.OPEN;
				},
				send: (frame) => {
					if (ws.readyState === WebSocket.OPEN) ws.send(frame);
				},
				pause: () => tcp().pause(),
				resume: () => tcp().resume(),
				nextAwareness: () =>
					ws.readyState === WebSocket.OPEN ? new Promise((done) => awarenessWaiters.push(done)) : Promise.resolve(null)
			});
		});
	});
}
