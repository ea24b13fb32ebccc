/**
 * The awareness rows of `bench:server`: what one cursor move costs on the wire, and how fast
 * cursor moves are relayed when every room has three people moving their carets at 10 Hz while
 * one of them edits.
 *
 * A move is the state the app's PresenceManager sends (`presence.svelte.ts`): colour, field path
 * and the caret as two Y.Text relative positions (`encodeSelection` of presence-fields.ts) in a
 * free-text field of the real layout, encoded as y-protocols awareness encodes it — what the
 * y-websocket provider puts on the wire (checked byte for byte against a real Awareness once;
 * the states of every caret position are prepared up front, so the load generator, which
 * shares the cores with the server, spends little on each move). Our server stamps the display name and role
 * (presence.ts); the reference relays what it gets, so its clients send the name and role
 * themselves (as an app on a plain server must): both relay the same JSON shape.
 *
 * Latency: each move's awareness clock indexes its send time (both servers relay the clock as
 * sent; every client lives in this process, one clock); a receiver reads only the client id and
 * clock of each relayed entry.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MESSAGE_AWARENESS, MESSAGE_ERROR } from '../../src/lib/sync/protocol.ts';
import { setSubjectText } from '../../src/lib/sync/bindings/subject.ts';
import { encodeSelection, textOfFieldPath } from '../../src/lib/sync/presence-fields.ts';
import { connectWireClient, waitSynced, type WireClient } from '../support/sync-wire-client.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { mapLimit, sleep, waitUntil, type Target } from './server-load.ts';

/** The free-text field the cursors move in (a long address, as people type it). */
const FIELD = 'correspondenceAddress.detail';
const FIELD_PATH = `subject.${FIELD}`;
const ADDRESS = '浙江省杭州市西湖区文三路 90 号东部软件园科技大厦 1201 室';
const MOVES = 40;

export interface CursorBytes {
	/** WebSocket payload of the awareness message another client receives per move, median. */
	relayed: number;
	relayedMax: number;
	/** Payload the moving client sends. */
	sent: number;
	/** One relayed state as JSON, for the reader of the table. */
	example: string;
}

export interface PresenceLoadOptions {
	rooms: number;
	/** Cursor moves per second of each client. */
	hz: number;
	/** Edits per second, all rooms together (one editor per room). */
	editRate: number;
	durationMs: number;
	warmupMs: number;
}

export interface PresenceLoadResult {
	connections: number;
	/** Send-to-receive latency of each move seen by another client, inside the measured period. */
	moveLatenciesMs: number[];
	editLatenciesMs: number[];
	/** Moves sent in the whole run, relayed copies expected (two other clients each) and received. */
	movesSent: number;
	movesExpected: number;
	movesReceived: number;
	/** Error messages the server answered moves with. */
	refused: number;
	/** Of each mover's last caret, the copies that reached the two others (a server may drop a superseded move, never the last). */
	lastSeen: number;
	lastExpected: number;
	cpuShare: number;
}

/** One person in a room: a raw client, its awareness clock, its state at each caret position, and the send time of each clock. */
interface Mover {
	client: WireClient;
	clientId: number;
	clock: number;
	/** The JSON state with the caret at each index of the address. */
	states: string[];
	sentAt: number[];
}

/** Our server stamps name and role; on the reference the client must send them. */
function claimsFor(target: Target): Record<string, string> {
	return target.name === 'ours' ? {} : { name: '压测', role: 'owner' };
}

/** The states of a caret at every index of `text`, as the app's PresenceManager sets them. */
function caretStates(text: Y.Text, claims: Record<string, string>): string[] {
	return Array.from({ length: text.length + 1 }, (_, i) => JSON.stringify({ colour: 1, field: FIELD_PATH, selection: encodeSelection(text, i, i), ...claims }));
}

/** An awareness message setting one client's state: `encodeAwarenessUpdate`'s layout. */
function awarenessMessage(clientId: number, clock: number, state: string): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, state);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
	return encoding.toUint8Array(encoder);
}

/** Throws unless {@link awarenessMessage} is what a real Awareness sends for the same state. */
function checkAgainstAwareness(doc: Y.Doc, state: string): void {
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState(JSON.parse(state));
	const clock = awareness.meta.get(doc.clientID)?.clock ?? 0;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
	awareness.destroy();
	if (!Buffer.from(encoding.toUint8Array(encoder)).equals(Buffer.from(awarenessMessage(doc.clientID, clock, state)))) throw new Error('the prepared awareness message differs from y-protocols');
}

/** Moves the caret to `index` (the next clock) and sends it: the clock and payload size sent. */
function move(mover: Mover, index: number): { clock: number; bytes: number } {
	const clock = ++mover.clock;
	const message = awarenessMessage(mover.clientId, clock, mover.states[index % mover.states.length] as string);
	mover.client.ws.send(message);
	return { clock, bytes: message.byteLength };
}

/** The (client id, clock) of each state a relayed awareness message sets; `null` for other messages. */
function relayedEntries(data: Uint8Array): { clientId: number; clock: number; state: Uint8Array }[] | null {
	const decoder = decoding.createDecoder(data);
	if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return null;
	const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
	const len = decoding.readVarUint(update);
	const entries = [];
	for (let i = 0; i < len; i++) entries.push({ clientId: decoding.readVarUint(update), clock: decoding.readVarUint(update), state: decoding.readVarUint8Array(update) });
	return entries;
}

function isError(data: Uint8Array): boolean {
	return data[0] === MESSAGE_ERROR;
}

/** Opens `count` movers on one room; the first writes the address into the real layout and all wait for it. */
async function openRoom(target: Target, url: string, headers: Record<string, string>, count: number, onMessage: (to: number, data: Uint8Array) => void): Promise<Mover[]> {
	const movers: Mover[] = [];
	for (let i = 0; i < count; i++) {
		const client = await connectWireClient({ url, headers, onFrame: (frame, data) => frame.direction === 'in' && onMessage(i, data) });
		await waitSynced(client);
		if (i === 0) setSubjectText(client.doc, FIELD, ADDRESS);
		movers.push({ client, clientId: client.doc.clientID, clock: 0, states: [], sentAt: [] });
	}
	await waitUntil(() => movers.every((m) => textOfFieldPath(m.client.doc, FIELD_PATH)?.length === ADDRESS.length), 30_000, 'the address at every client');
	for (const m of movers) m.states = caretStates(textOfFieldPath(m.client.doc, FIELD_PATH) as Y.Text, claimsFor(target));
	return movers;
}

function closeMovers(movers: Mover[]): void {
	for (const m of movers) {
		m.client.close();
		m.client.doc.destroy();
	}
}

export async function measureCursorBytes(target: Target, server: ServerProcess): Promise<CursorBytes> {
	const [room] = await target.rooms(server, 1, 'cursor');
	if (!room) throw new Error('no room');
	const sent: number[] = [];
	const relayed: number[] = [];
	let example = '';
	// The client id of the mover, once its room is open (nothing moves before).
	const watched = { id: -1 };
	const movers = await openRoom(target, room.url, room.headers, 2, (to, data) => {
		const own = to === 1 ? relayedEntries(data)?.find((e) => e.clientId === watched.id) : undefined;
		if (!own) return;
		relayed.push(data.byteLength);
		example = new TextDecoder().decode(own.state);
	});
	const from = movers[0];
	if (!from) throw new Error('no mover');
	watched.id = from.clientId;
	checkAgainstAwareness(from.client.doc, from.states[0] as string);
	await sleep(200);
	for (let i = 0; i < MOVES; i++) {
		const before = relayed.length;
		sent.push(move(from, i * 7).bytes);
		await waitUntil(() => relayed.length > before, 5000, 'the move at the other client');
		// Our server lets 10 moves a second through (PRES-3); the app sends fewer.
		await sleep(110);
	}
	closeMovers(movers);
	relayed.sort((a, b) => a - b);
	return { relayed: median(relayed), relayedMax: relayed.at(-1) ?? Number.NaN, sent: median(sent), example };
}

export async function runPresenceLoad(target: Target, server: ServerProcess, options: PresenceLoadOptions): Promise<PresenceLoadResult> {
	const access = await target.rooms(server, options.rooms, 'presence');
	const window = { from: Number.POSITIVE_INFINITY, until: Number.POSITIVE_INFINITY };
	const moveLatenciesMs: number[] = [];
	const editLatenciesMs: number[] = [];
	const counts = { movesSent: 0, movesReceived: 0, refused: 0 };
	const byClient = new Map<number, Mover>();
	/** `<receiver id>><mover id>` → the newest clock of that mover the receiver has seen. */
	const newestSeen = new Map<string, number>();
	const rooms = await mapLimit(access, 10, async ({ url, headers }) => {
		const movers: Mover[] = await openRoom(target, url, headers, 3, (to, data) => {
			if (isError(data)) {
				counts.refused++;
				return;
			}
			const now = performance.now();
			for (const { clientId, clock } of relayedEntries(data) ?? []) {
				const from = byClient.get(clientId);
				if (!from || from === movers[to]) continue;
				const at = from.sentAt[clock];
				if (at === undefined) continue;
				counts.movesReceived++;
				const key = `${movers[to]?.clientId}>${clientId}`;
				newestSeen.set(key, Math.max(newestSeen.get(key) ?? 0, clock));
				if (at >= window.from && at < window.until) moveLatenciesMs.push(now - at);
			}
		});
		for (const m of movers) byClient.set(m.clientId, m);
		return movers;
	});
	for (const movers of rooms) watchEdits(movers, window, editLatenciesMs);
	await sleep(1000);

	const timers: NodeJS.Timeout[] = [];
	const period = 1000 / options.hz;
	const all = rooms.flat();
	all.forEach((mover, i) => {
		let step = 0;
		const tick = () => {
			if (!mover.client.isOpen) return;
			counts.movesSent++;
			mover.sentAt[move(mover, step++).clock] = performance.now();
		};
		timers.push(setTimeout(() => timers.push(setInterval(tick, period)), (i * period) / all.length));
	});
	const editPeriod = (options.rooms / options.editRate) * 1000;
	rooms.forEach(([editor], i) => {
		if (!editor) return;
		const form = editor.client.doc.getMap<number>('form');
		timers.push(setTimeout(() => timers.push(setInterval(() => form.set('ts', performance.now()), editPeriod)), (i * editPeriod) / rooms.length));
	});

	await sleep(options.warmupMs);
	console.log(`  ${target.name}: measuring cursors`);
	const cpuBefore = server.cpuMs();
	window.from = performance.now();
	await sleep(options.durationMs);
	window.until = performance.now();
	const cpuShare = (server.cpuMs() - cpuBefore) / (window.until - window.from);
	for (const t of timers) clearTimeout(t);
	const movesExpected = counts.movesSent * 2;
	const lastExpected = all.length * 2;
	const lastSeen = () =>
		rooms.reduce((n, movers) => n + movers.reduce((k, from) => k + movers.filter((to) => to !== from && newestSeen.get(`${to.clientId}>${from.clientId}`) === from.clock).length, 0), 0);
	await waitUntil(() => lastSeen() >= lastExpected, 10_000, 'the last moves').catch(() => {});
	for (const movers of rooms) closeMovers(movers);
	return { connections: all.length, moveLatenciesMs, editLatenciesMs, movesSent: counts.movesSent, movesExpected, movesReceived: counts.movesReceived, refused: counts.refused, lastSeen: lastSeen(), lastExpected, cpuShare };
}

/** The two non-editing clients of a room record how long the editor's `ts` took to reach them. */
function watchEdits(movers: Mover[], window: { from: number; until: number }, latencies: number[]): void {
	for (const reader of movers.slice(1)) {
		const form = reader.client.doc.getMap<number>('form');
		let last = -1;
		reader.client.doc.on('update', () => {
			const stamp = form.get('ts');
			if (typeof stamp !== 'number' || stamp === last) return;
			last = stamp;
			if (stamp >= window.from && stamp < window.until) latencies.push(performance.now() - stamp);
		});
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}
