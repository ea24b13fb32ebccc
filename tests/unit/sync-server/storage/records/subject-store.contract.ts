/** SubjectStore contract (SUB-S*, listed in sync-server/src/storage/README.md), run over every implementation. */
import { describe, expect, it } from 'vitest';
import { subject, useRecords, type OpenRecords } from './fixtures.ts';

export function describeSubjectStoreContract(name: string, open: OpenRecords): void {
	describe(`SubjectStore contract: ${name}`, () => {
		const { withAccounts } = useRecords(open);

		it('SUB-S1 finds a bound subject by id and by its owner; unknown ones are null', async () => {
			const records = await withAccounts('a1', 'a2');
			expect(await records.bindSubject(subject('s1', 'a1'))).toBe('created');
			expect(await records.subjects.byId('s1')).toEqual(subject('s1', 'a1'));
			expect(await records.subjects.ownedBy('a1')).toEqual(subject('s1', 'a1'));
			expect(await records.subjects.byId('s2')).toBeNull();
			expect(await records.subjects.ownedBy('a2')).toBeNull();
		});

		it('SUB-S2 an account owns one subject: a second binding is refused and not stored', async () => {
			const records = await withAccounts('a1');
			await records.bindSubject(subject('s1', 'a1'));
			expect(await records.bindSubject(subject('s2', 'a1'))).toBe('account-has-subject');
			expect(await records.subjects.byId('s2')).toBeNull();
		});

		it('SUB-S3 a certificate is bound once: the same key, or the same type and number, is refused for another account', async () => {
			const records = await withAccounts('a1', 'a2');
			await records.bindSubject(subject('s1', 'a1'));
			expect(await records.bindSubject(subject('s3', 'a2', { certificateKey: 'key-s1' }))).toBe('subject-bound-elsewhere');
			expect(await records.bindSubject(subject('s4', 'a2', { certificateNumber: 'NUM-s1' }))).toBe('subject-bound-elsewhere');
			expect(await records.subjects.byId('s3')).toBeNull();
			expect(await records.subjects.byId('s4')).toBeNull();
			expect(await records.subjects.ownedBy('a2')).toBeNull();
			expect(await records.bindSubject(subject('s5', 'a2', { certificateType: 'passport', certificateNumber: 'NUM-s1' }))).toBe('created');
		});

		it('SUB-S4 keeps awkward text (quotes, markup, CJK) exactly as given', async () => {
			const records = await withAccounts('a1');
			const name = `<b>"杭州'示例"</b>; DROP TABLE subjects; --`;
			await records.bindSubject(subject('s1', 'a1', { name }));
			expect((await records.subjects.byId('s1'))?.name).toBe(name);
		});

		it('SUB-S5 re-keys every subject in one step; the earliest keeps a now-shared key, later ones stay unique; a second run changes nothing', async () => {
			const records = await withAccounts('a1', 'a2', 'a3');
			await records.bindSubject(subject('s1', 'a1', { certificateKey: 'old-1', createdAt: 10 }));
			await records.bindSubject(subject('s2', 'a2', { certificateKey: 'old-2', createdAt: 20 }));
			await records.bindSubject(subject('s3', 'a3', { certificateKey: 'org:x', createdAt: 30 }));
			const newKeys: Record<string, string> = { s1: 'org:x', s2: 'org:x', s3: 'old-1' };
			const keyOf = (s: { id: string; certificateKey: string }) => newKeys[s.id] ?? s.certificateKey;
			expect(await records.subjects.rekey(keyOf)).toEqual({ rekeyed: ['s1', 's2', 's3'], duplicates: ['s2'] });
			expect((await records.subjects.byId('s1'))?.certificateKey).toBe('org:x');
			expect((await records.subjects.byId('s2'))?.certificateKey).toBe('org:x#s2');
			expect((await records.subjects.byId('s3'))?.certificateKey).toBe('old-1');
			expect(await records.subjects.rekey(keyOf)).toEqual({ rekeyed: [], duplicates: ['s2'] });
		});

		it('SUB-S6 after re-keying, a new binding of a re-keyed certificate is refused', async () => {
			const records = await withAccounts('a1', 'a2');
			await records.bindSubject(subject('s1', 'a1', { certificateKey: 'old-1' }));
			await records.subjects.rekey(() => 'org:x');
			expect(await records.bindSubject(subject('s2', 'a2', { certificateKey: 'org:x' }))).toBe('subject-bound-elsewhere');
			expect(await records.bindSubject(subject('s3', 'a2', { certificateKey: 'old-1' }))).toBe('created');
		});
	});
}
