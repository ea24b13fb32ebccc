/**
 * Collaboration you can see (issue 11): two people on two browser contexts of the production
 * build against the real server — who is here, the marker and caret on the field the other is in
 * (gone within 2 s after they close the page), concurrent edits that lose nothing, a choice set
 * by both at once with the overwritten person told, undo of one's own edits only, and a removed
 * website restored from the task list.
 */
import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { ApplyPages } from './pages/apply-pages.ts';
import { StartPage } from './pages/start-page.ts';

/** Sets the signed-in account's display name (PATCH /api/me, as the account page does). */
async function nameAccount(page: Page, displayName: string): Promise<void> {
	const status = await page.evaluate(async (name) => {
		const response = await fetch('/api/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ displayName: name }) });
		return response.status;
	}, displayName);
	expect(status).toBe(200);
}

/** The `.field` block of the control `#id`. */
function fieldOf(page: Page, id: string): Locator {
	return page.locator('.field', { has: page.locator(`#${id}`) });
}

test('PRES-6 PRES-4 PRES-7 UNDO-2 two people on one subject see each other per field, merge without loss and undo only their own edits', async ({ browser, server }) => {
	test.setTimeout(240_000);
	const ownerContext = await browser.newContext();
	const clerkContext = await browser.newContext();
	const owner = new AccountPage(await ownerContext.newPage());
	const clerk = new AccountPage(await clerkContext.newPage());
	await owner.register(server.url, 'presence-owner@example.com');
	await expect(owner.page).toHaveURL(/\/account\/subject$/);
	await nameAccount(owner.page, '王芳');
	await owner.bindSubject({ certificateNumber: '91330106673959654P', name: '杭州示例科技有限公司' });
	await clerk.acceptInvite(await owner.invite(server.url, 'editor'), 'presence-clerk@example.com');
	await nameAccount(clerk.page, '李雷');

	// The home page: who is here, with name and role in words (not only a colour).
	const ownerHome = new StartPage(owner.page);
	await ownerHome.open(server.url);
	await new StartPage(clerk.page).open(server.url);
	await expect(owner.page.getByTestId('presence-summary')).toHaveText('除你以外还有 1 人在这里：李雷（编辑者）');
	await expect(clerk.page.getByTestId('presence-summary')).toHaveText('除你以外还有 1 人在这里：王芳（管理员）');
	await expectNoSeriousAxeViolations(owner.page, 'home page with presence');

	// The owner starts an application; both open its subject page.
	const ownerApply = new ApplyPages(owner.page);
	await ownerApply.settleType(server.url, [false]);
	const orderId = await ownerApply.startApplication();
	const [site] = await ownerApply.websiteIds();
	await ownerApply.openTask('subject');
	await clerk.page.goto(`${server.url}/orders/${orderId}/subject`);
	await expect(clerk.page.locator('#subject-certificateAddress')).toBeVisible();

	// The clerk is in the certificate address, caret after two characters: the owner sees where.
	await clerk.page.locator('#subject-certificateAddress').fill('杭州市西湖区');
	await clerk.page.locator('#subject-certificateAddress').press('Home');
	await clerk.page.locator('#subject-certificateAddress').press('ArrowRight');
	await clerk.page.locator('#subject-certificateAddress').press('ArrowRight');
	const marker = fieldOf(owner.page, 'subject-certificateAddress').getByTestId('field-presence');
	await expect(marker).toHaveText(/李雷（编辑者）正在填写此项\s*（光标在第 2 个字符）/);
	await expect(fieldOf(owner.page, 'subject-certificateAddress').getByTestId('presence-caret')).toBeVisible();
	await expect(owner.page.getByTestId('presence-person')).toContainText('正在填写：证件住所');
	await expect(fieldOf(owner.page, 'subject-name').getByTestId('field-presence')).toHaveCount(0);

	// Two fields at once, then one shared text typed at both ends at once: nothing is lost.
	await Promise.all([owner.page.locator('#subject-correspondenceAddress-city').fill('杭州市'), clerk.page.locator('#subject-correspondenceAddress-district').fill('西湖区')]);
	for (const page of [owner.page, clerk.page]) {
		await expect(page.locator('#subject-correspondenceAddress-city')).toHaveValue('杭州市');
		await expect(page.locator('#subject-correspondenceAddress-district')).toHaveValue('西湖区');
	}
	await clerk.page.locator('#subject-remarks').fill('|');
	await expect(owner.page.locator('#subject-remarks')).toHaveValue('|');
	// The city was the owner's last step: a pause longer than the undo capture (500 ms) keeps the remarks a step of their own.
	await owner.page.waitForTimeout(600);
	const ownerRemarks = owner.page.locator('#subject-remarks');
	const clerkRemarks = clerk.page.locator('#subject-remarks');
	await ownerRemarks.click();
	await ownerRemarks.press('End');
	await clerkRemarks.click();
	await clerkRemarks.press('Home');
	await Promise.all([ownerRemarks.pressSequentially('甲乙丙'), clerkRemarks.pressSequentially('ABC')]);
	await expect(ownerRemarks).toHaveValue('ABC|甲乙丙');
	await expect(clerkRemarks).toHaveValue('ABC|甲乙丙');

	// Undo (Ctrl+Z) takes back only the owner's own typing; the clerk's characters stay.
	// Typing slower than the capture time (a busy machine) is several steps: each takes back some of 甲乙丙, never ABC.
	for (let step = 0; step < 3 && (await ownerRemarks.inputValue()) !== 'ABC|'; step++) {
		const before = await ownerRemarks.inputValue();
		await ownerRemarks.press('Control+z');
		await expect(ownerRemarks).not.toHaveValue(before);
		await expect(ownerRemarks).toHaveValue(/^ABC\|[甲乙丙]*$/);
	}
	await expect(ownerRemarks).toHaveValue('ABC|');
	await expect(clerkRemarks).toHaveValue('ABC|');
	await owner.page.getByRole('button', { name: '撤销', exact: true }).click();
	await expect(clerk.page.locator('#subject-correspondenceAddress-city')).toHaveValue('');
	await expect(owner.page.locator('#subject-correspondenceAddress-district')).toHaveValue('西湖区');
	await ownerRemarks.press('Control+Shift+z');
	await expect(clerk.page.locator('#subject-correspondenceAddress-city')).toHaveValue('杭州市');
	await expect(clerkRemarks).toHaveValue('ABC|');

	// One choice set by both at once: one value on both pages, and the one overwritten is told by whom.
	await Promise.all([owner.page.locator('#subject-province').selectOption('ZJ'), clerk.page.locator('#subject-province').selectOption('BJ')]);
	const ownerProvince = owner.page.locator('#subject-province');
	await expect.poll(async () => (await ownerProvince.inputValue()) === (await clerk.page.locator('#subject-province').inputValue()), { timeout: 5000 }).toBe(true);
	const final = await ownerProvince.inputValue();
	const [overwritten, kept, by, label] = final === 'BJ' ? [owner.page, clerk.page, '李雷', '北京'] : [clerk.page, owner.page, '王芳', '浙江'];
	await expect(fieldOf(overwritten, 'subject-province').getByTestId('choice-notice')).toContainText(`${by} 把这一项改成了“${label}”。`);
	await expect(fieldOf(kept, 'subject-province').getByTestId('choice-notice')).toHaveCount(0);
	await expectNoSeriousAxeViolations(overwritten, 'subject page with a field marker and a choice notice');

	// A website: the clerk in its access region, the owner sees it there.
	await clerk.page.goto(`${server.url}/orders/${orderId}/websites/${site}/access`);
	await clerk.page.locator('#access-region').click();
	await owner.page.goto(`${server.url}/orders/${orderId}/websites/${site}/access`);
	await expect(fieldOf(owner.page, 'access-region').getByTestId('field-presence')).toContainText('李雷（编辑者）正在填写此项');
	await expectNoSeriousAxeViolations(owner.page, 'access page with a field marker');

	// The clerk closes the page: gone for the owner within 2 s.
	const closed = Date.now();
	await clerk.page.close();
	await expect(owner.page.getByTestId('presence-summary')).toHaveText('只有你在这里。', { timeout: 2000 });
	await expect(owner.page.getByTestId('field-presence')).toHaveCount(0);
	expect(Date.now() - closed).toBeLessThan(2000);

	// The owner names the website, removes it, and restores it from the task list with its answers.
	await owner.page.goto(`${server.url}/orders/${orderId}/websites/${site}`);
	await owner.page.locator('#website-name').fill('示例官网');
	await expectNoSeriousAxeViolations(owner.page, 'website page');
	await owner.page.getByRole('button', { name: '从申请中删除这个网站' }).click();
	await owner.page.getByRole('alertdialog').getByRole('button', { name: '确定删除' }).click();
	await expect(owner.page.getByTestId('website-removed')).toContainText('示例官网');
	await expect.poll(() => ownerApply.websiteIds()).toEqual([]);
	await expectNoSeriousAxeViolations(owner.page, 'task list with the removal undo');
	await owner.page.getByRole('button', { name: '撤销移除' }).click();
	await expect.poll(() => ownerApply.websiteIds()).toEqual([site]);
	await ownerApply.openTask(`website-${site}`);
	await expect(owner.page.locator('#website-name')).toHaveValue('示例官网');

	await ownerContext.close();
	await clerkContext.close();
});
