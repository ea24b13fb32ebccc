/**
 * Wire bytes of `bench:server`, counted as WebSocket payload (no framing) by the raw protocol
 * client: the update message of a single-field edit in a room holding the 40-field form, and
 * everything exchanged when an up-to-date client reconnects (the diff is empty).
 */
import * as Y from 'yjs';
import { connectWireClient, type Frame, type WireClient } from '../support/sync-wire-client.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { seedForm, sleep, waitUntil, type Target } from './server-load.ts';

export interface EditBytes {
	/** Payload of the update message the other client receives, median over the edits. */
	relayed: number;
	relayedMax: number;
	/** Payload the writer sends. */
	sent: number;
	/** What else the writer receives per edit (ours: the persisted message; reference: its own echo). */
	backToWriter: string;
}

export interface HandshakeBytes {
	total: number;
	detail: string;
}

const NAMES = ['Zhang San', 'Li Si Wu', 'Wang Wu W', 'Zhao Liu Z', 'Sun Qi Sun'];
const EDITS = 25;

export async function measureEditBytes(target: Target, server: ServerProcess): Promise<EditBytes> {
	const [room] = await target.rooms(server, 1, 'edit');
	if (!room) throw new Error('no room');
	const { url, headers } = room;
	const writerFrames: Frame[] = [];
	const readerFrames: Frame[] = [];
	const writer = await connectWireClient({ url, headers, onFrame: (f) => writerFrames.push(f) });
	await writer.synced;
	seedForm(writer.doc);
	const reader = await connectWireClient({ url, headers, onFrame: (f) => readerFrames.push(f) });
	const readerForm = reader.doc.getMap('form');
	await waitUntil(() => readerForm.size >= 40, 10_000, 'the seeded form at the reader');
	await sleep(300);

	const relayed: number[] = [];
	const sent: number[] = [];
	const back = new Map<string, number[]>();
	for (let i = 0; i < EDITS; i++) {
		writerFrames.length = 0;
		readerFrames.length = 0;
		const value = NAMES[i % NAMES.length] as string;
		const field = `field${String(i % 40).padStart(2, '0')}`;
		writer.doc.getMap('form').set(field, value);
		await waitUntil(() => readerForm.get(field) === value, 5000, 'the edit at the reader');
		await sleep(40);
		relayed.push(...readerFrames.filter((f) => f.direction === 'in' && f.kind === 'update').map((f) => f.bytes));
		sent.push(...writerFrames.filter((f) => f.direction === 'out' && f.kind === 'update').map((f) => f.bytes));
		for (const f of writerFrames.filter((f) => f.direction === 'in')) back.set(f.kind, [...(back.get(f.kind) ?? []), f.bytes]);
	}
	close(writer, reader);
	relayed.sort((a, b) => a - b);
	sent.sort((a, b) => a - b);
	const backToWriter = [...back].map(([kind, sizes]) => `${kind} ${median(sizes)} B × ${(sizes.length / EDITS).toFixed(1)}`).join(', ');
	return { relayed: median(relayed), relayedMax: relayed.at(-1) ?? Number.NaN, sent: median(sent), backToWriter: backToWriter || 'nothing' };
}

export async function measureReconnectBytes(target: Target, server: ServerProcess): Promise<HandshakeBytes> {
	const [room] = await target.rooms(server, 1, 'reconnect');
	if (!room) throw new Error('no room');
	const { url, headers } = room;
	const owner = await connectWireClient({ url, headers });
	await owner.synced;
	seedForm(owner.doc);
	const doc = new Y.Doc();
	const first = await connectWireClient({ url, headers, doc });
	await waitUntil(() => doc.getMap('form').size >= 40, 10_000, 'the form at the client');
	await sleep(300);
	first.close();
	await first.closed;

	const frames: Frame[] = [];
	let last = performance.now();
	const again = await connectWireClient({
		url,
		headers,
		doc,
		onFrame: (f) => {
			frames.push(f);
			last = performance.now();
		}
	});
	await again.synced;
	// The handshake is over once nothing moved for 300 ms.
	await waitUntil(() => performance.now() - last > 300, 10_000, 'a quiet connection');
	close(again, owner);
	const total = frames.reduce((sum, f) => sum + f.bytes, 0);
	const detail = frames.map((f) => `${f.direction === 'in' ? '←' : '→'}${f.kind} ${f.bytes}`).join(', ');
	return { total, detail };
}

function close(...clients: WireClient[]): void {
	for (const c of clients) {
		c.close();
		c.doc.destroy();
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}
