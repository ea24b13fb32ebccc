/** Page model of a document checklist (`/orders/<id>/documents`): missing facts, slots, undo. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ChecklistPage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	/** From the start page: starts a first-filing checklist and waits for its route. */
	async startFromHome(): Promise<string> {
		await this.page.getByRole('button', { name: /开始首次备案的材料清单|Start a first-filing checklist/ }).click();
		await expect(this.page).toHaveURL(/\/orders\/[^/]+\/documents$/);
		return this.page.url();
	}

	/** Answers the facts the matrix still needs with the given option values. */
	async answer(facts: Record<string, string>): Promise<void> {
		for (const [fact, value] of Object.entries(facts)) await this.page.locator(`#fact-${fact}`).selectOption(value);
	}

	/** The slot item of a document kind (and owner). */
	item(kind: string, owner?: string): Locator {
		return this.page.locator(`li[data-kind="${kind}"]${owner ? `[data-owner="${owner}"]` : ''}`);
	}

	/** Picks a file into a slot through its "choose a file" control. */
	async chooseFile(kind: string, path: string): Promise<void> {
		await this.item(kind).getByLabel(/^(选择文件|重新选择文件|Choose a file|Choose another file)/).setInputFiles(path);
	}

	async expectStatus(kind: string, status: 'empty' | 'checking' | 'accepted' | 'warned' | 'refused'): Promise<void> {
		await expect(this.item(kind).locator('[data-status]')).toHaveAttribute('data-status', status, { timeout: 30_000 });
	}

	upload(kind: string): Locator {
		return this.item(kind).getByTestId('slot-upload');
	}
}
