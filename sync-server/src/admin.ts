/**
 * Entry point of `npm run admin -- <command> …`: reads argv and the environment (`DATA_DIR`, as
 * `main.ts`), opens the same stores, runs one command, exits. Commands:
 * - `seed-approved <file.json>`: store approved records (see `orders/seed-approved.ts`).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedApproved } from './orders/seed-approved.ts';
import { SqliteRecords } from './storage/records/sqlite-records.ts';
import { openDatabase } from './storage/sqlite-doc-store.ts';

const root = resolve(import.meta.dirname, '..', '..');
const [command, file] = process.argv.slice(2);
if (command !== 'seed-approved' || !file) {
	process.stderr.write('usage: npm run admin -- seed-approved <file.json>\n');
	process.exit(2);
}

let input: unknown;
try {
	input = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
	process.stderr.write(`cannot read ${file} as JSON: ${String(error)}\n`);
	process.exit(1);
}
const db = openDatabase(join(resolve(process.env.DATA_DIR ?? join(root, 'data')), 'beian.sqlite'));
const records = new SqliteRecords(db);
const outcome = await seedApproved(records, input, Date.now());
await records.close();
for (const line of outcome.errors) process.stderr.write(`${line}\n`);
for (const id of outcome.stored) process.stdout.write(`approved record stored for subject ${id}\n`);
process.exit(outcome.errors.length > 0 ? 1 : 0);
