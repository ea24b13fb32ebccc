/** FileIndexStore contract (FILE-S*, listed in sync-server/src/storage/README.md), run over every implementation. */
import { describe, expect, it } from 'vitest';
import { useRecords, type OpenRecords } from './fixtures.ts';
import { accountHolder } from '../../../../../sync-server/src/files/holders.ts';

const h1 = 'a'.repeat(64);
const h2 = 'b'.repeat(64);

export function describeFileIndexStoreContract(name: string, open: OpenRecords): void {
	describe(`FileIndexStore contract: ${name}`, () => {
		const { fresh } = useRecords(open);

		it('FILE-S1 replaces the attachment references of a subject and finds the subjects referencing a hash, in id order', async () => {
			const { files } = await fresh();
			await files.setAttachmentRefs('s2', [h1]);
			await files.setAttachmentRefs('s1', [h1, h2, h1]);
			expect(await files.subjectsReferencing(h1)).toEqual(['s1', 's2']);
			await files.setAttachmentRefs('s1', [h2]);
			expect(await files.subjectsReferencing(h1)).toEqual(['s2']);
			expect(await files.subjectsReferencing(h2)).toEqual(['s1']);
		});

		it('FILE-S2 an empty list clears the references of that subject only', async () => {
			const { files } = await fresh();
			await files.setAttachmentRefs('s1', [h1]);
			await files.setAttachmentRefs('s2', [h1]);
			await files.setAttachmentRefs('s1', []);
			expect(await files.subjectsReferencing(h1)).toEqual(['s2']);
			expect(await files.subjectsReferencing(h2)).toEqual([]);
		});

		it('FILE-S3 records blob holders per subject and hash, idempotently', async () => {
			const { files } = await fresh();
			expect(await files.subjectHoldsBlob('s1', h1)).toBe(false);
			await files.addBlobHolder('s1', h1, 100);
			await files.addBlobHolder('s1', h1, 100);
			expect(await files.subjectHoldsBlob('s1', h1)).toBe(true);
			expect(await files.subjectHoldsBlob('s1', h2)).toBe(false);
			expect(await files.subjectHoldsBlob('s2', h1)).toBe(false);
		});

		it('FILE-S4 referencing a hash is not holding it, and dropping the reference keeps the proof', async () => {
			const { files } = await fresh();
			await files.setAttachmentRefs('s2', [h1]);
			expect(await files.subjectHoldsBlob('s2', h1)).toBe(false);
			await files.addBlobHolder('s1', h1, 100);
			await files.setAttachmentRefs('s1', [h1]);
			await files.setAttachmentRefs('s1', []);
			expect(await files.subjectHoldsBlob('s1', h1)).toBe(true);
			expect(await files.subjectsReferencing(h1)).toEqual(['s2']);
		});

		it('FILE-S5 sums the sizes of the blobs a subject holds, each blob once (the subject quota)', async () => {
			const { files } = await fresh();
			expect(await files.subjectHeldBytes('s1')).toEqual({ bytes: 0, unsized: [] });
			await files.addBlobHolder('s1', h1, 1000);
			await files.addBlobHolder('s1', h1, 1000);
			await files.addBlobHolder('s1', h2, 234);
			await files.addBlobHolder('s2', h1, 1000);
			expect(await files.subjectHeldBytes('s1')).toEqual({ bytes: 1234, unsized: [] });
			expect(await files.subjectHeldBytes('s2')).toEqual({ bytes: 1000, unsized: [] });
			expect(await files.subjectHeldBytes('s3')).toEqual({ bytes: 0, unsized: [] });
		});

		it('FILE-S6 an account holder key (`account:<id>`) holds and weighs apart from every subject', async () => {
			const { files } = await fresh();
			const holder = accountHolder('acc-1');
			await files.addBlobHolder(holder, h1, 500);
			expect(await files.subjectHoldsBlob(holder, h1)).toBe(true);
			expect(await files.subjectHoldsBlob('acc-1', h1)).toBe(false);
			expect(await files.subjectHoldsBlob(accountHolder('acc-2'), h1)).toBe(false);
			expect(await files.subjectHeldBytes(holder)).toEqual({ bytes: 500, unsized: [] });
			expect(await files.subjectsReferencing(h1)).toEqual([]);
		});
	});
}
