import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SqliteDocStore } from '../../../../sync-server/src/storage/sqlite-doc-store.ts';
import { describeDocStoreContract } from './doc-store.contract.ts';

function tempFile(): { path: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'beian-docstore-'));
	return { path: join(dir, 'beian.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeDocStoreContract('SqliteDocStore (file, WAL)', async () => {
	const file = tempFile();
	const store = new SqliteDocStore(openDatabase(file.path));
	return {
		store,
		async dispose() {
			await store.close();
			file.remove();
		}
	};
});

describeDocStoreContract('SqliteDocStore (:memory:)', async () => {
	const store = new SqliteDocStore(new DatabaseSync(':memory:'));
	return { store, dispose: () => store.close() };
});

describe('SqliteDocStore on a file', () => {
	const cleanups: (() => Promise<void> | void)[] = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});
	const file = () => {
		const f = tempFile();
		cleanups.push(f.remove);
		return f.path;
	};
	const open = (path: string) => {
		const store = new SqliteDocStore(openDatabase(path));
		cleanups.push(() => store.close());
		return store;
	};

	it('keeps every update, in order, after close and reopen; seqs keep increasing', async () => {
		const path = file();
		const first = open(path);
		await first.append('ws-a', [new Uint8Array([1]), new Uint8Array([2])]);
		const through = await first.append('ws-a', [new Uint8Array([3])]);
		await first.compact('ws-a', new Uint8Array([1, 2, 3]), through);
		const last = await first.append('ws-a', [new Uint8Array([4])]);
		await first.append('ws-b', [new Uint8Array([5])]);
		await first.close();

		const second = open(path);
		const loaded = await second.load('ws-a');
		expect(loaded.updates.map((u) => [...u])).toEqual([[1, 2, 3], [4]]);
		expect(loaded.lastSeq).toBe(last);
		expect((await second.load('ws-b')).updates.map((u) => [...u])).toEqual([[5]]);
		expect(await second.append('ws-a', [new Uint8Array([6])])).toBeGreaterThan(last);
	});

	it('makes an append visible to another connection as soon as it resolves, before any close', async () => {
		const path = file();
		const writer = open(path);
		await writer.append('ws-a', [new Uint8Array([7, 0, 7])]);
		// A second connection stands in for the process after a crash: the writer never closed.
		const reader = open(path);
		expect((await reader.load('ws-a')).updates.map((u) => [...u])).toEqual([[7, 0, 7]]);
	});

	it('opens the database in WAL mode with synchronous = FULL', () => {
		const db = openDatabase(file());
		cleanups.push(() => db.close());
		expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
		expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
	});
});
