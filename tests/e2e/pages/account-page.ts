/** Page models for signing up, signing in, binding a subject and inviting a collaborator. */
import { expect, type Page } from '@playwright/test';

export interface SubjectFacts {
	subjectType?: string;
	certificateType?: string;
	certificateNumber: string;
	name?: string;
}

export class AccountPage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	/** Registers a new account on /account (or on the current page when it shows the form). */
	async register(baseUrl: string, email: string, password = 'correct horse battery', displayName = nameFor(email)): Promise<void> {
		if (!this.page.url().includes('/join')) await this.page.goto(baseUrl + '/account');
		await this.fillAuth(email, password, /注册|Register/, displayName);
	}

	/** The account page's display-name field (PRES-5). */
	displayNameField() {
		return this.page.getByRole('textbox', { name: /^(你的名字|Your name)$/ });
	}

	/** Changes the display name on /account; waits for the saved notice. */
	async changeDisplayName(baseUrl: string, displayName: string): Promise<void> {
		if (!this.page.url().endsWith('/account')) await this.page.goto(baseUrl + '/account');
		await this.displayNameField().fill(displayName);
		await this.page.getByRole('button', { name: /^(保存名字|Save name)$/ }).click();
		await expect(this.page.getByTestId('display-name-saved')).toHaveText(/名字已保存|Your name has been saved/);
	}

	async signIn(baseUrl: string, email: string, password = 'correct horse battery'): Promise<void> {
		await this.page.goto(baseUrl + '/account');
		await this.page.getByRole('button', { name: /已有账号？登录|Have an account/ }).click();
		await this.fillAuth(email, password, /^(登录|Sign in)$/);
		await expect(this.page).toHaveURL(/\/(account\/subject)?$/);
	}

	/** Binds the signed-in account's subject on /account/subject; lands on the start page. */
	async bindSubject(facts: SubjectFacts): Promise<void> {
		await expect(this.page).toHaveURL(/\/account\/subject$/);
		if (facts.subjectType) await this.page.getByLabel(/主办单位性质|Subject type/).selectOption(facts.subjectType);
		if (facts.certificateType) await this.page.getByLabel(/^证件类型|Certificate type/).selectOption(facts.certificateType);
		await this.page.getByLabel(/证件号码|Certificate number/).fill(facts.certificateNumber);
		if (facts.name !== undefined) await this.subjectNameField().fill(facts.name);
		await this.page.getByRole('button', { name: /^(绑定|Bind)$/ }).click();
		await expect(this.page).toHaveURL(/\/$/);
	}

	/**
	 * Follows an in-app link to `path` (client-side navigation). A cold load of a nested route
	 * is issue 8's finding 1, covered by its own journey; this keeps these journeys about messages.
	 */
	async navigateInApp(path: string): Promise<void> {
		await this.page.evaluate((href) => {
			const link = document.createElement('a');
			link.href = href;
			document.querySelector('body > div')?.append(link);
			link.click();
			link.remove();
		}, path);
		await expect(this.page).toHaveURL(new RegExp(path.replaceAll('/', '\\/') + '$'));
	}

	/** The binding form's name field: 主办单位名称, or 姓名 for an individual. */
	subjectNameField() {
		return this.page.getByLabel(/^(主办单位名称|姓名|Subject name|Full name)$/);
	}

	/** Creates an invitation on /members and returns its link. */
	async invite(baseUrl: string, role: 'editor' | 'viewer' = 'editor'): Promise<string> {
		await this.page.goto(baseUrl + '/members');
		await this.page.getByLabel(/^角色$|^Role$/).selectOption(role);
		await this.page.getByRole('button', { name: /生成邀请|Create invitation/ }).click();
		const link = this.page.getByTestId('invite-link');
		await expect(link).toHaveValue(/\/join#/);
		return link.inputValue();
	}

	/** Opens an invitation link, registers, and accepts it; lands on the start page. */
	async acceptInvite(link: string, email: string): Promise<void> {
		await this.page.goto(link);
		await this.fillAuth(email, 'correct horse battery', /注册|Register/, nameFor(email));
		await this.page.getByRole('button', { name: /^(加入|Join)$/ }).click();
		await expect(this.page).toHaveURL(/\/$/);
	}

	private async fillAuth(email: string, password: string, submit: RegExp, displayName?: string): Promise<void> {
		if (displayName !== undefined) await this.page.getByRole('textbox', { name: /^(你的名字|Your name)$/ }).fill(displayName);
		await this.page.getByLabel(/^邮箱$|^E-mail$/).fill(email);
		await this.page.getByLabel(/^密码$|^Password$/).fill(password);
		await this.page.getByRole('button', { name: submit }).first().click();
	}
}

/** A display name for a test account: its mailbox name, cut to the 40-character limit. */
export function nameFor(email: string): string {
	return (email.split('@')[0] ?? email).slice(0, 40);
}
