/**
 * Crash harness: the real server process (`node sync-server/src/main.ts`, env only) is killed
 * with SIGKILL at a seeded random moment while clients write, restarted on the same data
 * folder, and a fresh client checks that every write the server had acknowledged as durable
 * is still there. Each room is the workspace of a subject bound to a fresh account, signed up
 * through the real API; its clients send that account's session cookie.
 *
 * Each write sets its own key (`<client>:<n>`) in the room's `w` map. A write is
 * acknowledged iff a "persisted" message from the server covered the writer's clock after
 * that write (checked with the app's own `isCovered`). Clients never reconnect after the kill:
 * a client re-sending its state would heal lost data and hide the loss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { isCovered } from '../../src/lib/sync/persisted.ts';
import { createPrng, formatSeed, type Prng } from './prng.ts';
import { signUpWithSubject } from './server.ts';
import { spawnOurServer, type ServerProcess } from './server-process.ts';
import { connectWireClient, waitSynced, type WireClient } from './sync-wire-client.ts';

/** Explicit limits for the crash server: writers send hundreds of messages a second. */
const CRASH_ENV = {
	LOG_LEVEL: 'warn',
	REGISTER_LIMIT_PER_IP: '100000/60',
	SIGNIN_LIMIT_PER_IP: '100000/60',
	SYNC_MESSAGES_PER_SECOND: '20000',
	SYNC_MESSAGE_BURST: '40000'
};

export interface CrashOptions {
	seed: number;
	rounds: number;
	/** Writers per round (spread over the round's rooms). */
	clients?: number;
	rooms?: number;
	/** The kill comes this many ms after the writers started: [min, max]. */
	killAfterMs?: [number, number];
	/** Upper bound of writes per client per round (keeps every loop bounded). */
	maxWritesPerClient?: number;
	onRound?: (round: RoundReport) => void;
	/** More server settings (e.g. `DATABASE_URL`: the same rounds against PostgreSQL). */
	env?: Record<string, string>;
}

export interface LostWrite {
	room: string;
	key: string;
}

export interface RoundReport {
	round: number;
	killedAfterMs: number;
	written: number;
	acknowledged: number;
	/** Whether the restarted server was killed once more while loading the round's rooms. */
	killedDuringLoad: boolean;
	/** Unacknowledged writes that survived anyway (allowed; informative). */
	survivedUnacknowledged: number;
	lost: LostWrite[];
	durationMs: number;
}

export interface CrashReport {
	seed: number;
	rounds: RoundReport[];
	/** Acknowledged writes of every round missing after a final restart. */
	lostAtEnd: LostWrite[];
}

interface Write {
	key: string;
	clock: number;
}

/** A room and the session cookie of the account that owns its subject. */
interface RoomAccess {
	room: string;
	cookie: string;
}

interface Writer {
	room: string;
	tag: string;
	client: WireClient;
	writes: Write[];
	acknowledged: number;
}

/** Runs every round; always kills the server and removes the data folder, even on failure. */
export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
	const prng = createPrng(options.seed);
	const dataDir = mkdtempSync(join(tmpdir(), 'beian-crash-'));
	let server: ServerProcess | null = null;
	const report: CrashReport = { seed: options.seed, rounds: [], lostAtEnd: [] };
	const acknowledgedByRoom = new Map<string, Map<string, string>>();
	const rooms: RoomAccess[] = [];
	const start = () => spawnOurServer({ dataDir, env: { ...CRASH_ENV, ...options.env } });
	try {
		server = await start();
		for (let round = 0; round < options.rounds; round++) {
			const started = performance.now();
			const roundRooms = await createRooms(server, options.rooms ?? 2);
			rooms.push(...roundRooms);
			const result = await crashRound(server, roundRooms, prng.fork(), options, acknowledgedByRoom);
			server = await start();
			// Half the rounds kill again while the restarted server loads (and compacts) the rooms.
			const killedDuringLoad = prng.chance(0.5);
			if (killedDuringLoad) server = await killWhileLoading(server, roundRooms, prng.int(0, 40), start);
			const lost = await findLost(server, acknowledgedByRoom, roundRooms);
			const roundReport = { round, ...result, killedDuringLoad, survivedUnacknowledged: lost.survived, lost: lost.lost, durationMs: performance.now() - started };
			report.rounds.push(roundReport);
			options.onRound?.(roundReport);
		}
		await server.stop('SIGTERM');
		server = await start();
		report.lostAtEnd = (await findLost(server, acknowledgedByRoom, rooms)).lost;
		return report;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new Error(`seed ${formatSeed(options.seed)}, round ${report.rounds.length + 1}: ${message}`, { cause: error });
	} finally {
		await server?.stop('SIGKILL');
		rmSync(dataDir, { recursive: true, force: true });
	}
}

/** The assertion message for a report with losses: the seed and the first missing keys. */
export function describeLosses(report: CrashReport): string {
	const lost = [...report.rounds.flatMap((r) => r.lost), ...report.lostAtEnd];
	const sample = lost.slice(0, 10).map((l) => `${l.room}/${l.key}`).join(', ');
	return `seed ${formatSeed(report.seed)}: ${lost.length} acknowledged writes lost (${sample})`;
}

/** Signs up one account per room and binds a subject to it; its workspace is the room. */
async function createRooms(server: ServerProcess, count: number): Promise<RoomAccess[]> {
	const rooms: RoomAccess[] = [];
	for (let i = 0; i < count; i++) {
		const owner = await signUpWithSubject({ url: server.httpOrigin }, '崩溃测试');
		rooms.push({ room: owner.workspaceRoom, cookie: owner.cookie });
	}
	return rooms;
}

function connectTo(server: ServerProcess, access: RoomAccess, onPersisted?: (sv: Uint8Array) => void): Promise<WireClient> {
	const headers = { origin: server.httpOrigin, cookie: access.cookie };
	return connectWireClient({ url: `${server.wsOrigin}/sync/${access.room}`, headers, onPersisted });
}

async function crashRound(server: ServerProcess, rooms: RoomAccess[], prng: Prng, options: CrashOptions, acknowledgedByRoom: Map<string, Map<string, string>>) {
	const writers: Writer[] = [];
	for (let i = 0; i < (options.clients ?? 4); i++) {
		const access = rooms[i % rooms.length] as RoomAccess;
		const writer: Writer = { room: access.room, tag: `c${i}`, client: null as unknown as WireClient, writes: [], acknowledged: 0 };
		writer.client = await connectTo(server, access, (sv) => markAcknowledged(writer, sv));
		writers.push(writer);
	}
	await Promise.all(writers.map((w) => waitSynced(w.client)));

	const [min, max] = options.killAfterMs ?? [80, 500];
	const killedAfterMs = prng.int(min, max);
	const loops = writers.map((w) => writeLoop(w, prng.fork(), options.maxWritesPerClient ?? 5000));
	await sleep(killedAfterMs);
	await server.stop('SIGKILL');
	await Promise.all(writers.map((w) => w.client.closed));
	await Promise.all(loops);

	let written = 0;
	let acknowledged = 0;
	for (const w of writers) {
		written += w.writes.length;
		acknowledged += w.acknowledged;
		const known = acknowledgedByRoom.get(w.room) ?? new Map<string, string>();
		for (const write of w.writes.slice(0, w.acknowledged)) known.set(write.key, valueOf(write.key));
		acknowledgedByRoom.set(w.room, known);
	}
	return { killedAfterMs, written, acknowledged };
}

/** Writes until the socket closes or the bound is reached: 1–4 keys per transaction, short random pauses. */
async function writeLoop(writer: Writer, prng: Prng, maxWrites: number): Promise<void> {
	const { doc } = writer.client;
	const map = doc.getMap<string>('w');
	while (writer.client.isOpen && writer.writes.length < maxWrites) {
		const batch = prng.int(1, 4);
		const keys = Array.from({ length: batch }, (_, i) => `${writer.tag}:${writer.writes.length + i}`);
		doc.transact(() => {
			for (const key of keys) map.set(key, valueOf(key));
		});
		const clock = Y.getState(doc.store, doc.clientID);
		for (const key of keys) writer.writes.push({ key, clock });
		await sleep(prng.chance(0.3) ? 0 : prng.int(1, 3));
	}
}

function markAcknowledged(writer: Writer, durable: Uint8Array): void {
	const clientID = writer.client?.doc.clientID;
	if (clientID === undefined) return;
	while (writer.acknowledged < writer.writes.length) {
		const write = writer.writes[writer.acknowledged] as Write;
		if (!isCovered(stateVectorOf(clientID, write.clock), durable)) break;
		writer.acknowledged++;
	}
}

/**
 * Connects to every room (so the server loads them — compacting long logs) and SIGKILLs the
 * server `afterMs` later, then starts it again.
 */
async function killWhileLoading(server: ServerProcess, rooms: RoomAccess[], afterMs: number, start: () => Promise<ServerProcess>): Promise<ServerProcess> {
	const clients = rooms.map((access) => connectTo(server, access).catch(() => null));
	await sleep(afterMs);
	await server.stop('SIGKILL');
	for (const client of await Promise.all(clients)) {
		client?.close();
		client?.doc.destroy();
	}
	return start();
}

/** For each room, every acknowledged key missing or wrong in a fresh client's copy. */
async function findLost(server: ServerProcess, acknowledgedByRoom: Map<string, Map<string, string>>, rooms: RoomAccess[]): Promise<{ lost: LostWrite[]; survived: number }> {
	const lost: LostWrite[] = [];
	let survived = 0;
	for (const access of rooms) {
		const { room } = access;
		const fresh = await connectTo(server, access);
		try {
			await waitSynced(fresh);
			const map = fresh.doc.getMap<string>('w');
			const acknowledged = acknowledgedByRoom.get(room) ?? new Map<string, string>();
			for (const [key, value] of acknowledged) if (map.get(key) !== value) lost.push({ room, key });
			for (const key of map.keys()) if (!acknowledged.has(key)) survived++;
		} finally {
			fresh.close();
			fresh.doc.destroy();
		}
	}
	return { lost, survived };
}

function valueOf(key: string): string {
	return `值-${key}`;
}

function stateVectorOf(clientID: number, clock: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, clientID);
	encoding.writeVarUint(encoder, clock);
	return encoding.toUint8Array(encoder);
}

function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}
