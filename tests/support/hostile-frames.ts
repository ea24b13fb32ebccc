/**
 * Hostile sync frames, built byte by byte the way an attacker with an ordinary account would:
 * the deep-awareness crash frame and the deep-ContentJSON poison update of issue 7, updates
 * with content kinds the layout never uses, huge varint lengths, and a seeded generator of
 * random, truncated and mutated frames for the hostile-frame fuzz.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../src/lib/sync/protocol.ts';
import { syncMessage } from './sync-wire-client.ts';
import type { Prng } from './prng.ts';

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** `[[[…]]]` nested `depth` deep: 2 bytes a level (50,000 deep ≈ 100 KB). */
export function deepJson(depth: number): string {
	return '['.repeat(depth) + ']'.repeat(depth);
}

/** A sync frame `[MESSAGE_SYNC, step, payload]`: the wire client's encoder, under the name these tests use. */
export const syncFrame = syncMessage;

/** An awareness update setting one client's state to the JSON text `state`. */
export function awarenessFrame(clientId: number, clock: number, state: string): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, 1);
	encoding.writeVarUint(inner, clientId);
	encoding.writeVarUint(inner, clock);
	encoding.writeVarString(inner, state);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
	return encoding.toUint8Array(encoder);
}

export function queryAwarenessFrame(): Uint8Array {
	return new Uint8Array([MESSAGE_QUERY_AWARENESS]);
}

/**
 * A V1 update with one item under root map `root`, key `key`, whose content is written by
 * `writeContent` after the info byte `contentRef` (yjs content refs: 2 JSON, 3 Binary, 5 Embed,
 * 6 Format, 7 Type, 8 Any, 9 Doc).
 */
export function itemUpdate(client: number, clock: number, root: string, key: string, contentRef: number, writeContent: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1); // clients
	encoding.writeVarUint(e, 1); // structs
	encoding.writeVarUint(e, client);
	encoding.writeVarUint(e, clock);
	encoding.writeUint8(e, contentRef | 0x20); // no origins, has a parent sub (map key)
	encoding.writeVarUint(e, 1); // parent is a root type, by name
	encoding.writeVarString(e, root);
	encoding.writeVarString(e, key);
	writeContent(e);
	encoding.writeVarUint(e, 0); // empty delete set
	return encoding.toUint8Array(e);
}

/** The poison update of issue 7: a ContentJSON map value nested `depth` deep. */
export function deepContentJsonUpdate(client: number, depth: number, root = 'subject'): Uint8Array {
	return itemUpdate(client, 0, root, 'poison', 2, (e) => {
		encoding.writeVarUint(e, 1);
		encoding.writeVarString(e, deepJson(depth));
	});
}

/** A ContentAny map value: arrays nested `depth` deep (lib0 any encoding). */
export function deepContentAnyUpdate(client: number, depth: number): Uint8Array {
	return itemUpdate(client, 0, 'subject', 'deep', 8, (e) => {
		encoding.writeVarUint(e, 1);
		for (let i = 0; i < depth; i++) {
			encoding.writeUint8(e, 117);
			encoding.writeVarUint(e, i === depth - 1 ? 0 : 1);
		}
	});
}

/** A well-formed update with a content kind the layout never uses. */
export function unusedKindUpdate(client: number, kind: 'binary' | 'embed' | 'format' | 'doc' | 'xml' | 'bytes'): Uint8Array {
	switch (kind) {
		case 'binary':
			return itemUpdate(client, 0, 'subject', 'k', 3, (e) => encoding.writeVarUint8Array(e, new Uint8Array(16)));
		case 'embed':
			return itemUpdate(client, 0, 'subject', 'k', 5, (e) => encoding.writeVarString(e, '{"x":1}'));
		case 'format':
			return itemUpdate(client, 0, 'subject', 'k', 6, (e) => {
				encoding.writeVarString(e, 'bold');
				encoding.writeVarString(e, 'true');
			});
		case 'doc':
			return itemUpdate(client, 0, 'subject', 'k', 9, (e) => {
				encoding.writeVarString(e, 'sub-guid');
				encoding.writeAny(e, {});
			});
		case 'xml':
			return itemUpdate(client, 0, 'subject', 'k', 7, (e) => {
				encoding.writeVarUint(e, 3); // YXmlElement
				encoding.writeVarString(e, 'div');
			});
		case 'bytes':
			return itemUpdate(client, 0, 'subject', 'k', 8, (e) => {
				encoding.writeVarUint(e, 1);
				encoding.writeAny(e, new Uint8Array(8));
			});
	}
}

/** Valid messages of the kind a real client sends, as material to truncate and mutate. */
export function validFrames(): Uint8Array[] {
	const doc = new Y.Doc();
	const subject = doc.getMap('subject');
	const name = new Y.Text();
	subject.set('name', name);
	name.insert(0, '杭州示例科技有限公司');
	subject.set('province', '浙江');
	subject.set('count', 3);
	doc.getMap('attachments').set('ab'.repeat(32), { sha256: 'ab'.repeat(32), mime: 'image/jpeg', size: 1234, width: 10, height: 20, kind: 'id-card' });
	const website = new Y.Map();
	doc.getMap('websites').set('w1', website);
	website.set('domain', 'example.cn');
	name.delete(2, 2);
	const frames = [
		syncFrame(SYNC_STEP1, Y.encodeStateVector(doc)),
		syncFrame(SYNC_STEP2, Y.encodeStateAsUpdate(doc)),
		awarenessFrame(doc.clientID, 1, JSON.stringify({ user: { name: '张三', color: '#30bced' } })),
		queryAwarenessFrame()
	];
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	name.insert(0, 'x');
	subject.set('city', '杭州');
	frames.push(...updates.map((u) => syncFrame(SYNC_UPDATE, u)));
	doc.destroy();
	return frames;
}

export const HOSTILE_KINDS = ['random', 'truncated', 'mutated', 'deep', 'huge-length', 'unused-kind', 'valid'] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

const HOSTILE_WEIGHTS: Record<HostileKind, number> = { random: 20, truncated: 15, mutated: 35, deep: 10, 'huge-length': 8, 'unused-kind': 6, valid: 6 };

/** One seeded hostile frame (never larger than 200 KB, below the 1 MiB frame limit). */
export function hostileFrame(prng: Prng, valid: readonly Uint8Array[]): { kind: HostileKind; frame: Uint8Array } {
	const kind = prng.weighted(HOSTILE_WEIGHTS);
	return { kind, frame: build(kind, prng, valid) };
}

function build(kind: HostileKind, prng: Prng, valid: readonly Uint8Array[]): Uint8Array {
	const client = prng.int(1, 2 ** 31);
	switch (kind) {
		case 'random': {
			const bytes = new Uint8Array(prng.chance(0.9) ? prng.int(0, 64) : prng.int(65, 4096));
			for (let i = 0; i < bytes.length; i++) bytes[i] = prng.int(0, 255);
			// Mostly behind a real message type and sync step, so the bytes reach the decoders.
			if (bytes.length > 2 && prng.chance(0.7)) {
				bytes[0] = prng.pick([0, 0, 1, 3]);
				bytes[1] = prng.int(0, 2);
			}
			return bytes;
		}
		case 'truncated': {
			const source = prng.pick(valid);
			return source.slice(0, prng.int(0, source.length - 1));
		}
		case 'mutated': {
			const copy = prng.pick(valid).slice();
			const flips = prng.int(1, 4);
			for (let i = 0; i < flips; i++) copy[prng.int(0, copy.length - 1)] = prng.int(0, 255);
			return copy;
		}
		case 'deep': {
			const depth = prng.chance(0.5) ? prng.int(9, 200) : prng.int(1000, 50_000);
			const which = prng.int(0, 2);
			if (which === 0) return awarenessFrame(client, prng.int(1, 1000), deepJson(depth));
			return syncFrame(SYNC_UPDATE, which === 1 ? deepContentJsonUpdate(client, depth) : deepContentAnyUpdate(client, depth));
		}
		case 'huge-length':
			return hugeLength(prng);
		case 'unused-kind':
			return syncFrame(SYNC_UPDATE, unusedKindUpdate(client, prng.pick(['binary', 'embed', 'format', 'doc', 'xml', 'bytes'] as const)));
		case 'valid': {
			const doc = new Y.Doc();
			doc.getMap('subject').set(`f${prng.int(0, 20)}`, prng.int(0, 1000));
			const frame = syncFrame(SYNC_UPDATE, Y.encodeStateAsUpdate(doc));
			doc.destroy();
			return frame;
		}
	}
}

/** A varint length of 2^32..2^53 where a length belongs, with few or no bytes after it. */
function hugeLength(prng: Prng): Uint8Array {
	const e = encoding.createEncoder();
	const huge = prng.int(2 ** 32, Number.MAX_SAFE_INTEGER);
	switch (prng.int(0, 4)) {
		case 0: // sync update whose byte array claims a huge length
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, SYNC_UPDATE);
			encoding.writeVarUint(e, huge);
			break;
		case 1: // update claiming a huge number of clients
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, SYNC_UPDATE);
			encoding.writeVarUint8Array(e, encodedVarUints([huge, 1, 1, 0]));
			break;
		case 2: // a ContentAny with a huge number of values
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, SYNC_UPDATE);
			encoding.writeVarUint8Array(e, itemUpdate(prng.int(1, 1000), 0, 'subject', 'k', 8, (c) => encoding.writeVarUint(c, huge)));
			break;
		case 3: // awareness claiming a huge number of states
			encoding.writeVarUint(e, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(e, encodedVarUints([huge, 1, 1]));
			break;
		default: // a state vector claiming a huge number of clients
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, SYNC_STEP1);
			encoding.writeVarUint8Array(e, encodedVarUints([huge, 5]));
	}
	return encoding.toUint8Array(e);
}

function encodedVarUints(values: number[]): Uint8Array {
	const e = encoding.createEncoder();
	for (const v of values) encoding.writeVarUint(e, v);
	return encoding.toUint8Array(e);
}
