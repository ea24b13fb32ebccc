import { makeSubject, makeWebsite } from '../support/factories.ts';
import { seedApprovedRecord } from '../support/approved-records.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { StartPage } from './pages/start-page.ts';
import { RecordChangePage, StatusPage } from './pages/track-pages.ts';

const SHOTS = 'tests/.output/track';
const USCC = '91110000101623741K';
const NAME = '北京示例科技有限公司';

/** The approved record the review desk would have written: two websites, filed in Beijing. */
function approvedRecord(subjectId: string) {
	const subject = makeSubject({ id: subjectId, certificateNumber: USCC, name: NAME });
	// The provider operating the server (ACCESS_PROVIDER_NAME's default): an order naming another is refused.
	const access = { provider: '备案助手示例接入服务', serviceCode: '', ips: ['47.96.1.10'], region: 'cn-hangzhou' };
	return {
		version: 1,
		subjectId,
		approvedOn: '2026-10-12',
		subject,
		websites: [
			makeWebsite({ access: { ...access, serviceCode: 'SVC-0001' } }),
			makeWebsite({ id: 'site-2', name: '示例科技帮助中心', domain: 'example-help.cn', homepageUrl: 'https://www.example-help.cn/', access: { ...access, serviceCode: 'SVC-0002' } })
		],
		filingNumbers: { subject: '京ICP备12345678号', websites: { 'site-1': '京ICP备12345678号-1', 'site-2': '京ICP备12345678号-2' } },
		shellFiling: false
	};
}

test('change website: diff against the approved record, queued while the server is stopped, sent when it returns and in provider review on a second device; cancel website shows its consequences', async ({ browser, server }) => {
	test.setTimeout(180_000);
	const phone = await browser.newContext();
	const page = await phone.newPage();
	const account = new AccountPage(page);
	await account.register(server.url, 'change@example.com');
	await account.bindSubject({ certificateNumber: USCC, name: NAME });
	await new StartPage(page).waitForServiceWorker();
	const subjectId = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { subject: { id: string } }).subject.id);
	await server.stop();
	await seedApprovedRecord(server.dataDir, approvedRecord(subjectId));
	await server.start();

	// Change the website: the form starts from the record, the diff lists exactly what changed.
	const screens = new RecordChangePage(page);
	await screens.openChange(server.url);
	await expect(page.getByTestId('approved-on')).toContainText('京ICP备12345678号');
	await expectNoSeriousAxeViolations(page, '/change');
	await page.getByTestId('change-website-site-1').click();
	await expect(page).toHaveURL(/\/change\/[0-9a-f-]{36}$/);
	await expect(page.getByLabel('网站名称')).toHaveValue('示例科技官方网站');
	await expect(page.getByTestId('diff-none')).toBeVisible();
	await page.getByLabel('网站名称').fill('示例科技产品官网');
	await expect(screens.diffRows()).toHaveCount(1);
	await expect(screens.diffRows().first()).toHaveAttribute('data-field', 'name');
	await expect(screens.diffRows().first()).toContainText('示例科技官方网站');
	await expect(screens.diffRows().first()).toContainText('示例科技产品官网');
	await expectNoSeriousAxeViolations(page, '/change/[draftId]');
	await page.screenshot({ path: `${SHOTS}/change-website-diff.png`, fullPage: true });
	// The edit survives a reload (kept on the device).
	await page.reload();
	await expect(page.getByLabel('网站名称')).toHaveValue('示例科技产品官网');

	// Sent with the server stopped: it waits in the outbox, and goes out when the server is back.
	await server.stop();
	await page.getByTestId('send-change').click();
	await expect(page.getByTestId('queued')).toBeVisible();
	await page.getByRole('link', { name: '查看状态' }).click();
	const status = new StatusPage(page);
	await expect(status.outbox()).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/status-queued.png`, fullPage: true });
	const orderId = page.url().split('/').at(-2) ?? '';
	// A tampered client and a lost reply (issue 10, journey 4): when the outbox sends, a direct PUT
	// of the same order with an invalid ID number goes first and is refused with the rule ID; then
	// the server gets the real order but its reply is lost, and the outbox's resend stores nothing twice.
	const ORDER_PUT = /\/api\/subjects\/[^/]+\/orders\/[^/]+$/;
	let puts = 0;
	let serverBack = false;
	const seen: { tampered: { status: number; body: { error?: string; details?: { issues?: { rule: string; path: unknown[] }[] } } } | null } = { tampered: null };
	await phone.route(ORDER_PUT, async (route) => {
		if (route.request().method() !== 'PUT' || !serverBack) return route.continue();
		puts += 1;
		if (puts > 1) return route.continue();
		const { order: sent } = route.request().postDataJSON() as { order: { id: string; subject: { leader: Record<string, unknown> } } };
		const bad = { ...sent, id: `${sent.id}-tampered`, subject: { ...sent.subject, leader: { ...sent.subject.leader, certificateNumber: '110105194912310021' } } };
		const answer = await page.request.put(route.request().url().replace(/[^/]+$/, encodeURIComponent(bad.id)), { data: { order: bad }, headers: { origin: server.url } });
		seen.tampered = { status: answer.status(), body: (await answer.json()) as NonNullable<typeof seen.tampered>['body'] };
		await route.fetch();
		await route.abort('connectionreset');
	});
	await server.start();
	serverBack = true;
	await expect(status.current()).toHaveAttribute('data-status', 'provider-review', { timeout: 30_000 });
	// The status can arrive through the facts doc before the outbox's resend of the lost reply goes out.
	await expect.poll(() => puts, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
	await expect(status.outbox()).toHaveCount(0);
	expect(seen.tampered?.status).toBe(422);
	expect(seen.tampered?.body.error).toBe('order-invalid');
	expect(seen.tampered?.body.details?.issues).toContainEqual(expect.objectContaining({ rule: 'ID-3', path: expect.arrayContaining(['leader', 'certificateNumber']) }));
	const listed = (await (await page.request.get(`${server.url}/api/subjects/${subjectId}/orders`)).json()) as { orders: { id: string; status: string }[] };
	expect(listed.orders.map((o) => [o.id, o.status])).toEqual([[orderId, 'provider-review']]);
	await phone.unroute(ORDER_PUT);
	await expect(status.outbox()).toHaveCount(0);
	await expect(page.getByTestId('next-step')).toContainText('接入商初审');
	await expect(page.getByTestId('move-withdraw')).toBeVisible();
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]/status');
	await page.screenshot({ path: `${SHOTS}/status-provider-review.png`, fullPage: true });
	// Home (TRACK-7): the website being changed is in review and keeps its number; the other is filed.
	await page.goto(server.url + '/');
	const changed = page.getByTestId('home-site').filter({ hasText: '京ICP备12345678号-1' });
	await expect(changed).toHaveAttribute('data-state', 'in-review');
	await expect(changed.getByTestId('home-site-number')).toContainText('京ICP备12345678号-1');
	await expect(page.getByTestId('home-site').filter({ hasText: '京ICP备12345678号-2' })).toHaveAttribute('data-state', 'filed');
	await expectNoSeriousAxeViolations(page, '/ (websites with their state)');
	await page.screenshot({ path: `${SHOTS}/home-websites-state.png`, fullPage: true });

	// A second device of the same account sees it in provider review, and offline too after a reload.
	const laptop = await browser.newContext();
	const other = new AccountPage(await laptop.newPage());
	await other.signIn(server.url, 'change@example.com');
	const second = new StatusPage(other.page);
	await second.open(server.url, orderId);
	await expect(second.current()).toHaveAttribute('data-status', 'provider-review', { timeout: 20_000 });
	await expect(second.current().getByTestId('deadline')).toBeVisible();

	// Cancel a website: the consequences in plain words before anything is confirmed.
	await screens.openCancel(server.url);
	await expectNoSeriousAxeViolations(page, '/cancel');
	await page.getByTestId('cancel-website-site-2').click();
	await expect(page.getByTestId('cons-main')).toContainText('京ICP备12345678号-2');
	await expect(page.getByTestId('cons-remaining')).toContainText('1');
	await expect(page.getByTestId('cons-shell')).toHaveCount(0);
	await page.getByTestId('send-cancel').click();
	await expect(page.getByTestId('error-summary')).toBeFocused();
	await expect(page.getByTestId('error-summary')).toContainText('请选择注销原因');
	await expectNoSeriousAxeViolations(page, '/cancel/[draftId]');
	await page.screenshot({ path: `${SHOTS}/cancel-website-consequences.png`, fullPage: true });

	// The status page reloads offline from the device (server stopped, browser offline).
	await server.stop();
	await phone.setOffline(true);
	await status.open(server.url, orderId);
	await expect(status.current()).toHaveAttribute('data-status', 'provider-review');
	await phone.close();
	await laptop.close();
});
