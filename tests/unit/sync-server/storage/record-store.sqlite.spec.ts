import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SqliteDocStore } from '../../../../sync-server/src/storage/sqlite-doc-store.ts';
import { RECORD_SCHEMA_VERSION } from '../../../../sync-server/src/storage/sqlite-record-schema.ts';
import { SqliteRecordStore } from '../../../../sync-server/src/storage/sqlite-record-store.ts';
import { describeRecordStoreContract } from './record-store.contract.ts';

function tempFile(): { path: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'beian-records-'));
	return { path: join(dir, 'beian.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeRecordStoreContract('SqliteRecordStore (file, WAL, shared with the DocStore)', async () => {
	const file = tempFile();
	const db = openDatabase(file.path);
	const docs = new SqliteDocStore(db);
	const store = new SqliteRecordStore(db);
	return {
		store,
		async dispose() {
			await docs.close();
			await store.close();
			file.remove();
		}
	};
});

describe('SqliteRecordStore on a file', () => {
	const cleanups: (() => void)[] = [];
	afterEach(() => {
		for (const cleanup of cleanups.splice(0)) cleanup();
	});

	it('keeps records across reopening, and migrates a database only once', async () => {
		const file = tempFile();
		cleanups.push(file.remove);
		const first = new SqliteRecordStore(openDatabase(file.path));
		await first.createAccount({ id: 'a1', email: 'a@example.com', passwordHash: '$scrypt$x', createdAt: 1 });
		await first.close();
		const db = openDatabase(file.path);
		const second = new SqliteRecordStore(db);
		expect((await second.accountByEmail('a@example.com'))?.id).toBe('a1');
		expect(db.prepare("SELECT version FROM schema_versions WHERE component = 'records'").get()).toEqual({ version: RECORD_SCHEMA_VERSION });
		await second.close();
	});

	it('migrates a version-1 database (no blob holders yet) and keeps its records', async () => {
		const file = tempFile();
		cleanups.push(file.remove);
		const db = openDatabase(file.path);
		const first = new SqliteRecordStore(db);
		await first.createAccount({ id: 'a1', email: 'a@example.com', passwordHash: '$scrypt$x', createdAt: 1 });
		await first.setAttachmentRefs('s1', ['e'.repeat(64)]);
		// What a server from before the holders table left behind.
		db.exec("DROP TABLE blob_holders; UPDATE schema_versions SET version = 1 WHERE component = 'records'");
		const second = new SqliteRecordStore(db);
		expect(db.prepare("SELECT version FROM schema_versions WHERE component = 'records'").get()).toEqual({ version: RECORD_SCHEMA_VERSION });
		expect((await second.accountByEmail('a@example.com'))?.id).toBe('a1');
		// Not backfilled from the references: holding needs an upload the server re-hashed.
		expect(await second.subjectHoldsBlob('s1', 'e'.repeat(64))).toBe(false);
		await second.addBlobHolder('s1', 'e'.repeat(64), 10);
		expect(await second.subjectHoldsBlob('s1', 'e'.repeat(64))).toBe(true);
		await second.close();
	});

	it('migrates a version-2 database: holders from before sizes are listed as unsized until their size is recorded', async () => {
		const file = tempFile();
		cleanups.push(file.remove);
		const db = openDatabase(file.path);
		new SqliteRecordStore(db);
		// What a server from before the size column left behind.
		db.exec("DROP TABLE blob_holders; CREATE TABLE blob_holders (subject_id TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (subject_id, sha256))");
		db.exec(`INSERT INTO blob_holders VALUES ('s1', '${'e'.repeat(64)}'); UPDATE schema_versions SET version = 2 WHERE component = 'records'`);
		const second = new SqliteRecordStore(db);
		expect(await second.subjectHoldsBlob('s1', 'e'.repeat(64))).toBe(true);
		expect(await second.subjectHeldBytes('s1')).toEqual({ bytes: 0, unsized: ['e'.repeat(64)] });
		await second.addBlobHolder('s1', 'e'.repeat(64), 77);
		expect(await second.subjectHeldBytes('s1')).toEqual({ bytes: 77, unsized: [] });
		await second.close();
	});

	it('refuses a database written by a newer server', () => {
		const file = tempFile();
		cleanups.push(file.remove);
		const db = openDatabase(file.path);
		new SqliteRecordStore(db);
		db.prepare("UPDATE schema_versions SET version = 99 WHERE component = 'records'").run();
		expect(() => new SqliteRecordStore(db)).toThrow(/newer/);
		db.close();
	});
});
