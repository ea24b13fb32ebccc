/**
 * Issue 9, printable pages: the authorization letter, the verification form (核验单) and the
 * commitment letter of a real order draft, filled from the workspace (written by a second
 * device through the app's bindings), printed to A4 PDFs with the expected page counts, scanned
 * by axe, and reloaded offline.
 */
import type * as Y from 'yjs';
import { addOrderDraft } from '../../src/lib/sync/bindings/orders.ts';
import { setSubjectChoice, setSubjectText } from '../../src/lib/sync/bindings/subject.ts';
import { addWebsite, setWebsiteText, setWebsiteValue } from '../../src/lib/sync/bindings/websites.ts';
import { editWorkspaceFromDevice } from '../support/workspace-device.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { PrintPage, type LetterKind } from './pages/print-page.ts';
import { StartPage } from './pages/start-page.ts';

const LEADER_ID = '11010519491231002X';

/** An enterprise, its leader (not marked legal representative), two websites: one run by 李四, one by the leader. */
function fillDraft(doc: Y.Doc): string {
	setSubjectText(doc, 'certificateAddress', '北京市海淀区&lt;b&gt;路1号');
	setSubjectText(doc, 'leader.name', '王五');
	setSubjectChoice(doc, 'leader.certificateType', 'resident-id-card');
	setSubjectText(doc, 'leader.certificateNumber', LEADER_ID);
	setSubjectText(doc, 'leader.mobile', '13800138000');
	const blog = addWebsite(doc);
	const shop = addWebsite(doc);
	if (!blog || !shop) throw new Error('no website added');
	setWebsiteText(doc, blog, 'name', '示例技术博客');
	setWebsiteText(doc, blog, 'domain', 'example-blog.cn');
	setWebsiteText(doc, blog, 'administrator.name', '李四');
	setWebsiteValue(doc, blog, 'administrator.certificateType', 'resident-id-card');
	setWebsiteText(doc, blog, 'administrator.certificateNumber', '110101199003074477');
	setWebsiteText(doc, blog, 'access.provider', '阿里云');
	setWebsiteText(doc, shop, 'name', '示例商城');
	setWebsiteText(doc, shop, 'domain', 'example-shop.cn');
	setWebsiteText(doc, shop, 'administrator.name', '王五');
	setWebsiteValue(doc, shop, 'administrator.certificateType', 'resident-id-card');
	setWebsiteText(doc, shop, 'administrator.certificateNumber', LEADER_ID);
	return addOrderDraft(doc, { kind: 'first-filing', websiteIds: [blog, shop], created: '2026-12-01T02:00:00Z' });
}

/** Sheets each letter prints for that draft: leader + 李四; one form per website; one letter. */
const EXPECTED_PAGES: Record<LetterKind, number> = { authorization: 2, verification: 2, commitment: 1 };

test('PRINT-1 PRINT-2 PRINT-3 PRINT-4 PRINT-5 PRINT-6 PRINT-7 an order’s letters print its filing data with blanks, seal and signature blocks, on A4, and reload offline', async ({ page, context, server }) => {
	// Three PDFs with embedded CJK font subsets take a while on a busy machine.
	test.setTimeout(180_000);
	const account = new AccountPage(page);
	await account.register(server.url, 'letters@example.com');
	await account.bindSubject({ certificateNumber: '91110000101623741K', name: '北京示例科技有限公司' });
	const start = new StartPage(page);
	await start.expectStatus('saved');
	const orderId = await editWorkspaceFromDevice(page, server.url, fillDraft);
	const print = new PrintPage(page);

	await print.open(server.url, orderId);
	await expect(page.getByRole('heading', { level: 1, name: '打印材料' })).toBeVisible();
	await expect(page.getByTestId('letters-layout-note')).toContainText('常见格式');
	for (const [kind, title] of [['authorization', '授权书'], ['verification', '网站备案信息核验单'], ['commitment', '网站备案信息真实性承诺书']] as const) {
		await expect(page.getByRole('link', { name: title })).toHaveAttribute('href', `/orders/${orderId}/print/${kind}`);
	}
	await expectNoSeriousAxeViolations(page, 'print index');

	await print.open(server.url, orderId, 'authorization');
	await expect(print.sheets()).toHaveCount(2);
	await expect(print.sheets().nth(0)).toContainText('王五');
	await expect(print.sheets().nth(1)).toContainText('李四');
	await expect(print.sheets().nth(1)).toContainText('110101199003074477');
	for (const sheet of [print.sheets().nth(0), print.sheets().nth(1)]) {
		await expect(sheet).toContainText('北京示例科技有限公司');
		await expect(sheet).toContainText('首次备案');
		await expect(sheet).toContainText('2026 年 12 月 01 日');
		await expect(sheet.getByRole('cell', { name: 'example-blog.cn' })).toBeVisible();
		await expect(sheet.getByText('授权方（盖章）')).toBeVisible();
		await expect(sheet.getByText('被授权人（签字）')).toBeVisible();
		// The leader is not marked legal representative: that name is a blank line (PRINT-6).
		await expect(print.field(sheet, '法定代表人姓名').locator('[data-blank]')).toHaveCount(1);
	}
	await expect(page.locator('[data-signature="seal"]')).toHaveCount(2);
	await print.expectPrintButtonPrints();

	await print.open(server.url, orderId, 'verification');
	await expect(print.sheets()).toHaveCount(2);
	await expect(print.sheets().nth(0)).toContainText('example-blog.cn');
	await expect(print.sheets().nth(0)).toContainText('阿里云');
	// Markup typed into a field prints as the characters typed (PRINT-2).
	await expect(print.field(print.sheets().nth(0), '证件住所')).toHaveText('北京市海淀区&lt;b&gt;路1号');
	await expect(print.sheets().nth(1)).toContainText('example-shop.cn');
	await expect(print.field(print.sheets().nth(1), '接入服务商').locator('[data-blank]')).toHaveCount(1);
	await expect(print.sheets().nth(0).getByText('网站负责人（签字）')).toBeVisible();
	await expect(print.sheets().nth(0).getByText('主办单位（盖章）')).toBeVisible();

	await print.open(server.url, orderId, 'commitment');
	await expect(print.sheets()).toHaveCount(1);
	await expect(print.sheets()).toContainText('北京示例科技有限公司');
	await expect(print.sheets().getByRole('cell', { name: 'example-shop.cn' })).toBeVisible();
	await expect(print.sheets().getByText('主办单位负责人（签字）')).toBeVisible();

	for (const kind of Object.keys(EXPECTED_PAGES) as LetterKind[]) {
		await print.open(server.url, orderId, kind);
		await expect(print.sheets().first()).toBeVisible();
		await expect(page.locator('main')).not.toContainText(/undefined|null|NaN/);
		// Readable on a 360 px phone: nothing wider than the screen.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await print.screenshotScreen(kind);
		await expectNoSeriousAxeViolations(page, kind);
		expect(await print.printToPdf(kind), `${kind} PDF pages`).toBe(EXPECTED_PAGES[kind]);
	}

	// An id the draft does not hold is said so, with the way home (PRINT-1).
	await print.open(server.url, 'no-such-order', 'authorization');
	// The order pages' layout answers an order this device does not have, before any letter renders.
	await expect(page.getByRole('main').getByText('找不到这个申请。它可能已被删除或在另一台设备上放弃。')).toBeVisible();
	await expect(print.sheets()).toHaveCount(0);
	await expect(page.getByRole('main').getByRole('link', { name: '填写' })).toHaveAttribute('href', '/');

	// In English the words around the fields change; the filing data prints as typed (PRINT-7).
	await print.open(server.url, orderId, 'commitment');
	await page.getByLabel('语言').selectOption('en');
	await expect(page.getByRole('heading', { level: 1, name: 'Commitment to the truth of the filing information' })).toBeVisible();
	await expect(page.getByTestId('letters-layout-note')).toContainText('common layout');
	await expect(print.printButton()).toHaveText('Print or save as PDF');
	await expect(print.sheets()).toContainText('北京示例科技有限公司');
	await page.getByLabel('Language').selectOption('zh-CN');

	// Offline, the real order's pages reload from the device's copy of the draft.
	await start.waitForServiceWorker();
	await server.stop();
	await context.setOffline(true);
	for (const kind of [undefined, ...Object.keys(EXPECTED_PAGES)] as (LetterKind | undefined)[]) {
		await print.open(server.url, orderId, kind);
		await page.reload();
		await expect(page.getByText(kind ? '北京示例科技有限公司' : '打印材料').first()).toBeVisible();
	}
});
