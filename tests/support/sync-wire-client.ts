/**
 * A minimal y-websocket protocol client on a raw `ws` socket, for the crash harness and the
 * server benchmark: it speaks exactly what the y-websocket provider speaks on connect (sync
 * step 1; no awareness unless asked), applies sync step 2 and updates, answers step 1, reads
 * Beian's "persisted" message — and never reconnects, so a test decides when a client comes
 * back (a provider reconnecting after a crash would heal lost data and hide the loss).
 *
 * Every frame in either direction is reported to `onFrame` with its WebSocket payload size.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_PERSISTED, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../src/lib/sync/protocol.ts';

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type FrameKind = 'step1' | 'step2' | 'update' | 'awareness' | 'persisted' | 'other';

export interface Frame {
	direction: 'in' | 'out';
	kind: FrameKind;
	bytes: number;
}

export interface WireClientOptions {
	/** Full WebSocket URL of the room (ours: `ws://host:port/sync/<room>`, reference: `ws://host:port/<room>`). */
	url: string;
	doc?: Y.Doc;
	/** Extra upgrade headers (cookie, origin). */
	headers?: Record<string, string>;
	onFrame?: (frame: Frame, data: Uint8Array) => void;
	/** Called with each durable state vector the server announces. */
	onPersisted?: (stateVector: Uint8Array) => void;
	/** Called after a remote update was applied to the doc. */
	onRemoteUpdate?: (update: Uint8Array) => void;
	/**
	 * What to answer the server's sync step 1 with (default: everything of the doc the server's
	 * state vector lacks). The crash test across nodes sends only its own unacknowledged edits,
	 * so a reconnect can never heal an acknowledged edit the server lost.
	 */
	answerStep1?: (serverStateVector: Uint8Array) => Uint8Array;
}

export interface WireClient {
	readonly doc: Y.Doc;
	readonly ws: WebSocket;
	/** Resolves when the server's sync step 2 has been applied. */
	readonly synced: Promise<void>;
	/** Resolves with the close code. */
	readonly closed: Promise<number>;
	/** The latest durable state vector the server announced; null before the first. */
	readonly durable: Uint8Array | null;
	readonly isOpen: boolean;
	close(): void;
}

const REMOTE = Symbol('remote');

export function kindOf(data: Uint8Array): FrameKind {
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	if (type === MESSAGE_AWARENESS) return 'awareness';
	if (type === MESSAGE_PERSISTED) return 'persisted';
	if (type !== MESSAGE_SYNC) return 'other';
	const step = decoding.readVarUint(decoder);
	return step === SYNC_STEP1 ? 'step1' : step === SYNC_STEP2 ? 'step2' : step === SYNC_UPDATE ? 'update' : 'other';
}

export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** Opens the socket; resolves once it is open (rejects if the upgrade fails). */
export function connectWireClient(options: WireClientOptions): Promise<WireClient> {
	const doc = options.doc ?? new Y.Doc();
	const ws = new WebSocket(options.url, { headers: options.headers, perMessageDeflate: false });
	let durable: Uint8Array | null = null;
	let markSynced: () => void = () => {};
	const synced = new Promise<void>((done) => (markSynced = done));
	const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));

	const send = (data: Uint8Array) => {
		if (ws.readyState !== WebSocket.OPEN) return;
		options.onFrame?.({ direction: 'out', kind: kindOf(data), bytes: data.byteLength }, data);
		ws.send(data);
	};
	const onLocalUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin !== REMOTE) send(syncMessage(SYNC_UPDATE, update));
	};
	doc.on('update', onLocalUpdate);
	ws.once('close', () => doc.off('update', onLocalUpdate));

	ws.on('message', (raw: Buffer) => {
		const data = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
		const kind = kindOf(data);
		options.onFrame?.({ direction: 'in', kind, bytes: data.byteLength }, data);
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_PERSISTED) {
			durable = decoding.readVarUint8Array(decoder).slice();
			options.onPersisted?.(durable);
			return;
		}
		if (type === MESSAGE_QUERY_AWARENESS || type !== MESSAGE_SYNC) return;
		const step = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (step === SYNC_STEP1) {
			send(syncMessage(SYNC_STEP2, options.answerStep1?.(payload) ?? Y.encodeStateAsUpdate(doc, payload)));
			return;
		}
		Y.applyUpdate(doc, payload, REMOTE);
		if (step === SYNC_STEP2) markSynced();
		else options.onRemoteUpdate?.(payload);
	});

	return new Promise((resolve, reject) => {
		ws.once('error', reject);
		ws.once('open', () => {
			ws.off('error', reject);
			ws.on('error', () => {});
			send(syncMessage(SYNC_STEP1, Y.encodeStateVector(doc)));
			resolve({
				doc,
				ws,
				synced,
				closed,
				get durable() {
					return durable;
				},
				get isOpen() {
					return ws.readyState === WebSocket.OPEN;
				},
				close: () => ws.close()
			});
		});
	});
}

/** Resolves once `client` synced; rejects if the server closes it first (with the code) or after `timeoutMs`. */
export function waitSynced(client: WireClient, timeoutMs = 10_000): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	return Promise.race([
		client.synced,
		client.closed.then((code) => Promise.reject(new Error(`closed with ${code} before sync`))),
		new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not synced within ${timeoutMs} ms`)), timeoutMs)))
	]).finally(() => clearTimeout(timer));
}
