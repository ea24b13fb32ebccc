/**
 * CERT-9 over the real HTTP API and SQLite (issue 7 #5): while one account holds a USCC, no
 * other account binds the same organisation under an alias; subjects stored under the old key
 * are re-keyed when the server starts.
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, signUp, startTestServer, useTestServers, type ServerAddress } from '../support/server.ts';

const servers = useTestServers();

const USCC = '91330106673959654P';
const bindBody = (subjectType: string, certificateType: string, certificateNumber: string) => ({ subjectType, certificateType, certificateNumber, name: '阿里云计算有限公司' });

async function bind(srv: ServerAddress, body: ReturnType<typeof bindBody>) {
	const account = await signUp(srv);
	return api(srv, 'POST', '/api/subject', { cookie: account.cookie, body });
}

const ALIASES: [string, ReturnType<typeof bindBody>][] = [
	['its organisation code certificate', bindBody('institution', 'organization-code-certificate', '67395965-4')],
	['its organisation code without the hyphen', bindBody('government', 'organization-code-certificate', '673959654')],
	['a free-form certificate with a trailing hyphen', bindBody('institution', 'public-institution-legal-person-certificate', `${USCC}-`)],
	['a free-form certificate with trailing text', bindBody('law-firm', 'law-firm-practice-licence', `${USCC}（副本）`)],
	['a free-form certificate with a trailing copy number', bindBody('social-organization', 'social-organization-registration-certificate', `${USCC}-1`)],
	['lower case', bindBody('enterprise', 'business-licence', USCC.toLowerCase())],
	['separators', bindBody('enterprise', 'uscc-certificate', '9133-0106-6739-5965-4P')],
	['spaces', bindBody('foundation', 'foundation-legal-person-certificate', ' 9133 0106 6739 5965 4P ')],
	['full-width characters (NFKC)', bindBody('enterprise', 'uscc-certificate', '９１３３０１０６６７３９５９６５４Ｐ')],
	['full-width lower case with a full-width hyphen', bindBody('institution', 'public-institution-legal-person-certificate', '９１３３０１０６６７３９５９６５４ｐ－')]
];

describe('CERT-9 one organisation, one subject, across certificate aliases', () => {
	it.each(ALIASES)('CERT-9 refuses the organisation of a bound USCC as %s with subject-bound-elsewhere', async (_, body) => {
		const { server: srv } = await servers.start();
		expect((await bind(srv, bindBody('enterprise', 'uscc-certificate', USCC))).status).toBe(201);
		const res = await bind(srv, body);
		expect([res.status, res.body.error]).toEqual([409, 'subject-bound-elsewhere']);
	});

	it('CERT-9 refuses the USCC once its organisation code is bound, and still binds another organisation', async () => {
		const { server: srv } = await servers.start();
		expect((await bind(srv, bindBody('institution', 'organization-code-certificate', '67395965-4'))).status).toBe(201);
		expect((await bind(srv, bindBody('enterprise', 'business-licence', USCC))).status).toBe(409);
		expect((await bind(srv, bindBody('enterprise', 'uscc-certificate', '91110000101623741K'))).status).toBe(201);
	});

	it('CERT-9 re-keys subjects stored under the old key at start-up, so an alias is refused after the upgrade', async () => {
		const first = await servers.start();
		expect((await bind(first.server, bindBody('enterprise', 'uscc-certificate', USCC))).status).toBe(201);
		await first.server.close();
		// The key this subject had before CERT-9.
		const db = new DatabaseSync(join(first.dataDir, 'beian.sqlite'));
		db.prepare('UPDATE subjects SET certificate_key = ?').run(`uscc:${USCC}`);
		db.close();
		// A new port, so no pooled keep-alive socket of the old server is reused.
		const restarted = servers.adopt(await startTestServer({ dataDir: first.dataDir }));
		const res = await bind(restarted.server, bindBody('institution', 'organization-code-certificate', '67395965-4'));
		expect([res.status, res.body.error]).toEqual([409, 'subject-bound-elsewhere']);
	});
});
