/**
 * The whole order round trip between the applicant's phone and the review desk (issue 12,
 * REV-8, REV-9): the applicant sends a first filing; a reviewer (made by the operator command)
 * rejects one field; the applicant sees the reason on the status page and beside the field,
 * fixes it offline and resends; the desk approves through every stage; the filing number shows
 * on the phone and stays there offline; the public registry finds it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test, type E2eServer } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { ApplyPages, type PersonAnswers } from './pages/apply-pages.ts';
import { attachAndUpload } from './device-storage.ts';
import { ChecklistPage } from './pages/checklist-page.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUTPUT = resolve(ROOT, 'tests', '.output', 'review-desk');
mkdirSync(OUTPUT, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: resolve(OUTPUT, `${name}.png`), fullPage: true });
const photo = (name: string) => resolve(ROOT, 'tests', 'fixtures', 'capture', 'calibration', `${name}.jpg`);
const LEADER: PersonAnswers = { name: '王五', certificateType: 'resident-id-card', certificateNumber: '11010519491231002X', mobile: '13800138000', email: 'leader@example.com' };
const admin = (server: E2eServer, ...args: string[]) => promisify(execFile)(process.execPath, [join(ROOT, 'sync-server', 'src', 'admin.ts'), ...args], { env: { ...process.env, DATA_DIR: server.dataDir } });

/** A reviewer made by the operator command, its one-time password replaced; posts order decisions through the desk's API. */
async function reviewerDesk(server: E2eServer): Promise<(orderId: string, action: string, reasons?: unknown[]) => Promise<void>> {
	const email = `desk-${Date.now().toString(36)}@example.com`;
	const { stdout } = await admin(server, 'add-reviewer', email);
	const oneTime = /one-time password: (\S+)/.exec(stdout)?.[1] ?? '';
	const post = (path: string, body: unknown, cookie = '') => fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: JSON.stringify(body) });
	const signIn = await post('/api/sessions', { email, password: oneTime });
	expect(signIn.status).toBe(200);
	const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
	expect((await post('/api/review/password', { currentPassword: oneTime, newPassword: 'reviewer desk password' }, cookie)).status).toBe(204);
	return async (orderId, action, reasons) => {
		const decided = await post(`/api/review/orders/${orderId}/decisions`, reasons ? { action, reasons } : { action }, cookie);
		expect(decided.status, await decided.clone().text()).toBe(200);
	};
}

test('REV-8 REV-9 rejected on one field, fixed offline and resent, approved through every stage: the number shows offline and the registry finds it', async ({ page, context, server }) => {
	test.setTimeout(180_000);
	await admin(server, 'add-service-code', 'SVC-REVIEW-1');
	const account = new AccountPage(page);
	const apply = new ApplyPages(page);
	await account.register(server.url, 'wangwu@example.com');
	await account.bindSubject({ subjectType: 'individual', certificateType: 'resident-id-card', certificateNumber: LEADER.certificateNumber, name: '王五' });

	await apply.settleType(server.url, [false]);
	const orderId = await apply.startApplication();
	await apply.openTask('subject');
	await apply.subject({ province: 'BJ', addressProvince: 'BJ', certificateAddress: '北京市东城区东长安街2号', city: '北京市', district: '东城区', detail: '东长安街2号3单元401室', leader: LEADER });
	await apply.backToTasks();
	const [site] = await apply.websiteIds();
	await apply.openTask(`website-${site}`);
	await apply.website({ name: '王五的读书笔记', domain: 'wangwu-notes.cn', service: /其他/, remarks: '个人读书笔记和学习心得的记录，不涉及经营性内容，仅供个人交流。' });
	await page.locator('#website-administrator-isLegalRepresentative-false').check();
	await apply.backToTasks();
	await apply.openTask(`access-${site}`);
	await apply.access({ serviceCode: 'SVC-REVIEW-1', ips: '47.96.1.11', region: 'cn-beijing' });
	await apply.backToTasks();
	// The identity card photos, captured here and uploaded (the server checks every document is held).
	await apply.openTask('documents');
	const checklist = new ChecklistPage(page);
	// Two different photos: documents are kept by content, so one photo cannot fill two slots.
	for (const [kind, name] of [['id-front', 'sharp'], ['id-back', 'rotated']] as const) await attachAndUpload(checklist, kind, photo(name));
	await page.goto(`${server.url}/orders/${orderId}`);
	await apply.openTask('check');
	// One warning (NAME: a person's name in the website's name), rendered once the checks ran.
	await expect(page.getByTestId('warning')).toHaveCount(1);
	await page.getByTestId('warning').getByRole('checkbox').check();
	await apply.send();
	await expect(page.getByTestId('queued-panel')).toBeVisible();
	await page.goto(`${server.url}/orders/${orderId}/status`);
	await expect(page.locator('[data-status="provider-review"][aria-current="step"]')).toBeVisible({ timeout: 20_000 });

	const decide = await reviewerDesk(server);
	await decide(orderId, 'reject', [{ path: ['websites', 0, 'name'], code: 'website-name', note: '网站名称不能使用个人姓名' }]);

	// The reason reaches the phone: a linked summary on the status page, then beside the field.
	const summary = page.getByTestId('review-reasons');
	await expect(summary).toContainText('网站名称不符合要求', { timeout: 20_000 });
	await expect(summary).toContainText('网站名称不能使用个人姓名');
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]/status rejected');
	await shot(page, 'status-rejected');
	await context.setOffline(true);
	await summary.getByRole('link').click();
	await expect(page).toHaveURL(new RegExp(`/orders/${orderId}/websites/${site}#website-name$`));
	await expect(page.locator('#website-name-messages')).toContainText('网站名称不能使用个人姓名');
	await expect(page.locator('#website-name')).toBeEditable();
	await expectNoSeriousAxeViolations(page, '/orders/[orderId]/websites/[websiteId] rejected field');
	await shot(page, 'field-rejected');

	// Fixed offline: the reason goes once the field changes; resent into the outbox.
	await apply.text('website-name', '读书笔记小站');
	await expect(page.getByText('网站名称不能使用个人姓名')).toHaveCount(0);
	await apply.backToTasks();
	await apply.openTask('check');
	await expect(apply.errorSummary()).toHaveCount(0);
	for (const warning of await page.getByTestId('warning').all()) if (!(await warning.getByRole('checkbox').isChecked())) await warning.getByRole('checkbox').check();
	await apply.send();
	await expect(page.getByTestId('queued-panel')).toBeVisible();
	await context.setOffline(false);
	await page.goto(`${server.url}/orders/${orderId}/status`);
	await expect(page.locator('[data-status="provider-review"][aria-current="step"]')).toBeVisible({ timeout: 20_000 });
	await expect(page.getByTestId('review-reasons')).toHaveCount(0);

	for (const action of ['approve-provider', 'record-miit-submission', 'record-sms-verified', 'approve-administration']) await decide(orderId, action);
	await page.goto(server.url + '/');
	const home = page.getByTestId('home-site');
	await expect(home).toContainText(/京ICP备\d+号-1/, { timeout: 20_000 });
	await shot(page, 'home-filed');
	const number = /京ICP备\d+号-1/.exec((await home.textContent()) ?? '')?.[0] ?? '';

	// Stays on the phone with no network.
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('home-site')).toContainText(number);
	await context.setOffline(false);

	// The public registry query finds it, by domain.
	const registry = (await (await fetch(`${server.url}/api/registry?q=wangwu-notes.cn`)).json()) as unknown;
	expect(JSON.stringify(registry)).toContain(number);
});
