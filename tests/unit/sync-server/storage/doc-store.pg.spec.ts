import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPgPool } from '../../../../sync-server/src/storage/pg/pg-database.ts';
import { PgDocStore } from '../../../../sync-server/src/storage/pg/pg-doc-store.ts';
import { freshSchema, type PgFixture } from '../../../support/pg-suite.ts';
import { describeDocStoreContract } from './doc-store.contract.ts';

describeDocStoreContract('PgDocStore', async () => {
	const db = await freshSchema('docs');
	const store = await PgDocStore.open(db.pool);
	return {
		store,
		async dispose() {
			await store.close();
			await db.dispose();
		}
	};
});

describe('PgDocStore: several nodes on one database', () => {
	const cleanups: (() => Promise<void>)[] = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});
	/** A database and `count` stores on it, each with its own pool: each stands for one server node. */
	const nodes = async (count: number): Promise<{ db: PgFixture; stores: PgDocStore[] }> => {
		const db = await freshSchema('docs');
		cleanups.push(() => db.dispose());
		const stores: PgDocStore[] = [];
		for (let i = 0; i < count; i++) {
			const pool = createPgPool(db.url, { max: 3 });
			const store = await PgDocStore.open(pool);
			cleanups.push(async () => {
				await store.close();
				await pool.end();
			});
			stores.push(store);
		}
		return { db, stores };
	};
	const byte = (n: number) => new Uint8Array([n & 0xff, n >> 8]);

	it('tells the last committed seq of many rooms in one read, after another node appended and after a compaction; a room with nothing committed is absent', async () => {
		const { stores } = await nodes(2);
		const [a, b] = stores as [PgDocStore, PgDocStore];
		await a.append('ws-one', [byte(1), byte(2)]);
		await b.append('ws-two', [byte(3)]);
		await b.append('ws-one', [byte(4)]);
		expect(await a.lastSeqs(['ws-one', 'ws-two', 'ws-none'])).toEqual(new Map([['ws-one', 3], ['ws-two', 1]]));
		const doc = new Y.Doc();
		doc.getMap('m').set('k', 'v');
		await a.compact('ws-two', Y.encodeStateAsUpdate(doc), 1);
		expect((await b.lastSeqs(['ws-two'])).get('ws-two')).toBe(1);
		expect(await b.lastSeqs([])).toEqual(new Map());
	});

	it('numbers a room 1, 2, 3 … with no gap or repeat while two nodes append at once; each node keeps its own call order', async () => {
		const { db, stores } = await nodes(2);
		const [a, b] = stores as [PgDocStore, PgDocStore];
		const writes = Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a).append('ws-shared', [byte(i), byte(i + 1000)]));
		const seqs = await Promise.all(writes);
		const rows = await db.pool.query('SELECT seq, data FROM doc_updates WHERE room = $1 ORDER BY seq', ['ws-shared']);
		expect(rows.rows.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
		expect(new Set(seqs).size).toBe(40);
		const order = (rows.rows as { data: Buffer }[]).map((r) => r.data[0] as number + ((r.data[1] as number) << 8));
		for (const parity of [0, 1]) {
			const own = order.filter((n) => n < 1000 && n % 2 === parity);
			expect(own).toEqual([...own].sort((x, y) => x - y));
		}
		// Each append's seq is that of its own last update, and its first update sits just before it.
		for (const [i, seq] of seqs.entries()) {
			expect(order[seq - 1]).toBe(i + 1000);
			expect(order[seq - 2]).toBe(i);
		}
		expect((await db.pool.query('SELECT last_seq FROM doc_rooms WHERE room = $1', ['ws-shared'])).rows).toEqual([{ last_seq: 80 }]);
	});

	it('an append that fails commits nothing and leaves no gap: the next one gets the next seq', async () => {
		const { db, stores } = await nodes(1);
		const store = stores[0] as PgDocStore;
		expect(await store.append('ws-a', [byte(1)])).toBe(1);
		await db.pool.query("CREATE OR REPLACE FUNCTION refuse_big() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF length(NEW.data) > 3 THEN RAISE EXCEPTION 'too big'; END IF; RETURN NEW; END; $$");
		await db.pool.query('CREATE TRIGGER refuse_big BEFORE INSERT ON doc_updates FOR EACH ROW EXECUTE FUNCTION refuse_big()');
		try {
			await expect(store.append('ws-a', [byte(2), new Uint8Array(10)])).rejects.toThrow(/too big/);
		} finally {
			await db.pool.query('DROP TRIGGER refuse_big ON doc_updates');
		}
		expect(await store.append('ws-a', [byte(3)])).toBe(2);
		expect((await store.load('ws-a')).updates.map((u) => u[0])).toEqual([1, 3]);
	});

	it('compaction on one node builds the snapshot from the committed rows, including another node’s updates it never saw', async () => {
		const { stores } = await nodes(2);
		const [a, b] = stores as [PgDocStore, PgDocStore];
		const docA = new Y.Doc();
		const docB = new Y.Doc();
		const fromA: Uint8Array[] = [];
		const fromB: Uint8Array[] = [];
		docA.on('update', (u: Uint8Array) => fromA.push(u));
		docB.on('update', (u: Uint8Array) => fromB.push(u));
		docA.getMap('subject').set('name', '杭州示例科技有限公司');
		docB.getMap('subject').set('province', '浙江');
		docA.getText('notes').insert(0, 'A');
		await a.append('ws-c', fromA.slice(0, 1));
		await b.append('ws-c', fromB);
		const through = await a.append('ws-c', fromA.slice(1));
		// Node A's own document lacks B's edit; what it hands in is ignored.
		await a.compact('ws-c', Y.encodeStateAsUpdate(docA), through);
		const loaded = await b.load('ws-c');
		expect(loaded.updates).toHaveLength(1);
		expect(loaded.lastSeq).toBe(through);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, loaded.updates[0] as Uint8Array);
		expect(copy.getMap('subject').toJSON()).toEqual({ name: '杭州示例科技有限公司', province: '浙江' });
		expect(copy.getText('notes').toString()).toBe('A');
	});

	it('two nodes compacting one room at once leave one snapshot; appends during compaction stay after it', async () => {
		const { stores } = await nodes(2);
		const [a, b] = stores as [PgDocStore, PgDocStore];
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (let i = 0; i < 30; i++) doc.getText('t').insert(i, String(i % 10));
		const through = await a.append('ws-d', updates.slice(0, 29));
		const [, , late] = await Promise.all([
			a.compact('ws-d', new Uint8Array(0), through),
			b.compact('ws-d', new Uint8Array(0), through),
			b.append('ws-d', updates.slice(29))
		]);
		const loaded = await a.load('ws-d');
		expect(loaded.updates).toHaveLength(2);
		expect(late).toBe(through + 1);
		expect(loaded.lastSeq).toBe(through + 1);
		const copy = new Y.Doc();
		for (const u of loaded.updates) Y.applyUpdate(copy, u);
		expect(copy.getText('t').toString()).toBe(doc.getText('t').toString());
	});

	it('refuses a server whose commits are not durable (synchronous_commit off)', async () => {
		const db = await freshSchema('docs', { private: true });
		cleanups.push(() => db.dispose());
		const url = new URL(db.url);
		url.searchParams.set('options', `${url.searchParams.get('options') ?? ''} -c synchronous_commit=off`);
		const pool = createPgPool(url.toString(), { max: 1 });
		cleanups.push(() => pool.end());
		await expect(PgDocStore.open(pool)).rejects.toThrow(/synchronous_commit/);
	});
});
