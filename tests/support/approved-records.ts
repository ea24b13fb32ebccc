/**
 * Seeds approved records into a (stopped or running) server's data folder through the admin
 * command (`npm run admin -- seed-approved <file.json>`, DATA_DIR as for the server), the way an
 * operator would until the review desk writes them on approval.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ADMIN = resolve(import.meta.dirname, '..', '..', 'sync-server', 'src', 'admin.ts');

export async function seedApprovedRecord(dataDir: string, record: unknown): Promise<void> {
	const folder = mkdtempSync(join(tmpdir(), 'beian-seed-'));
	const file = join(folder, 'approved.json');
	writeFileSync(file, JSON.stringify(record));
	try {
		await promisify(execFile)(process.execPath, [ADMIN, 'seed-approved', file], { env: { ...process.env, DATA_DIR: dataDir } });
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
