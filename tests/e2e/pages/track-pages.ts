/** Page models of the tracking screens: order status, change, cancel and account requests. */
import { expect, type Page } from '@playwright/test';

export class RequestsPage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	async open(baseUrl: string): Promise<void> {
		await this.page.goto(baseUrl + '/requests');
		await expect(this.page.getByRole('heading', { name: /^(账号申请|Account requests)$/ })).toBeVisible();
	}

	/** Starts a request of `kind` and lands on its form. */
	async start(kind: 'claim' | 'legacy-import' | 'email-initialization'): Promise<void> {
		await this.page.getByTestId(`start-${kind}`).click();
		await expect(this.page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
		await expect(this.sendButton()).toBeVisible();
	}

	/** "Send the request" (claim, e-mail initialization) or "Import" (legacy import). */
	sendButton() {
		return this.page.getByTestId('send-request');
	}

	async send(): Promise<void> {
		await this.sendButton().click();
	}

	/** The request's state as the server knows it (shown once sent). */
	state() {
		return this.page.getByTestId('request-state');
	}

	field(label: RegExp) {
		return this.page.getByLabel(label);
	}

	async check(): Promise<void> {
		await this.page.getByTestId('check-request').click();
	}
}

export class StatusPage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	async open(baseUrl: string, orderId: string): Promise<void> {
		await this.page.goto(`${baseUrl}/orders/${orderId}/status`);
		await expect(this.page.getByRole('heading', { name: /^(订单状态|Order status)$/ })).toBeVisible();
	}

	current() {
		return this.page.getByTestId('timeline').locator('li[aria-current="step"]');
	}

	outbox() {
		return this.page.getByTestId('outbox-state');
	}
}

export class RecordChangePage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	async openChange(baseUrl: string): Promise<void> {
		await this.page.goto(baseUrl + '/change');
		await expect(this.page.getByRole('heading', { name: /^(变更备案信息|Change your filing)$/ })).toBeVisible();
	}

	async openCancel(baseUrl: string): Promise<void> {
		await this.page.goto(baseUrl + '/cancel');
		await expect(this.page.getByRole('heading', { name: /^(注销备案或取消接入|Cancel a filing or an access)$/ })).toBeVisible();
	}

	diffRows() {
		return this.page.getByTestId('diff-row');
	}
}
