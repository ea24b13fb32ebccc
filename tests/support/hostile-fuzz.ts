/**
 * Seeded fuzz of hostile frames (issue 7) against a real server (in process, SQLite in a
 * temporary folder): a few lanes, each an attacker socket of the victim subject's owner or
 * viewer in its workspace or facts room, send random bytes, truncated and mutated valid
 * messages, deep JSON, huge varint lengths, unused content kinds and some valid updates. After
 * each frame a lane sends a query-awareness probe and waits for the answer or the close, so
 * every frame is processed before the next; a closed socket is reopened.
 *
 * Throughout, a second tenant (its own account and subject, two raw clients that never
 * reconnect) must keep syncing: every `CHECK_EVERY` frames one of its edits must be relayed and
 * acknowledged as durable. At the end the victim's room must still serve a fresh client.
 */
import * as Y from 'yjs';
import { isCovered } from '../../src/lib/sync/persisted.ts';
import { CLOSE } from '../../src/lib/sync/protocol.ts';
import { hostileFrame, validFrames, type HostileKind } from './hostile-frames.ts';
import { createPrng, formatSeed, type Prng } from './prng.ts';
import { openRawSocket, type RawSocket } from './raw-socket.ts';
import { addMember, connectClient, signUpWithSubject, startTestServer, waitFor, type ServerAddress } from './server.ts';
import { connectWireClient, waitSynced, type WireClient } from './sync-wire-client.ts';

export interface HostileFuzzOptions {
	seed: number;
	frames: number;
	lanes?: number;
}

export interface HostileFuzzResult {
	seed: number;
	/** Frames sent, by kind. */
	kinds: Partial<Record<HostileKind, number>>;
	/** How the server answered: `open` (socket stayed open), `error:<code>` (MESSAGE_ERROR), `close:<code>`. */
	outcomes: Record<string, number>;
	bystanderChecks: number;
	durationMs: number;
}

/** Close codes a hostile frame may earn: malformed, a room failure (reload), rate limits. */
const EXPECTED_CLOSE = new Set<number>([CLOSE.malformed, CLOSE.unavailable, CLOSE.rateLimited]);
const CHECK_EVERY = 250;
const PROBE_TIMEOUT_MS = 10_000;

interface Target {
	room: string;
	cookie: string;
}

export async function runHostileFuzz(options: HostileFuzzOptions): Promise<HostileFuzzResult> {
	const started = performance.now();
	const prng = createPrng(options.seed);
	const server = await startTestServer();
	const address = server.server;
	const wires: WireClient[] = [];
	const fail = (message: string) => new Error(`seed ${formatSeed(options.seed)}: ${message}`);
	try {
		const victim = await signUpWithSubject(address);
		const viewer = await addMember(address, victim, 'viewer');
		const targets: Target[] = [
			{ room: victim.workspaceRoom, cookie: victim.cookie },
			{ room: victim.workspaceRoom, cookie: viewer.cookie },
			{ room: victim.factsRoom, cookie: victim.cookie }
		];
		const tenant = await signUpWithSubject(address, '第二租户');
		for (let i = 0; i < 2; i++) wires.push(await connectWireClient({ url: wsUrl(address, tenant.workspaceRoom), headers: headersOf(address, tenant.cookie) }));
		await Promise.all(wires.map((w) => waitSynced(w)));
		const [writer, reader] = wires as [WireClient, WireClient];

		const result: HostileFuzzResult = { seed: options.seed, kinds: {}, outcomes: {}, bystanderChecks: 0, durationMs: 0 };
		const valid = validFrames();
		let sent = 0;
		let checking: Promise<void> = Promise.resolve();
		const check = async () => {
			if (!writer.isOpen || !reader.isOpen) throw fail(`after ${sent} frames the second tenant was disconnected`);
			const value = `check ${++result.bystanderChecks}`;
			writer.doc.getMap('subject').set('probe', value);
			try {
				await waitFor(() => reader.doc.getMap('subject').get('probe') === value, 10_000, 'relay');
				await waitFor(() => writer.durable !== null && isCovered(Y.encodeStateVector(writer.doc), writer.durable), 10_000, 'ack');
			} catch (error) {
				throw fail(`after ${sent} frames the second tenant stopped syncing (${String(error)})`);
			}
		};
		const lane = async (lanePrng: Prng) => {
			let socket: RawSocket | null = null;
			while (sent < options.frames) {
				if (!socket?.isOpen) {
					const target = lanePrng.pick(targets);
					socket = await openRawSocket(wsUrl(address, target.room), headersOf(address, target.cookie));
				}
				const { kind, frame } = hostileFrame(lanePrng, valid);
				// This frame's number, kept: the other lanes move `sent` on while this one awaits.
				const number = ++sent;
				result.kinds[kind] = (result.kinds[kind] ?? 0) + 1;
				const errorsBefore = socket.errors.length;
				socket.send(frame);
				socket.send(new Uint8Array([3])); // query awareness: answered once the frame was handled
				const answered = await withTimeout(socket.nextAwareness(), PROBE_TIMEOUT_MS, () => fail(`no answer to a ${kind} frame`));
				const outcome = answered ? (socket.errors.length > errorsBefore ? `error:${socket.errors.at(-1)}` : 'open') : `close:${await socket.closed}`;
				result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
				if (!answered) {
					const code = await socket.closed;
					if (!EXPECTED_CLOSE.has(code)) throw fail(`a ${kind} frame closed its socket with ${code}`);
				}
				if (number % CHECK_EVERY === 0) await (checking = checking.then(check));
			}
			socket?.ws.close();
		};
		await Promise.all(Array.from({ length: options.lanes ?? 3 }, () => lane(prng.fork())));
		await checking;
		await check();

		// The victim's room still serves: a fresh client syncs, and its edit is acknowledged.
		const fresh = connectClient(address, victim.workspaceRoom, { cookie: victim.cookie });
		try {
			await waitFor(() => fresh.provider.synced, 10_000, 'a fresh client in the victim room');
			fresh.doc.getMap('subject').set('after-fuzz', true);
			await waitFor(() => fresh.saved, 10_000, 'an edit in the victim room acknowledged');
		} finally {
			fresh.destroy();
		}
		result.durationMs = performance.now() - started;
		return result;
	} finally {
		for (const w of wires) w.close();
		await server.dispose();
	}
}

const wsUrl = (server: ServerAddress, room: string) => `${server.url.replace('http', 'ws')}/sync/${room}`;
const headersOf = (server: ServerAddress, cookie: string) => ({ origin: server.url, cookie });

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms)))]).finally(() => clearTimeout(timer));
}
