/** Device-storage helpers shared by the vault and account journeys: the checklist's first slots, and what IndexedDB holds per account. */
import { expect, type Page } from '@playwright/test';
import { ChecklistPage } from './pages/checklist-page.ts';

/** The first-filing checklist of the bound enterprise, its facts answered (Beijing, ID card, leader is legal representative). */
export async function openChecklist(page: Page): Promise<ChecklistPage> {
	const checklist = new ChecklistPage(page);
	await checklist.startFromHome();
	await checklist.answer({ province: 'BJ', 'leader-certificate-type': 'resident-id-card', 'leader-is-legal-representative': 'true' });
	await expect(page.locator('li[data-kind]')).toHaveCount(3);
	return checklist;
}

export async function attachAndUpload(checklist: ChecklistPage, kind: string, file: string): Promise<void> {
	await checklist.chooseFile(kind, file);
	await expect(checklist.upload(kind)).toHaveText('已上传到服务器', { timeout: 30_000 });
}

/** The vault's rows and keys, by account, and the workspaces and accounts on this device. */
export function deviceRows(page: Page) {
	return page.evaluate(async () => {
		const open = indexedDB.open('beian');
		const db = await new Promise<IDBDatabase>((done, fail) => ((open.onsuccess = () => done(open.result)), (open.onerror = () => fail(open.error))));
		const all = (store: string) =>
			new Promise<unknown[]>((done, fail) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => done(request.result);
				request.onerror = () => fail(request.error);
			});
		const accounts = (await all('deviceAccounts')) as { accountId: string; email: string; me: { subject: { id: string } | null } }[];
		const result = {
			accounts: accounts.map((a) => ({ accountId: a.accountId, email: a.email, subjectId: a.me.subject?.id ?? null })),
			sealed: ((await all('sealedBlobs')) as { accountId: string; sha256: string }[]).map((r) => `${r.accountId}:${r.sha256}`).sort(),
			keys: ((await all('vaultKeys')) as { accountId: string }[]).map((r) => r.accountId).sort(),
			workspaces: ((await all('workspaces')) as { id: string }[]).map((r) => r.id).sort(),
			transfers: ((await all('transfers')) as { subjectId: string }[]).map((r) => r.subjectId)
		};
		db.close();
		return result;
	});
}
