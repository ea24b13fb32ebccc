/** `npm run admin -- …` (sync-server/src/admin.ts) against a data folder: help, reviewers, service codes. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../sync-server/src/storage/sqlite-doc-store.ts';
import { SqliteReviewRecords } from '../../sync-server/src/storage/review/sqlite-review-stores.ts';
import { SqliteLegacyRecords } from '../../sync-server/src/storage/legacy/sqlite-legacy-stores.ts';
import { api, startTestServer } from '../support/server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'beian-admin-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const admin = (...args: string[]) =>
	promisify(execFile)(process.execPath, [fileURLToPath(new URL('../../sync-server/src/admin.ts', import.meta.url)), ...args], { env: { ...process.env, DATA_DIR: dataDir } }).then(
		(r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
		(e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr })
	);

describe('npm run admin', () => {
	it('STAFF-1 help lists the commands; add-reviewer prints a one-time password that signs in and must be changed', async () => {
		const help = await admin('help');
		for (const command of ['add-reviewer', 'add-service-code', 'seed-approved', 'import-legacy']) expect(help.stdout).toContain(command);
		expect((await admin('add-reviewer')).code).toBe(2);
		const added = await admin('add-reviewer', 'Desk@Example.com');
		expect(added.code, added.stderr).toBe(0);
		const password = /one-time password: (\S+)/.exec(added.stdout)?.[1] ?? '';
		expect(password).toMatch(/^[a-z2-7]{16}$/);
		expect((await admin('add-reviewer', 'desk@example.com')).code).toBe(1);
		const env = await startTestServer({ dataDir });
		try {
			const signedIn = await api(env.server, 'POST', '/api/sessions', { body: { email: 'desk@example.com', password } });
			expect(signedIn.status).toBe(200);
			const desk = await api(env.server, 'GET', '/api/review/orders', { cookie: signedIn.cookie });
			expect([desk.status, desk.body.error]).toEqual([403, 'password-change-required']);
		} finally {
			await env.server.close();
		}
	}, 120_000);

	it('SVC-3 add-service-code stores given and random codes and reports ones that exist', async () => {
		const first = await admin('add-service-code', 'ECS-0001', '--count', '2');
		expect(first.code, first.stderr).toBe(0);
		const printed = first.stdout.trim().split('\n');
		expect(printed[0]).toBe('ECS-0001');
		expect(printed.slice(1)).toEqual([expect.stringMatching(/^BA-[0-9A-F]{12}$/), expect.stringMatching(/^BA-[0-9A-F]{12}$/)]);
		expect((await admin('add-service-code', 'ECS-0001')).stderr).toContain('exists already: ECS-0001');
		expect((await admin('add-service-code', 'not a code')).code).toBe(1);
		const review = new SqliteReviewRecords(openDatabase(join(dataDir, 'beian.sqlite')));
		expect((await review.serviceCodes.list()).map((c) => c.code)).toEqual(expect.arrayContaining(printed));
	}, 120_000);

	it('LEG-6 import-legacy stores the good rows, hashed, and reports each refused row with its line', async () => {
		const file = join(dataDir, 'legacy.jsonl');
		const good = { loginId: 'cli-login', loginEmail: 'cli@example.com', password: 'cli secret', subjectType: 'individual', certificateType: 'resident-id-card', certificateNumber: '330106198001010013', name: '命令行', province: 'ZJ', filedOn: '2009-01-01', websites: [{ domain: 'cli-demo.cn', name: '站', number: '浙ICP备09777777号-1' }] };
		writeFileSync(file, [JSON.stringify(good), JSON.stringify({ ...good, loginId: 'x', province: 'XX' })].join('\n'));
		const run = await admin('import-legacy', file);
		expect([run.code, run.stdout.trim(), run.stderr.trim()]).toEqual([1, 'added 1, already there 0, refused 1', 'line 2: refused: fields: province']);
		const db = openDatabase(join(dataDir, 'beian.sqlite'));
		const stored = await new SqliteLegacyRecords(db).legacy.byLoginId('cli-login');
		db.close();
		expect(stored?.login?.passwordHash).toMatch(/^\$scrypt\$/);
		expect(JSON.stringify(stored)).not.toContain('cli secret');
	});
});
