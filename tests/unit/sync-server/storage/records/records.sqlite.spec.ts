import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SqliteDocStore } from '../../../../../sync-server/src/storage/sqlite-doc-store.ts';
import { RECORD_SCHEMA_VERSION } from '../../../../../sync-server/src/storage/records/sqlite-record-schema.ts';
import { SqliteRecords } from '../../../../../sync-server/src/storage/records/sqlite-records.ts';
import { describeAccountStoreContract } from './account-store.contract.ts';
import { describeApprovedRecordStoreContract } from './approved-record-store.contract.ts';
import { describeFileIndexStoreContract } from './file-index-store.contract.ts';
import { account, invite, subject, type OpenRecords } from './fixtures.ts';
import { describeInviteStoreContract } from './invite-store.contract.ts';
import { describeMembershipStoreContract } from './membership-store.contract.ts';
import { describeOrderStoreContract } from './order-store.contract.ts';
import { describeRecordsContract } from './records.contract.ts';
import { describeSessionStoreContract } from './session-store.contract.ts';
import { describeSubjectStoreContract } from './subject-store.contract.ts';

function tempFile(): { path: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'beian-records-'));
	return { path: join(dir, 'beian.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const open: OpenRecords = async () => {
	const file = tempFile();
	const db = openDatabase(file.path);
	const docs = new SqliteDocStore(db);
	const records = new SqliteRecords(db);
	return {
		records,
		async dispose() {
			await docs.close();
			await records.close();
			file.remove();
		}
	};
};

for (const describeContract of [
	describeAccountStoreContract,
	describeSessionStoreContract,
	describeSubjectStoreContract,
	describeMembershipStoreContract,
	describeInviteStoreContract,
	describeFileIndexStoreContract,
	describeOrderStoreContract,
	describeApprovedRecordStoreContract,
	describeRecordsContract
]) {
	describeContract('SQLite (file, WAL, shared with the DocStore)', open);
}

describe('SqliteRecords on a file', () => {
	const cleanups: (() => void)[] = [];
	afterEach(() => {
		for (const cleanup of cleanups.splice(0)) cleanup();
	});
	const file = () => {
		const f = tempFile();
		cleanups.push(f.remove);
		return f.path;
	};
	const version = (db: ReturnType<typeof openDatabase>) => db.prepare("SELECT version FROM schema_versions WHERE component = 'records'").get();

	it('keeps records across reopening, and migrates a database only once', async () => {
		const path = file();
		const first = new SqliteRecords(openDatabase(path));
		await first.accounts.create(account('a1', 'a@example.com'));
		await first.close();
		const db = openDatabase(path);
		const second = new SqliteRecords(db);
		expect((await second.accounts.byEmail('a@example.com'))?.id).toBe('a1');
		expect(version(db)).toEqual({ version: RECORD_SCHEMA_VERSION });
		await second.close();
	});

	it('migrates a version-1 database (no blob holders yet) and keeps its records', async () => {
		const db = openDatabase(file());
		const first = new SqliteRecords(db);
		await first.accounts.create(account('a1', 'a@example.com'));
		await first.files.setAttachmentRefs('s1', ['e'.repeat(64)]);
		// What a server from before the holders table left behind.
		db.exec("DROP TABLE blob_holders; ALTER TABLE accounts DROP COLUMN display_name; UPDATE schema_versions SET version = 1 WHERE component = 'records'");
		const second = new SqliteRecords(db);
		expect(version(db)).toEqual({ version: RECORD_SCHEMA_VERSION });
		expect((await second.accounts.byEmail('a@example.com'))?.id).toBe('a1');
		// Not backfilled from the references: holding needs an upload the server re-hashed.
		expect(await second.files.subjectHoldsBlob('s1', 'e'.repeat(64))).toBe(false);
		await second.files.addBlobHolder('s1', 'e'.repeat(64), 10);
		expect(await second.files.subjectHoldsBlob('s1', 'e'.repeat(64))).toBe(true);
		await second.close();
	});

	it('migrates a version-2 database: holders from before sizes are listed as unsized until their size is recorded', async () => {
		const db = openDatabase(file());
		new SqliteRecords(db);
		// What a server from before the size column left behind.
		db.exec('ALTER TABLE accounts DROP COLUMN display_name; DROP TABLE blob_holders; CREATE TABLE blob_holders (subject_id TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (subject_id, sha256))');
		db.exec(`INSERT INTO blob_holders VALUES ('s1', '${'e'.repeat(64)}'); UPDATE schema_versions SET version = 2 WHERE component = 'records'`);
		const second = new SqliteRecords(db);
		expect(await second.files.subjectHoldsBlob('s1', 'e'.repeat(64))).toBe(true);
		expect(await second.files.subjectHeldBytes('s1')).toEqual({ bytes: 0, unsized: ['e'.repeat(64)] });
		await second.files.addBlobHolder('s1', 'e'.repeat(64), 77);
		expect(await second.files.subjectHeldBytes('s1')).toEqual({ bytes: 77, unsized: [] });
		await second.close();
	});

	it('PRES-5 migrates a version-3 database: accounts from before display names have none, and can set one', async () => {
		const db = openDatabase(file());
		const first = new SqliteRecords(db);
		await first.accounts.create(account('a1', 'a@example.com'));
		// What a server from before display names left behind.
		db.exec("ALTER TABLE accounts DROP COLUMN display_name; UPDATE schema_versions SET version = 3 WHERE component = 'records'");
		const second = new SqliteRecords(db);
		expect(version(db)).toEqual({ version: RECORD_SCHEMA_VERSION });
		expect((await second.accounts.byId('a1'))?.displayName).toBe('');
		expect(await second.accounts.setDisplayName('a1', '李雷')).toBe(true);
		expect((await second.accounts.byEmail('a@example.com'))?.displayName).toBe('李雷');
		await second.close();
	});

	it('refuses a database written by a newer server', () => {
		const db = openDatabase(file());
		new SqliteRecords(db);
		db.prepare("UPDATE schema_versions SET version = 99 WHERE component = 'records'").run();
		expect(() => new SqliteRecords(db)).toThrow(/newer/);
		db.close();
	});

	it('REC-S1 binding is one transaction: when adding the owner membership fails, the subject is not bound either', async () => {
		const db = openDatabase(file());
		const records = new SqliteRecords(db);
		await records.accounts.create(account('a1'));
		db.exec("CREATE TRIGGER refuse_members BEFORE INSERT ON memberships BEGIN SELECT RAISE(ABORT, 'refused'); END");
		await expect(records.bindSubject(subject('s1', 'a1'))).rejects.toThrow(/refused/);
		expect(await records.subjects.byId('s1')).toBeNull();
		db.exec('DROP TRIGGER refuse_members');
		expect(await records.bindSubject(subject('s1', 'a1'))).toBe('created');
		await records.close();
	});

	it('REC-S2 accepting is one transaction: when adding the member fails, the invite stays unused', async () => {
		const db = openDatabase(file());
		const records = new SqliteRecords(db);
		await records.accounts.create(account('owner'));
		await records.accounts.create(account('b'));
		await records.bindSubject(subject('s1', 'owner'));
		await records.invites.create(invite('h1', 's1'));
		db.exec("CREATE TRIGGER refuse_members BEFORE INSERT ON memberships BEGIN SELECT RAISE(ABORT, 'refused'); END");
		await expect(records.acceptInvite('h1', 'b', 5)).rejects.toThrow(/refused/);
		expect(await records.invites.byCodeHash('h1')).toMatchObject({ usedAt: null, usedBy: null });
		db.exec('DROP TRIGGER refuse_members');
		expect(await records.acceptInvite('h1', 'b', 6)).toBe('accepted');
		await records.close();
	});
});
