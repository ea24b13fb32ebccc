/** Page model of the applicant's screens: filing type, task list, question pages, check and send. */
import { expect, type Page } from '@playwright/test';

export interface PersonAnswers {
	name: string;
	certificateType: string;
	certificateNumber: string;
	mobile: string;
	email: string;
	/** Asked for organisations only. */
	legal?: boolean;
}

export class ApplyPages {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	/** Answers the filing-type questions (`yes` / `no` by question order), continues, and returns the result box. */
	async settleType(baseUrl: string | null, answers: readonly boolean[]) {
		if (baseUrl) await this.page.goto(baseUrl + '/filing-type');
		for (const [i, yes] of answers.entries()) {
			await this.page.getByRole('group').nth(i).getByRole('radio', { name: yes ? /^(是|Yes)$/ : /^(否|No)$/ }).check();
		}
		await this.page.getByRole('button', { name: /^(继续|Continue)$/ }).click();
		return this.page.getByTestId('filing-type-result');
	}

	/** Starts the application from the filing-type result; returns the order id. */
	async startApplication(): Promise<string> {
		await this.page.getByRole('button', { name: /开始填写申请|Start the application/ }).click();
		await expect(this.page).toHaveURL(/\/orders\/[^/]+$/);
		return decodeURIComponent(new URL(this.page.url()).pathname.split('/')[2] ?? '');
	}

	task(id: string) {
		return this.page.locator(`[data-task="${id}"]`);
	}

	/** The website ids of the task list, in order. */
	async websiteIds(): Promise<string[]> {
		const ids = await this.page.locator('[data-task^="website-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task') ?? ''));
		return ids.map((id) => id.slice('website-'.length));
	}

	async openTask(id: string): Promise<void> {
		await this.task(id).getByRole('link').click();
	}

	async text(id: string, value: string): Promise<void> {
		await this.page.locator(`#${id}`).fill(value);
	}

	async choose(id: string, value: string): Promise<void> {
		await this.page.locator(`#${id}`).selectOption(value);
	}

	async person(prefix: string, p: PersonAnswers): Promise<void> {
		await this.text(`${prefix}-name`, p.name);
		await this.choose(`${prefix}-certificateType`, p.certificateType);
		await this.text(`${prefix}-certificateNumber`, p.certificateNumber);
		await this.page.locator(`#${prefix}-certificateValidUntil`).locator('xpath=..').getByRole('checkbox').check();
		await this.text(`${prefix}-mobile`, p.mobile);
		await this.text(`${prefix}-email`, p.email);
		if (p.legal !== undefined) await this.page.getByRole('group', { name: /法定代表人|legal representative/ }).getByRole('radio', { name: p.legal ? /^(是|Yes)$/ : /^(否|No)$/ }).check();
	}

	/** The subject page: province, addresses and the leader. */
	async subject(answers: { province: string; addressProvince: string; certificateAddress: string; city: string; district: string; detail: string; leader: PersonAnswers }): Promise<void> {
		await this.choose('subject-province', answers.province);
		await this.text('subject-certificateAddress', answers.certificateAddress);
		await this.choose('subject-correspondenceAddress-province', answers.addressProvince);
		await this.text('subject-correspondenceAddress-city', answers.city);
		await this.text('subject-correspondenceAddress-district', answers.district);
		await this.text('subject-correspondenceAddress-detail', answers.detail);
		await this.person('subject-leader', answers.leader);
	}

	/** A website page: name, domain, homepage, one service content, the administrator copied from the leader. */
	async website(answers: { name: string; domain: string; service: RegExp; remarks: string }): Promise<void> {
		await this.text('website-name', answers.name);
		await this.text('website-domain', answers.domain);
		await this.text('website-homepageUrl', `https://www.${answers.domain}/`);
		await this.page.getByRole('group', { name: /网站服务内容|Service content/ }).getByRole('checkbox', { name: answers.service }).check();
		await this.page.getByRole('button', { name: /复制他的信息|copy the details/ }).click();
		await this.text('website-remarks', answers.remarks);
	}

	async access(answers: { serviceCode: string; ips: string; region: string }): Promise<void> {
		await expect(this.page.getByTestId('account-note')).toBeVisible();
		await this.text('access-serviceCode', answers.serviceCode);
		await this.text('access-ips', answers.ips);
		await this.text('access-region', answers.region);
	}

	async backToTasks(): Promise<void> {
		await this.page.getByRole('link', { name: /保存并返回|Save and go back/ }).click();
		await expect(this.page.getByTestId('task-list')).toBeVisible();
	}

	errorSummary() {
		return this.page.getByTestId('error-summary');
	}

	async send(): Promise<void> {
		await this.page.getByRole('button', { name: /发送申请|Send the application/ }).click();
	}
}
