/**
 * Contracts of the review stores (NUM-S1, SVC-S1, REG-S1, REV-S1), run over the in-memory and
 * the SQLite implementations (sync-server/src/storage/review/) and PostgreSQL (storage/pg/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../sync-server/src/storage/sqlite-doc-store.ts';
import { MemoryReviewRecords } from '../../../../../sync-server/src/storage/review/memory-review-stores.ts';
import type { RegistryEntry, ReviewRecords } from '../../../../../sync-server/src/storage/review/review-stores.ts';
import { SqliteReviewRecords } from '../../../../../sync-server/src/storage/review/sqlite-review-stores.ts';
import { PgReviewRecords } from '../../../../../sync-server/src/storage/pg/pg-review-stores.ts';
import { freshSchema, type PgFixture } from '../../../../support/pg-suite.ts';

const dirs: string[] = [];
const pgFixtures: PgFixture[] = [];
afterEach(async () => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	for (const db of pgFixtures.splice(0)) await db.dispose();
});

const implementations: [string, () => ReviewRecords | Promise<ReviewRecords>][] = [
	['memory', () => new MemoryReviewRecords()],
	[
		'sqlite',
		() => {
			const dir = mkdtempSync(join(tmpdir(), 'beian-review-'));
			dirs.push(dir);
			return new SqliteReviewRecords(openDatabase(join(dir, 'beian.sqlite')));
		}
	],
	[
		'postgresql',
		async () => {
			const db = await freshSchema('review');
			pgFixtures.push(db);
			return PgReviewRecords.open(db.pool);
		}
	]
];

const entry = (overrides: Partial<RegistryEntry> = {}): RegistryEntry => ({
	subjectName: '北京示例科技有限公司',
	subjectType: 'enterprise',
	subjectNumber: '京ICP备2026000001号',
	websiteName: '示例科技官方网站',
	websiteNumber: '京ICP备2026000001号-1',
	domain: 'example-tech.cn',
	homeUrl: 'https://example-tech.cn/',
	approvedOn: '2026-12-02',
	shellFiling: false,
	...overrides
});

describe.each(implementations)('review stores (%s)', (_name, make) => {
	it('FNUM-10 NUM-S1 hands out 1, 2, 3 … per province and year, also to concurrent callers', async () => {
		const { numbers } = await make();
		const serials = await Promise.all(Array.from({ length: 20 }, () => numbers.next('蜀', 2026)));
		expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(await numbers.next('蜀', 2027)).toBe(1);
		expect(await numbers.next('滇', 2026)).toBe(1);
		expect(await numbers.next('蜀', 2026)).toBe(21);
	});

	it('SVC-2 SVC-S1 uses codes all or none, for one subject only', async () => {
		const { serviceCodes } = await make();
		expect(await serviceCodes.add('A-1', 1)).toBe('added');
		expect(await serviceCodes.add('A-1', 2)).toBe('exists');
		await serviceCodes.add('A-2', 3);
		expect(await serviceCodes.use(['A-1', 'NOPE'], { subjectId: 's1', orderId: 'o1', at: 5 })).toBe('refused');
		expect((await serviceCodes.get('A-1'))?.usedBy).toBeNull();
		expect(await serviceCodes.use(['A-1'], { subjectId: 's1', orderId: 'o1', at: 5 })).toBe('used');
		expect(await serviceCodes.use(['A-1', 'A-2'], { subjectId: 's2', orderId: 'o2', at: 6 })).toBe('refused');
		expect((await serviceCodes.get('A-2'))?.usedBy).toBeNull();
		expect(await serviceCodes.use(['A-1', 'A-2'], { subjectId: 's1', orderId: 'o3', at: 7 })).toBe('used');
		expect((await serviceCodes.get('A-1'))?.usedBy).toEqual({ subjectId: 's1', orderId: 'o1', at: 5 });
		expect((await serviceCodes.list()).map((c) => c.code)).toEqual(['A-1', 'A-2']);
	});

	it('REG-1 REG-S1 replaces a subject\'s entries and finds them by domain, number or name, case-insensitively', async () => {
		const { registry } = await make();
		await registry.replace('s1', [entry(), entry({ websiteNumber: '京ICP备2026000001号-2', domain: 'Second.cn' })]);
		await registry.replace('s2', [entry({ subjectName: '另一家公司', subjectNumber: '沪ICP备2026000001号', websiteNumber: '沪ICP备2026000001号-1', domain: 'other.cn' })]);
		expect((await registry.search('second.CN', 10)).map((e) => e.domain)).toEqual(['Second.cn']);
		expect(await registry.search('京ICP备2026000001号', 10)).toHaveLength(2);
		expect(await registry.search('另一家', 10)).toHaveLength(1);
		expect(await registry.search('  ', 10)).toEqual([]);
		expect(await registry.search('cn', 1)).toHaveLength(1);
		await registry.replace('s1', []);
		expect(await registry.ofSubject('s1')).toEqual([]);
		expect(await registry.search('京ICP备', 10)).toEqual([]);
	});

	it('STAFF-1 REV-S1 keeps reviewers once, with the first-sign-in flag until cleared', async () => {
		const { reviewers } = await make();
		expect(await reviewers.count()).toBe(0);
		expect(await reviewers.add({ accountId: 'a1', mustChangePassword: true, createdAt: 1 })).toBe('added');
		expect(await reviewers.add({ accountId: 'a1', mustChangePassword: false, createdAt: 2 })).toBe('exists');
		expect(await reviewers.get('a1')).toEqual({ accountId: 'a1', mustChangePassword: true, createdAt: 1 });
		expect(await reviewers.passwordChanged('a1')).toBe(true);
		expect(await reviewers.passwordChanged('nobody')).toBe(false);
		expect((await reviewers.get('a1'))?.mustChangePassword).toBe(false);
		expect(await reviewers.count()).toBe(1);
	});
});
