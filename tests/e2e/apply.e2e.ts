/**
 * The applicant's journeys (issue 10): settle the filing type, the task list, the question pages,
 * check and send into the outbox — an organisation with two websites (one removed, a warning
 * acknowledged, error-summary links that move focus), an individual drafting everything with
 * the server stopped, and one journey in English. Each new route gets an axe-core scan.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { DocumentRef } from '../../src/lib/domain/document/document-ref.ts';
import { makeDocument } from '../support/factories.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test, type E2eServer } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { ApplyPages, type PersonAnswers } from './pages/apply-pages.ts';
import { seedDocuments } from './seed-documents.ts';

const OUTPUT = resolve(import.meta.dirname, '..', '.output', 'apply');
mkdirSync(OUTPUT, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: resolve(OUTPUT, `${name}.png`), fullPage: true });

const LEADER: PersonAnswers = { name: '张三', certificateType: 'resident-id-card', certificateNumber: '11010519491231002X', mobile: '13800138000', email: 'leader@example.com' };

/** Document references for `kinds` (as captured on another device), put into the subject's workspace. */
async function seed(server: E2eServer, context: BrowserContext, page: Page, docs: Partial<DocumentRef>[]): Promise<void> {
	const me = (await (await page.request.get(server.url + '/api/me')).json()) as { subject: { id: string } };
	const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	await seedDocuments({ baseUrl: server.url, cookie, subjectId: me.subject.id, documents: docs.map((d) => makeDocument(d)) });
}

test('an organisation files two websites, removes one, acknowledges a warning, and error-summary links move focus to the field', async ({ page, context, server }) => {
	test.setTimeout(120_000);
	const account = new AccountPage(page);
	const apply = new ApplyPages(page);
	await account.register(server.url, 'org@example.com');
	await account.bindSubject({ certificateNumber: '91110000101623741K', name: '北京示例科技有限公司' });
	await seed(server, context, page, [{ kind: 'subject-certificate', owner: 'subject' }, { kind: 'id-front', owner: 'subject-leader' }, { kind: 'id-back', owner: 'subject-leader' }]);

	// Home: what to do next, then the filing type before any long form (once the page has settled:
	// the binding date arrives and moves the content).
	await expect(page.getByTestId('bound-at')).toBeVisible();
	await expect(page.getByTestId('apply-overview')).toContainText('北京示例科技有限公司');
	await page.getByRole('link', { name: '开始备案' }).click();
	await expect(page.getByRole('heading', { name: '先确定备案类型' })).toBeVisible();
	await page.getByRole('button', { name: '继续' }).click();
	await expect(apply.errorSummary()).toBeFocused();
	await expectNoSeriousAxeViolations(page, '/filing-type');
	const result = await apply.settleType(null, [false]);
	await expect(result).toContainText('你要办的是：首次备案');
	await shot(page, 'org-filing-type');
	const orderId = await apply.startApplication();

	// Task list: subject, the website and its access, documents, check and send.
	await expect(apply.task('subject')).toHaveAttribute('data-status', 'incomplete');
	await expect(apply.task('check')).toHaveAttribute('data-status', 'cannot-start');
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]');
	await page.getByRole('button', { name: '添加网站' }).click();
	await expect(page.getByRole('heading', { name: '网站信息' })).toBeVisible();
	// Markup typed into a field stays text, and the field's rule message shows.
	await apply.text('website-name', '<b>示例</b>&amp;');
	await expect(page.locator('#website-name')).toHaveValue('b示例/b&amp;');
	await expect(page.getByTestId('website-name-messages')).toContainText(/标记|HTML/);
	await expect(page.locator('main b')).toHaveCount(0);
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]/websites/[websiteId]');
	await apply.backToTasks();
	const [first, second] = await apply.websiteIds();
	expect(first && second).toBeTruthy();

	await apply.openTask('subject');
	await expect(page.getByRole('heading', { name: '主办单位信息' })).toBeVisible();
	// A correspondence address in another province: warning SUBJ-4, to acknowledge.
	await apply.subject({ province: 'BJ', addressProvince: 'SH', certificateAddress: '北京市海淀区中关村大街1号', city: '上海市', district: '浦东新区', detail: '世纪大道100号10层1001室', leader: { ...LEADER, email: '', legal: true } });
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]/subject');
	await apply.backToTasks();

	await apply.openTask(`website-${first}`);
	await apply.website({ name: '示例科技官方网站', domain: 'example-tech.cn', service: /单位门户网站/, remarks: '本网站为公司官方网站，用于介绍公司产品与服务信息。' });
	await apply.backToTasks();
	await apply.openTask(`access-${first}`);
	await expect(page.getByTestId('access-provider')).toHaveText('备案助手示例接入服务');
	await apply.access({ serviceCode: 'SVC-0001', ips: '47.96.1.10', region: 'cn-hangzhou' });
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]/websites/[websiteId]/access');
	await apply.backToTasks();
	await expect(apply.task(`access-${first}`)).toHaveAttribute('data-status', 'complete');
	await expect(apply.task(`website-${second}`)).toHaveAttribute('data-status', 'errors');

	// The second website goes again.
	await apply.openTask(`website-${second}`);
	await page.getByRole('button', { name: '从申请中删除这个网站' }).click();
	await page.getByRole('button', { name: '确定删除' }).click();
	await expect(page.getByTestId('task-list')).toBeVisible();
	expect(await apply.websiteIds()).toEqual([first]);
	await shot(page, 'org-task-list');

	// Check and send: the leader's e-mail is still empty — the summary's link opens that field, focused.
	await page.goto(`${server.url}/orders/${orderId}/check`);
	await expect(apply.errorSummary()).toBeVisible();
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]/check');
	await apply.errorSummary().locator('a[href$="#subject-leader-email"]').click();
	await expect(page).toHaveURL(/\/subject#subject-leader-email$/);
	await expect(page.locator('#subject-leader-email')).toBeFocused();
	await page.locator('#subject-leader-email').fill('leader@example.com');
	// The administrator was copied while the leader's e-mail was empty: the next link opens the website page.
	await page.goto(`${server.url}/orders/${orderId}/check`);
	await expect(apply.errorSummary()).toContainText('网站：示例科技官方网站：此项必填');
	await apply.errorSummary().locator('a[href$="#website-administrator-email"]').click();
	await expect(page.locator('#website-administrator-email')).toBeFocused();
	await page.locator('#website-administrator-email').fill('leader@example.com');
	await page.goto(`${server.url}/orders/${orderId}/check`);
	await expect(apply.errorSummary()).toHaveCount(0);
	const warning = page.locator('[data-testid="warning"][data-rule="SUBJ-4"]');
	await expect(warning).toContainText('通信地址');
	await expect(page.getByTestId('risk-notes')).toContainText(/短信|电话/);
	await apply.send();
	await expect(page.getByText('请先确认每一条提示。')).toBeVisible();
	await warning.getByLabel('我已了解，仍要发送').check();
	await shot(page, 'org-check');
	await apply.send();
	await expect(page.getByTestId('queued-panel')).toContainText('申请已放入发件箱');
	// The acknowledgment is stored with the draft: still ticked after a reload.
	await page.reload();
	await expect(warning.getByLabel('我已了解，仍要发送')).toBeChecked();
	await expect(page.getByTestId('queued-panel')).toBeVisible();
	await shot(page, 'org-queued');
});

test('an individual drafts a first filing completely with the server stopped and queues it', async ({ page, context, server }) => {
	test.setTimeout(120_000);
	const account = new AccountPage(page);
	const apply = new ApplyPages(page);
	await account.register(server.url, 'person@example.com');
	await account.bindSubject({ subjectType: 'individual', certificateType: 'resident-id-card', certificateNumber: LEADER.certificateNumber, name: '张三' });
	await seed(server, context, page, [{ kind: 'id-front', owner: 'subject-leader' }, { kind: 'id-back', owner: 'subject-leader' }]);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
	});

	await server.stop();
	await context.setOffline(true);
	const result = await apply.settleType(server.url, [false]);
	await expect(result).toContainText('首次备案');
	const orderId = await apply.startApplication();
	await apply.openTask('subject');
	await expect(page.getByRole('heading', { name: '你的个人信息' })).toBeVisible();
	await expect(page.getByRole('group', { name: /法定代表人/ })).toHaveCount(0);
	await apply.subject({ province: 'BJ', addressProvince: 'BJ', certificateAddress: '北京市东城区东长安街2号', city: '北京市', district: '东城区', detail: '东长安街2号3单元401室', leader: LEADER });
	await apply.backToTasks();
	const [site] = await apply.websiteIds();
	await apply.openTask(`website-${site}`);
	await apply.website({ name: '张三的读书笔记', domain: 'zhangsan-notes.cn', service: /其他/, remarks: '个人读书笔记和学习心得的记录，不涉及经营性内容，仅供个人交流。' });
	await page.locator('#website-administrator-isLegalRepresentative-false').check();
	await apply.backToTasks();
	await apply.openTask(`access-${site}`);
	await apply.access({ serviceCode: 'SVC-0002', ips: '47.96.1.11', region: 'cn-beijing' });
	await apply.backToTasks();
	await shot(page, 'person-offline-tasks');
	for (const task of ['subject', `website-${site}`, `access-${site}`, 'documents']) await expect(apply.task(task), task).toHaveAttribute('data-status', 'complete');
	await expect(apply.task('check')).toHaveAttribute('data-status', 'ready');

	await apply.openTask('check');
	await expect(apply.errorSummary()).toHaveCount(0);
	// One warning (NAME: a person's name as the website's name), rendered once the checks ran.
	await expect(page.getByTestId('warning')).toHaveCount(1);
	await page.getByTestId('warning').getByRole('checkbox').check();
	await apply.send();
	await expect(page.getByTestId('queued-panel')).toBeVisible();
	await shot(page, 'person-offline-queued');
	// Still offline and stopped: the task list reloads and says the order is in the outbox.
	await page.goto(`${server.url}/orders/${orderId}`);
	await expect(apply.task('check')).toHaveAttribute('data-status', 'queued');
	await page.goto(server.url + '/');
	await expect(page.getByTestId('home-site')).toContainText('等待发送');
});

test('in English: the filing type says a domain already filed here needs no filing; a first filing explains itself', async ({ page, server }) => {
	await page.goto(server.url + '/');
	await page.getByLabel('语言').selectOption('en');
	await page.getByRole('link', { name: 'Start a filing' }).click();
	const already = await new ApplyPages(page).settleType(null, [true, true, true, true]);
	await expect(already).toContainText('no new filing is needed');
	await page.getByRole('group').first().getByRole('radio', { name: 'No' }).check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(already).toContainText('Your filing type: First filing');
	await expect(page.locator('main')).not.toContainText(/[\u4e00-\u9fff]/);
	await expectNoSeriousAxeViolations(page, '/filing-type (en)');
	await new ApplyPages(page).startApplication();
	await expect(page.getByRole('heading', { name: 'Filing application' })).toBeVisible();
	await expect(page.locator('[data-task="subject"]')).toContainText('Subject information');
	await shot(page, 'english-task-list');
});
