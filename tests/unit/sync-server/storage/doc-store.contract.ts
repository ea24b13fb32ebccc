/**
 * The DocStore contract (STYLE habit 9): one suite that every implementation — memory, SQLite,
 * PostgreSQL — must pass. Each implementation's spec calls `describeDocStoreContract`
 * with a factory; the suite knows nothing about how a store is built.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../../../sync-server/src/storage/doc-store.ts';

export interface DocStoreFixture {
	store: DocStore;
	/** Frees what the fixture holds (files, connections); called after each test, even on failure. */
	dispose(): Promise<void>;
}

const bytes = (...values: number[]) => new Uint8Array(values);

/** Every byte value once, and a few patterns that break naive text or NUL handling. */
const AWKWARD = [bytes(0), bytes(0, 0, 0), bytes(0xff, 0xfe, 0xfd), Uint8Array.from({ length: 256 }, (_, i) => i), new TextEncoder().encode("'; DROP TABLE doc_updates; --")];

/** `n` real Yjs updates, each typing a few more characters of `label` into one text. */
function yjsUpdates(n: number, label = 'doc'): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < n; i++) doc.getText('t').insert(doc.getText('t').length, `${label}-${i};`);
	doc.destroy();
	return updates;
}

/** The merged state of updates, as a room's in-memory document encodes it. */
function merged(updates: readonly Uint8Array[]): Uint8Array {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return Y.encodeStateAsUpdate(doc);
}

/** The text a fresh document holds after applying `updates`. */
function textOf(updates: readonly Uint8Array[]): string {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc.getText('t').toString();
}

export function describeDocStoreContract(name: string, open: () => Promise<DocStoreFixture>): void {
	describe(`DocStore contract: ${name}`, () => {
		let fixtures: DocStoreFixture[] = [];
		const fresh = async (): Promise<DocStore> => {
			const fixture = await open();
			fixtures.push(fixture);
			return fixture.store;
		};
		afterEach(async () => {
			const open = fixtures;
			fixtures = [];
			for (const fixture of open) await fixture.dispose();
		});

		it('loads an unknown room as empty with lastSeq 0 and count 0', async () => {
			const store = await fresh();
			expect(await store.load('ws-none')).toEqual({ updates: [], lastSeq: 0 });
			expect(await store.count('ws-none')).toBe(0);
		});

		it('loads updates in append order, across several appends', async () => {
			const store = await fresh();
			await store.append('ws-a', [bytes(1), bytes(2)]);
			await store.append('ws-a', [bytes(3)]);
			await store.append('ws-a', [bytes(4), bytes(5), bytes(6)]);
			const loaded = await store.load('ws-a');
			expect(loaded.updates.map((u) => [...u])).toEqual([[1], [2], [3], [4], [5], [6]]);
		});

		it('returns increasing seqs from append, and load reports the last one', async () => {
			const store = await fresh();
			const first = await store.append('ws-a', [bytes(1)]);
			const second = await store.append('ws-a', [bytes(2), bytes(3)]);
			expect(first).toBeGreaterThan(0);
			expect(second).toBeGreaterThan(first);
			expect((await store.load('ws-a')).lastSeq).toBe(second);
			expect(await store.count('ws-a')).toBe(3);
		});

		it('keeps call order for appends that run concurrently', async () => {
			const store = await fresh();
			const seqs = await Promise.all(Array.from({ length: 10 }, (_, i) => store.append('ws-a', [bytes(i)])));
			expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
			expect((await store.load('ws-a')).updates.map((u) => u[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		});

		it('keeps seqs increasing and unique within each room while rooms interleave', async () => {
			const store = await fresh();
			const seen: Record<string, number[]> = { 'ws-odd': [], 'ws-even': [] };
			for (let i = 0; i < 20; i++) {
				const room = i % 2 ? 'ws-odd' : 'ws-even';
				seen[room]?.push(await store.append(room, [bytes(i)]));
			}
			for (const seqs of Object.values(seen)) {
				expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
				expect(new Set(seqs).size).toBe(seqs.length);
			}
			expect((await store.load('ws-odd')).updates.map((u) => u[0])).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
		});

		// A store may build the snapshot itself from its committed rows (PostgreSQL does: any node
		// may compact), so these give real Yjs updates and the merged state of the prefix.
		it('compaction replaces the prefix by one snapshot and keeps later updates in order', async () => {
			const store = await fresh();
			const u = yjsUpdates(5);
			await store.append('ws-a', u.slice(0, 2));
			const through = await store.append('ws-a', u.slice(2, 3));
			const last = await store.append('ws-a', u.slice(3));
			await store.compact('ws-a', merged(u.slice(0, 3)), through);
			const loaded = await store.load('ws-a');
			expect(loaded.updates).toHaveLength(3);
			expect(textOf(loaded.updates.slice(0, 1))).toBe(textOf(u.slice(0, 3)));
			expect(loaded.updates.slice(1).map((x) => [...x])).toEqual(u.slice(3).map((x) => [...x]));
			expect(textOf(loaded.updates)).toBe(textOf(u));
			expect(loaded.lastSeq).toBe(last);
			expect(await store.count('ws-a')).toBe(3);
		});

		it('compaction of the whole log leaves one row, and appends after it come after it', async () => {
			const store = await fresh();
			const u = yjsUpdates(5);
			const through = await store.append('ws-a', u.slice(0, 3));
			await store.compact('ws-a', merged(u.slice(0, 3)), through);
			expect(await store.count('ws-a')).toBe(1);
			expect((await store.load('ws-a')).lastSeq).toBe(through);
			const next = await store.append('ws-a', u.slice(3, 4));
			expect(next).toBeGreaterThan(through);
			await store.compact('ws-a', merged(u.slice(0, 4)), next);
			const after = await store.append('ws-a', u.slice(4));
			const loaded = await store.load('ws-a');
			expect(loaded.updates).toHaveLength(2);
			expect(textOf(loaded.updates.slice(0, 1))).toBe(textOf(u.slice(0, 4)));
			expect([...(loaded.updates[1] as Uint8Array)]).toEqual([...(u[4] as Uint8Array)]);
			expect(loaded.lastSeq).toBe(after);
		});

		it('stores bytes exactly: NULs, every byte value, large blobs, views with an offset', async () => {
			const store = await fresh();
			const large = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) & 0xff);
			const backing = Uint8Array.from({ length: 64 }, (_, i) => i);
			const view = backing.subarray(10, 20);
			await store.append('ws-bin', [...AWKWARD, large, view]);
			const loaded = await store.load('ws-bin');
			expect(loaded.updates.length).toBe(AWKWARD.length + 2);
			AWKWARD.forEach((u, i) => expect(Buffer.from(loaded.updates[i] as Uint8Array).equals(Buffer.from(u))).toBe(true));
			expect(Buffer.from(loaded.updates[AWKWARD.length] as Uint8Array).equals(Buffer.from(large))).toBe(true);
			expect([...(loaded.updates[AWKWARD.length + 1] as Uint8Array)]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
			for (const update of loaded.updates) expect(update).toBeInstanceOf(Uint8Array);
		});

		it('does not alias the caller’s buffers: changing them after append or load changes nothing stored', async () => {
			const store = await fresh();
			const update = bytes(1, 2, 3);
			await store.append('ws-a', [update]);
			update[0] = 99;
			const first = await store.load('ws-a');
			(first.updates[0] as Uint8Array)[1] = 98;
			expect([...((await store.load('ws-a')).updates[0] as Uint8Array)]).toEqual([1, 2, 3]);
		});

		it('round-trips real Yjs updates into an identical document', async () => {
			const store = await fresh();
			const source = new Y.Doc();
			const updates: Uint8Array[] = [];
			source.on('update', (u: Uint8Array) => updates.push(u));
			const text = source.getText('name');
			text.insert(0, '杭州示例科技有限公司');
			source.getMap('subject').set('province', '浙江');
			text.delete(2, 2);
			source.getMap('subject').set('website', new Y.Map([['domain', 'example.cn']]));
			await store.append('ws-y', updates.slice(0, 2));
			await store.append('ws-y', updates.slice(2));
			const copy = new Y.Doc();
			for (const u of (await store.load('ws-y')).updates) Y.applyUpdate(copy, u);
			expect(copy.getText('name').toString()).toBe('杭州科技有限公司');
			expect(copy.getMap('subject').toJSON()).toEqual({ province: '浙江', website: { domain: 'example.cn' } });
			expect(copy.toJSON()).toEqual(source.toJSON());
			expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(source));
		});

		it('keeps many rooms apart, including names that are prefixes of one another', async () => {
			const store = await fresh();
			const names = ['ws-a', 'ws-a-b', 'ws-a_b', 'ws-ab', ...Array.from({ length: 40 }, (_, i) => `ws-room-${i}`)];
			const written = new Map(names.map((name) => [name, yjsUpdates(3, name)]));
			for (let round = 0; round < 3; round++) {
				for (const name of names) await store.append(name, [written.get(name)?.[round] as Uint8Array]);
			}
			await store.compact('ws-a', merged(written.get('ws-a') ?? []), (await store.load('ws-a')).lastSeq);
			const compacted = await store.load('ws-a');
			expect(compacted.updates).toHaveLength(1);
			expect(textOf(compacted.updates)).toBe(textOf(written.get('ws-a') ?? []));
			for (const name of names) {
				if (name === 'ws-a') continue;
				const loaded = await store.load(name);
				expect(loaded.updates.map((u) => [...u]), name).toEqual((written.get(name) ?? []).map((u) => [...u]));
				expect(await store.count(name)).toBe(3);
			}
		});

		it('rejects every call after close', async () => {
			const store = await fresh();
			await store.append('ws-a', [bytes(1)]);
			await store.close();
			await expect(store.load('ws-a')).rejects.toThrow();
			await expect(store.append('ws-a', [bytes(2)])).rejects.toThrow();
			await expect(store.compact('ws-a', bytes(3), 1)).rejects.toThrow();
			await expect(store.count('ws-a')).rejects.toThrow();
		});
	});
}
