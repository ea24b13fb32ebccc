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

/** Also registers the service codes its websites' access information names (`add-service-code`), as the operator issued them. */
export async function seedApprovedRecord(dataDir: string, record: { websites?: readonly { access?: { serviceCode?: string } }[] }): Promise<void> {
	const folder = mkdtempSync(join(tmpdir(), 'beian-seed-'));
	const file = join(folder, 'approved.json');
	writeFileSync(file, JSON.stringify(record));
	const env = { env: { ...process.env, DATA_DIR: dataDir } };
	const codes = (record.websites ?? []).map((w) => w.access?.serviceCode ?? '').filter((code) => code !== '');
	try {
		if (codes.length > 0) await promisify(execFile)(process.execPath, [ADMIN, 'add-service-code', ...codes], env);
		await promisify(execFile)(process.execPath, [ADMIN, 'seed-approved', file], env);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
