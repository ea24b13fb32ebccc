/** ApprovedRecordStore contract (APR-S*, listed in sync-server/src/storage/README.md), run over every implementation. */
import { describe, expect, it } from 'vitest';
import { makeApprovedRecord, makeWebsite } from '../../../../support/factories.ts';
import { useRecords, type OpenRecords } from './fixtures.ts';

export function describeApprovedRecordStoreContract(name: string, open: OpenRecords): void {
	describe(`ApprovedRecordStore contract: ${name}`, () => {
		const { fresh } = useRecords(open);

		it('APR-S1 stores a subject\'s record, replaces it, and answers null for a subject without one', async () => {
			const { approved } = await fresh();
			const record = makeApprovedRecord({ subjectId: 's1' });
			expect(await approved.get('s1')).toBeNull();
			await approved.put(record, 1);
			expect(await approved.get('s1')).toEqual(record);
			const replaced = { ...record, shellFiling: true, approvedOn: '2026-11-20' };
			await approved.put(replaced, 2);
			expect(await approved.get('s1')).toEqual(replaced);
			expect(await approved.get('s2')).toBeNull();
		});

		it('APR-S2 finds the subjects whose record holds a domain, in any case, in id order; a replaced record drops its old domains', async () => {
			const { approved } = await fresh();
			await approved.put(makeApprovedRecord({ subjectId: 's2', websites: [makeWebsite({ domain: 'Example-Tech.cn' })] }), 1);
			await approved.put(makeApprovedRecord({ subjectId: 's1' }), 1);
			expect(await approved.subjectsWithDomain('EXAMPLE-tech.cn')).toEqual(['s1', 's2']);
			await approved.put(makeApprovedRecord({ subjectId: 's2', websites: [makeWebsite({ domain: 'other.cn' })] }), 2);
			expect(await approved.subjectsWithDomain('example-tech.cn')).toEqual(['s1']);
			expect(await approved.subjectsWithDomain('other.cn')).toEqual(['s2']);
			expect(await approved.subjectsWithDomain('nowhere.cn')).toEqual([]);
		});

		it('APR-S3 returns copies', async () => {
			const { approved } = await fresh();
			const record = makeApprovedRecord({ subjectId: 's1' });
			await approved.put(record, 1);
			const read = await approved.get('s1');
			if (read) (read.websites as unknown[]).length = 0;
			expect(await approved.get('s1')).toEqual(record);
		});
	});
}
