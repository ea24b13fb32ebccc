/**
 * Account requests end to end (issues 9, 10, 12), on the demo legacy dataset the server ships:
 * a legacy import with a demo login (wrong password, then right; a second subject refused with
 * the way out), a claim of a filing no login holds, and an e-mail initialization through
 * password retrieval to the import. The photos go into the request's slots, upload to the
 * account (holder=account), and only then is the request sent; a reviewer decides through the
 * desk's API (`npm run admin -- add-reviewer`, as an operator would), and the applicant sees the
 * state and the decision.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { waitForResetToken } from '../support/mail.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test, type E2eServer } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { ChecklistPage } from './pages/checklist-page.ts';
import { RequestsPage } from './pages/track-pages.ts';

const SHOTS = 'tests/.output/account-requests';
const ROOT = resolve(import.meta.dirname, '..', '..');
const photo = (name: string) => join(ROOT, 'tests', 'fixtures', 'capture', 'calibration', `${name}.jpg`);

/** A reviewer made by the operator command beside the running server, its one-time password replaced; decides requests through the desk's API. */
async function reviewerDesk(server: E2eServer): Promise<(requestId: string, decision: { action: 'approve' | 'reject'; reasons?: unknown[] }) => Promise<void>> {
	const email = `desk-${Date.now().toString(36)}@example.com`;
	const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'sync-server', 'src', 'admin.ts'), 'add-reviewer', email], { env: { ...process.env, DATA_DIR: server.dataDir } });
	const oneTime = /one-time password: (\S+)/.exec(stdout)?.[1] ?? '';
	const post = async (path: string, body: unknown, cookie = '') =>
		fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: JSON.stringify(body) });
	const signIn = await post('/api/sessions', { email, password: oneTime });
	expect(signIn.status).toBe(200);
	const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
	expect((await post('/api/review/password', { currentPassword: oneTime, newPassword: 'reviewer desk password' }, cookie)).status).toBe(204);
	return async (requestId, decision) => {
		const decided = await post(`/api/review/account-requests/${requestId}/decisions`, decision, cookie);
		expect(decided.status, await decided.clone().text()).toBe(200);
	};
}

/** Registers an applicant (no subject) and opens a new request of `kind`. */
async function startRequest(page: Page, server: E2eServer, email: string, kind: 'claim' | 'legacy-import' | 'email-initialization'): Promise<RequestsPage> {
	await new AccountPage(page).register(server.url, email);
	await expect(page).toHaveURL(/\/account\/subject$/);
	const requests = new RequestsPage(page);
	await requests.open(server.url);
	await requests.start(kind);
	return requests;
}

/** LEG-3: "send" waits for the slots' uploads; the request goes out once they are on the server. */
async function sendWithPhotos(page: Page, requests: RequestsPage, photos: Record<string, string>): Promise<string> {
	const slots = new ChecklistPage(page);
	for (const [kind, name] of Object.entries(photos)) {
		await slots.chooseFile(kind, photo(name));
		await expect(slots.item(kind).locator('[data-status]')).toHaveAttribute('data-status', /accepted|warned/, { timeout: 30_000 });
	}
	await requests.send();
	await expect(requests.state()).toHaveText('审核中', { timeout: 30_000 });
	for (const kind of Object.keys(photos)) await expect(slots.upload(kind)).toHaveText('已上传到服务器');
	return /\/requests\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
}

test('LEG-2 a demo legacy login imports its filing (a wrong password refused), and a second subject is refused with the way out', async ({ page, server }) => {
	test.setTimeout(120_000);
	const requests = await startRequest(page, server, 'import@example.com', 'legacy-import');
	await requests.send();
	await expect(page.getByTestId('error-summary').getByRole('link', { name: '请输入万网密码' })).toBeVisible();
	await requests.field(/^万网登录名$/).fill('demo-individual');
	await requests.field(/^万网密码$/).fill('not the password');
	await requests.send();
	await expect(page.getByTestId('send-error')).toHaveText(/原登录账号或密码错误/);
	await expectNoSeriousAxeViolations(page, '/requests/[draftId] legacy import refused');
	// The sign-in limiter: wrong passwords for one login from one address end in "too many attempts".
	await requests.field(/^万网登录名$/).fill('demo-forgotten');
	for (let attempt = 0; attempt < 8 && !/尝试次数过多/.test((await page.getByTestId('send-error').textContent()) ?? ''); attempt++) await requests.send();
	await expect(page.getByTestId('send-error')).toHaveText(/尝试次数过多，请 \d+ 秒后再试/);
	await requests.field(/^万网登录名$/).fill('demo-individual');
	await requests.field(/^万网密码$/).fill('demo-pass-1');
	await requests.send();
	await expect(page.getByTestId('import-done')).toContainText('演示用户张三');
	await expect(page.getByTestId('imported-number')).toHaveText(['浙ICP备09000001号-1']);
	await page.screenshot({ path: `${SHOTS}/import-done.png`, fullPage: true });

	// One account, one subject: the organization's login is refused, and the message says what to do.
	await requests.open(server.url);
	await requests.start('legacy-import');
	await requests.field(/^万网登录名$/).fill('demo-company');
	await requests.field(/^万网密码$/).fill('demo-pass-2');
	await requests.send();
	await expect(page.getByTestId('send-error')).toHaveText(/一个账号只能对应一个主体.*注册新账号/);
	await page.screenshot({ path: `${SHOTS}/import-second-subject.png`, fullPage: true });
});

test('LEG-3 LEG-4 LEG-5 a claim and an e-mail initialization go out once their photos are uploaded to the account; approved, the claim attaches and the new e-mail retrieves the password to import', async ({ page, browser, server }) => {
	test.setTimeout(240_000);
	// Claim of a filing no login holds, found by its domain, with the leader's ID card.
	const claim = await startRequest(page, server, 'claim@example.com', 'claim');
	await claim.field(/^域名$/).fill('claim-demo-one.cn');
	await claim.send();
	await expect(page.getByTestId('error-summary')).toBeFocused();
	const claimId = await sendWithPhotos(page, claim, { 'id-front': 'sharp', 'id-back': 'rotated' });
	await expect(page.getByTestId('request-status')).toContainText('演示用户王五');
	await expectNoSeriousAxeViolations(page, '/requests/[draftId] claim in review');
	await page.screenshot({ path: `${SHOTS}/claim-in-review.png`, fullPage: true });
	// Rejected with a reason: the applicant sees it, corrects the request and sends it again (revision 2).
	const decide = await reviewerDesk(server);
	await decide(claimId, { action: 'reject', reasons: [{ path: ['subjectName'], code: 'information-mismatch', note: '请填写主办单位名称' }] });
	await page.reload();
	await expect(claim.state()).toHaveText('已驳回');
	await expect(page.getByTestId('request-reasons')).toHaveText(['信息与证件不一致：请填写主办单位名称']);
	await page.screenshot({ path: `${SHOTS}/claim-rejected.png`, fullPage: true });
	await claim.field(/^主办单位名称（如知道）$/).fill('演示用户王五');
	await claim.send();
	await expect(claim.state()).toHaveText('审核中');
	await expect(page.getByTestId('request-status')).toContainText('第 2 次提交');
	await decide(claimId, { action: 'approve' });
	await page.reload();
	await expect(claim.state()).toHaveText('已通过');
	const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()) as { subject: { name: string } | null });
	expect(me.subject?.name).toBe('演示用户王五 (demo)');
	await claim.open(server.url);
	await expect(page.getByTestId('requests-sent').getByRole('listitem')).toHaveText([/认领备案：已通过/]);
	await page.screenshot({ path: `${SHOTS}/claim-approved.png`, fullPage: true });

	// E-mail initialization of the login whose password is forgotten, by a second applicant.
	const other = await browser.newContext({ viewport: { width: 360, height: 640 } });
	const phone = await other.newPage();
	const init = await startRequest(phone, server, 'li@example.com', 'email-initialization');
	await init.field(/^原万网登录名（如知道）$/).fill('demo-forgotten');
	await init.field(/^新的登录邮箱$/).fill('li-new@example.com');
	await init.field(/^申请人姓名$/).fill('李四');
	await init.field(/^申请人证件号码$/).fill('330102198505050021');
	const initId = await sendWithPhotos(phone, init, { 'id-front': 'sharp', 'id-back': 'rotated', 'holding-id-photo': 'soft' });
	await decide(initId, { action: 'approve' });
	await phone.reload();
	await expect(init.state()).toHaveText('已通过');
	await expectNoSeriousAxeViolations(phone, '/requests/[draftId] e-mail initialization approved');
	await phone.screenshot({ path: `${SHOTS}/email-initialization-approved.png`, fullPage: true });

	// LEG-5: the retrieval link goes to the new address; a new legacy password; then the import.
	await phone.getByRole('link', { name: '为原登录账号找回密码' }).click();
	await phone.getByLabel('我的原万网登录账号').check();
	await phone.getByLabel('原登录账号').fill('demo-forgotten');
	await phone.getByRole('button', { name: '发送链接' }).click();
	await expect(phone.getByTestId('reset-sent')).toBeVisible();
	await phone.goto(`${server.url}/account/reset?token=${await waitForResetToken(server.dataDir, 'li-new@example.com')}`);
	await phone.getByLabel('新密码', { exact: true }).fill('li new legacy password');
	await phone.getByLabel('再次输入新密码').fill('li new legacy password');
	await phone.getByRole('button', { name: '设置密码' }).click();
	await expect(phone.getByTestId('reset-done')).toBeVisible();
	await init.open(server.url);
	await init.start('legacy-import');
	await init.field(/^万网登录名$/).fill('demo-forgotten');
	await init.field(/^万网密码$/).fill('li new legacy password');
	await init.send();
	await expect(phone.getByTestId('imported-number')).toHaveText(['浙ICP备09000003号-1']);
	await phone.screenshot({ path: `${SHOTS}/email-initialization-imported.png`, fullPage: true });
	await other.close();
});
