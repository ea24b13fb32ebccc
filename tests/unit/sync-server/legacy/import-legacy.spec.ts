import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../../sync-server/src/accounts/passwords.ts';
import { DEMO_LEGACY_ROWS, seedDemoLegacy } from '../../../../sync-server/src/legacy/demo-legacy.ts';
import { importLegacy } from '../../../../sync-server/src/legacy/import-legacy.ts';
import { MemoryLegacyRecords } from '../../../../sync-server/src/storage/legacy/memory-legacy-stores.ts';
import { MemoryReviewRecords } from '../../../../sync-server/src/storage/review/memory-review-stores.ts';

const cost = { log2N: 4, r: 8, p: 1 };
const open = () => ({ legacy: new MemoryLegacyRecords(), review: new MemoryReviewRecords() });
const row = (over: Record<string, unknown> = {}) => ({
	loginId: 'old-wang',
	loginEmail: 'wang@example.com',
	password: 'old secret',
	subjectType: 'individual',
	certificateType: 'resident-id-card',
	certificateNumber: '330106198001010013',
	name: '王五',
	province: 'ZJ',
	filedOn: '2009-01-01',
	websites: [{ domain: 'wang-example.cn', name: '王五的站', number: '浙ICP备09123456号-1' }],
	...over
});

describe('npm run admin -- import-legacy', () => {
	it('LEG-6 checks JSON lines row by row, stores the good ones with hashed passwords and reports the refused ones by line', async () => {
		const { legacy, review } = open();
		const lines = [
			JSON.stringify(row()),
			'{not json',
			JSON.stringify(row({ loginId: 'x', password: '', certificateNumber: '330102198505050021' })),
			JSON.stringify(row({ loginId: 'other', certificateNumber: '330102198505050022' })),
			'',
			JSON.stringify(row({ loginId: 'OLD-WANG', certificateNumber: '330102198505050021', websites: [{ domain: 'b-example.cn', name: '站', number: '浙ICP备09999999号-1' }] })),
			JSON.stringify(row({ loginId: 'n', certificateNumber: '330103199009090033', websites: [{ domain: 'c-example.cn', name: '站', number: 'ICP 123' }] })),
			JSON.stringify(row({ loginId: '', loginEmail: '', password: '', certificateNumber: '330104197503030041', websites: [{ domain: 'd-example.cn', name: '站', number: '浙ICP备09123456号-2' }] })),
			JSON.stringify(row({ province: 'XX' }))
		];
		const report = await importLegacy(legacy.legacy, lines.join('\n'), { scryptCost: cost, registry: review.registry });
		expect(report.added).toBe(1);
		expect(report.refused.map((r) => r.line)).toEqual([2, 3, 4, 6, 7, 8, 9]);
		expect(report.refused.map((r) => r.reason)).toEqual([
			'not a JSON object',
			'login ID, login e-mail and password are all given or all empty',
			'certificate number is not valid',
			'login ID is taken by another subject',
			'website 1: filing number is not of the form 浙ICP备12345678号-1',
			'a filing number is taken by another subject',
			'fields: province'
		]);
		const stored = await legacy.legacy.byLoginId('old-wang');
		expect(stored?.login?.passwordHash).not.toContain('old secret');
		expect(await verifyPassword('old secret', stored?.login?.passwordHash ?? '')).toBe(true);
		expect((await review.registry.search('wang-example.cn', 5)).map((e) => e.subjectNumber)).toEqual(['浙ICP备09123456号']);
		const again = await importLegacy(legacy.legacy, lines[0] ?? '', { scryptCost: cost, registry: review.registry });
		expect([again.added, again.existing, again.refused.length]).toEqual([0, 1, 0]);
	});

	it('LEG-6 reads CSV with one row per website sharing the subject columns', async () => {
		const { legacy, review } = open();
		const csv = [
			'loginId,loginEmail,password,subjectType,certificateType,certificateNumber,name,province,filedOn,domain,websiteName,websiteNumber',
			'co-login,co@example.com,"pass, with comma",enterprise,uscc-certificate,91110000101623741K,示例公司,BJ,2008-07-01,a-example.cn,官网,京ICP备08000009号-1',
			'co-login,co@example.com,"pass, with comma",enterprise,uscc-certificate,91110000101623741K,示例公司,BJ,2008-07-01,b-example.cn,商城,京ICP备08000009号-2',
			',,,individual,resident-id-card,330106198001010013,个人,ZJ,2009-01-01,c-example.cn,个人站',
			',,,enterprise,resident-id-card,330106198001010013,个人,ZJ,2009-01-01,c-example.cn,个人站,浙ICP备1号-1'
		].join('\r\n');
		const report = await importLegacy(legacy.legacy, csv, { scryptCost: cost, registry: review.registry });
		expect(report.added).toBe(1);
		expect(report.refused).toEqual([
			{ line: 4, reason: 'expected 12 columns, found 11' },
			{ line: 5, reason: 'certificate type resident-id-card does not fit subject type enterprise' }
		]);
		const company = await legacy.legacy.byLoginId('co-login');
		expect(company?.websites.map((w) => w.number)).toEqual(['京ICP备08000009号-1', '京ICP备08000009号-2']);
		expect(await verifyPassword('pass, with comma', company?.login?.passwordHash ?? '')).toBe(true);
		expect((await importLegacy(legacy.legacy, 'a,b\n1,2', { scryptCost: cost, registry: review.registry })).refused[0]?.reason).toMatch(/^CSV header lacks loginId/);
	});

	it('LEG-7 the demo dataset holds an individual with one website, an organization with two, a forgotten login and two claimable filings', async () => {
		const { legacy, review } = open();
		const report = await seedDemoLegacy(legacy.legacy, review.registry, cost);
		expect([report.added, report.refused]).toEqual([DEMO_LEGACY_ROWS.length, []]);
		expect((await legacy.legacy.byLoginId('demo-individual'))?.websites).toHaveLength(1);
		expect((await legacy.legacy.byLoginId('demo-company'))?.websites).toHaveLength(2);
		const forgotten = await legacy.legacy.byLoginId('demo-forgotten');
		expect(await verifyPassword('', forgotten?.login?.passwordHash ?? '')).toBe(false);
		for (const domain of ['claim-demo-one.cn', 'claim-demo-two.cn']) expect((await legacy.legacy.find({ domain }))?.login).toBeNull();
		expect((await seedDemoLegacy(legacy.legacy, review.registry, cost)).existing).toBe(DEMO_LEGACY_ROWS.length);
		expect(await legacy.legacy.removeUnattachedDemo()).toBe(DEMO_LEGACY_ROWS.length);
	});
});
