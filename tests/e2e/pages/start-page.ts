/** Page model of the start page (`/`): the subject name field and the sync badge. */
import { expect, type Page } from '@playwright/test';

export class StartPage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	async open(baseUrl: string): Promise<void> {
		await this.page.goto(baseUrl + '/');
		await expect(this.subjectName()).toBeVisible();
	}

	subjectName() {
		// 姓名 / Full name for an individual subject (domain-research §5.2).
		return this.page.getByLabel(/主办单位名称|姓名|Subject name|Full name/);
	}

	/** The sync badge: the status region that carries `data-status` (the layout's notices region is another). */
	badge() {
		return this.page.getByRole('status').and(this.page.locator('[data-status]'));
	}

	async expectStatus(status: 'offline' | 'connecting' | 'sending' | 'saved' | 'refused'): Promise<void> {
		await expect(this.badge()).toHaveAttribute('data-status', status);
	}

	/** Types at the end of the subject name, key by key. */
	async typeName(text: string): Promise<void> {
		await this.subjectName().click();
		await this.subjectName().press('End');
		await this.subjectName().pressSequentially(text);
	}

	/** Waits until the page is controlled by the service worker (after the first install). */
	async waitForServiceWorker(): Promise<void> {
		await this.page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (navigator.serviceWorker.controller) return;
			await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
		});
	}
}
