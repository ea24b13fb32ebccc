/**
 * Account requests, legacy import and password retrieval (issue 12). Every rule lives here; the
 * stores only keep rows. A legacy subject attaches to an account (LEG-2) by import with its old
 * login or by an approved claim: the account's subject is bound from the legacy certificate
 * (or must be the same holder: one account ↔ one subject) and its websites and numbers go into
 * the registry under that subject. An approved e-mail initialization replaces the legacy
 * login's e-mail (LEG-4); the applicant then sets a new legacy password through password
 * retrieval (LEG-5) and imports.
 */
import { createHash, randomBytes } from 'node:crypto';
import { validateAccountRequest, type AccountRequest } from '../../../src/lib/domain/account-request/account-request.ts';
import {
	ACCOUNT_REQUEST_TARGET_DAYS,
	RESET_LINK_LIFETIME_MS,
	type AccountRequestDecisionBody,
	type AccountRequestView,
	type InboxItemView,
	type LegacyFilingView
} from '../../../src/lib/domain/account-request/account-request-wire.ts';
import { addBusinessDays } from '../../../src/lib/domain/calendar/business-days.ts';
import { certificateKey, normalizeCertificate } from '../../../src/lib/domain/identity/certificate-number.ts';
import type { SubjectType } from '../../../src/lib/domain/subject/subject-type.ts';
import { fail, rateLimited, succeed, type Outcome } from '../accounts/outcome.ts';
import type { PasswordAttempts } from '../accounts/password-attempts.ts';
import { hashPassword, verifyPassword, PASSWORD_MIN_LENGTH, type ScryptCost } from '../accounts/passwords.ts';
import { RateLimiter } from '../accounts/rate-limiter.ts';
import type { SubjectService } from '../accounts/subject-service.ts';
import type { Logger } from '../log.ts';
import type { AccountRequestRecord, LegacyRecords, LegacySubjectRecord, ResetTarget } from '../storage/legacy/legacy-stores.ts';
import type { Records } from '../storage/records/records.ts';
import type { RegistryEntry, RegistryStore } from '../storage/review/review-stores.ts';
import type { Mailer } from './mailer.ts';

/** How many inbox items one listing shows (the newest). */
const INBOX_LIST_LIMIT = 100;

/** The holder key of an account's own uploads in the file index (as `files/holders.ts` on the slots branch: `account:<id>`). */
export function accountHolderKey(accountId: string): string {
	return `account:${accountId}`;
}

export interface LegacyDeskDeps {
	readonly records: Records;
	/** Ends every session of an account whose password was reset (their sockets close at once). */
	readonly sessions?: { revokeOthers(accountId: string, keep: string | null): Promise<number> };
	readonly legacy: LegacyRecords;
	readonly registry: RegistryStore;
	readonly subjects: SubjectService;
	readonly passwordAttempts: PasswordAttempts;
	readonly mailer: Mailer;
	readonly logger: Logger;
	readonly now: () => number;
	readonly scryptCost: ScryptCost;
}

/** Reasons are stored as checked by `ReviewReasonSchema` at the boundary. */
type Reasons = InboxItemView['reasons'];

const iso = (ms: number) => new Date(ms).toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** LEG-1: the review target, 1–2 business days after the submission day (Beijing time). */
export function reviewTarget(submittedAt: number): { earliest: string; latest: string } {
	const day = new Date(submittedAt + 8 * 3_600_000).toISOString().slice(0, 10);
	const at = (n: number) => {
		const r = addBusinessDays(day, n);
		return r.ok ? r.value.date : day;
	};
	return { earliest: at(ACCOUNT_REQUEST_TARGET_DAYS.earliest), latest: at(ACCOUNT_REQUEST_TARGET_DAYS.latest) };
}

export function filingView(record: LegacySubjectRecord): LegacyFilingView {
	return {
		subjectName: record.name,
		subjectType: record.subjectType,
		subjectNumber: record.subjectNumber,
		province: record.province,
		websites: record.websites.map((w) => ({ domain: w.domain, name: w.name, number: w.number }))
	};
}

/** Where a legacy filing attached to no account sits in the registry (its entries move to the subject on attaching). */
export function legacyRegistryKey(legacyId: string): string {
	return `legacy:${legacyId}`;
}

export function registryEntries(record: LegacySubjectRecord): RegistryEntry[] {
	const base = { subjectName: record.name, subjectType: record.subjectType, subjectNumber: record.subjectNumber, approvedOn: record.filedOn, shellFiling: false };
	if (record.websites.length === 0) return [{ ...base, websiteName: null, websiteNumber: null, domain: null, homeUrl: null }];
	return record.websites.map((w) => ({ ...base, websiteName: w.name, websiteNumber: w.number, domain: w.domain, homeUrl: `http://${w.domain}` }));
}

export class LegacyDesk {
	readonly #deps: LegacyDeskDeps;
	/** Retrieval requests per address, and per target (no mail bombing of one person). */
	readonly #resetPerIp: RateLimiter;
	readonly #resetPerTarget: RateLimiter;

	constructor(deps: LegacyDeskDeps) {
		this.#deps = deps;
		this.#resetPerIp = new RateLimiter({ max: 20, windowSeconds: 3600 }, deps.now);
		this.#resetPerTarget = new RateLimiter({ max: 5, windowSeconds: 3600 }, deps.now);
	}

	async #view(record: AccountRequestRecord): Promise<AccountRequestView> {
		const legacy = await this.#deps.legacy.legacy.byId(record.legacyId);
		const request = JSON.parse(record.body) as AccountRequest;
		return {
			requestId: record.requestId,
			kind: request.kind === 'claim' ? 'claim' : 'email-initialization',
			revision: record.revision,
			status: record.status,
			submittedAt: iso(record.submittedAt),
			target: reviewTarget(record.submittedAt),
			request,
			decision: record.decision && { action: record.decision.action, reasons: record.decision.reasons as Reasons, at: iso(record.decision.at) },
			filing: legacy ? filingView(legacy) : { subjectName: '', subjectType: '', subjectNumber: '', province: '', websites: [] }
		};
	}

	/** The legacy subject a request is about: a claimable filing (claim) or a login (e-mail initialization). */
	async #target(request: AccountRequest): Promise<Outcome<LegacySubjectRecord>> {
		const store = this.#deps.legacy.legacy;
		const notFound = (path: string[]) =>
			fail<LegacySubjectRecord>(422, 'legacy-filing-not-found', 'No such legacy filing', { issues: [{ rule: 'LEG-3', path, severity: 'error' }] });
		if (request.kind === 'claim') {
			const { domain, filingNumber } = request.claim;
			const found = (await store.find({ domain })) ?? (filingNumber ? await store.find({ number: filingNumber }) : null);
			if (!found || found.login !== null) return notFound(['claim', 'domain']);
			if (found.attachedTo) return fail(409, 'legacy-already-attached', 'This filing is attached to an account already');
			return succeed(found);
		}
		if (request.kind !== 'email-initialization') return fail(400, 'kind-not-an-order', 'A legacy import is POST /api/legacy-imports with the old login');
		const { loginId, domain } = request.emailInitialization;
		const found = (loginId ? await store.byLoginId(loginId) : null) ?? (domain ? await store.find({ domain }) : null);
		if (!found?.login) return notFound(['emailInitialization', loginId ? 'loginId' : 'domain']);
		if (found.attachedTo) return fail(409, 'legacy-already-attached', 'This filing is attached to an account already');
		return succeed(found);
	}

	/** PUT /api/account-requests/:requestId (LEG-S4 idempotence; LEG-3 documents held by the account). */
	async put(accountId: string, requestId: string, input: unknown): Promise<Outcome<{ status: 200 | 201; view: AccountRequestView }>> {
		const checked = validateAccountRequest(input);
		if (!checked.ok || checked.issues.some((i) => i.severity === 'error')) {
			return fail(422, 'account-request-invalid', 'The account request is not valid', { issues: checked.issues });
		}
		const request = checked.value;
		if (request.id !== requestId) return fail(422, 'account-request-invalid', 'The request id differs from the path', { issues: [{ rule: 'LEG-3', path: ['id'], severity: 'error' }] });
		const missing: string[] = [];
		for (const doc of request.documents) if (!(await this.#deps.records.files.subjectHoldsBlob(accountHolderKey(accountId), doc.sha256))) missing.push(doc.sha256);
		if (missing.length > 0) return fail(422, 'document-missing', 'Upload every document to this account first', { missing });
		// A request under review or decided keeps its filing (the store answers unchanged, in-review or decided).
		const existing = await this.#deps.legacy.requests.get(requestId);
		const target = existing && existing.status !== 'rejected' ? succeed({ id: existing.legacyId }) : await this.#target(request);
		if (!target.ok) return target;
		const body = JSON.stringify(request);
		const put = await this.#deps.legacy.requests.put({ requestId, accountId, kind: request.kind, body, hash: sha256(body), legacyId: target.value.id, submittedAt: this.#deps.now() });
		switch (put.outcome) {
			case 'id-taken':
				return fail(409, 'account-request-id-taken', 'Another account uses this request id');
			case 'in-review':
				return fail(409, 'account-request-in-review', 'The request is being reviewed');
			case 'decided':
				return fail(409, 'account-request-decided', 'The request has been approved');
			default:
				this.#deps.logger.log('info', 'account request stored', { requestId, kind: request.kind, outcome: put.outcome });
				return succeed({ status: put.outcome === 'created' ? 201 : 200, view: await this.#view(put.record) });
		}
	}

	async list(accountId: string): Promise<AccountRequestView[]> {
		return Promise.all((await this.#deps.legacy.requests.ofAccount(accountId)).map((r) => this.#view(r)));
	}

	/** The reviewers' queue: submitted requests, oldest first. */
	async pending(): Promise<AccountRequestView[]> {
		return Promise.all((await this.#deps.legacy.requests.pending()).map((r) => this.#view(r)));
	}

	/** The reviewer's view of one request (any status). */
	async get(requestId: string): Promise<AccountRequestView | null> {
		const record = await this.#deps.legacy.requests.get(requestId);
		return record ? this.#view(record) : null;
	}

	/** The documents a request references and whose uploads hold them (the requesting account), for the review desk (STAFF-3). */
	async documentsOf(requestId: string): Promise<{ holder: string; hashes: Set<string> } | null> {
		const record = await this.#deps.legacy.requests.get(requestId);
		if (!record) return null;
		const request = JSON.parse(record.body) as AccountRequest;
		return { holder: accountHolderKey(record.accountId), hashes: new Set(request.documents.map((d) => d.sha256)) };
	}

	/** POST /api/review/account-requests/:requestId/decisions (LEG-4): approve attaches (claim) or re-addresses (e-mail initialization). */
	async decide(reviewerId: string, requestId: string, body: AccountRequestDecisionBody): Promise<Outcome<AccountRequestView>> {
		const { legacy, now, logger } = this.#deps;
		const record = await legacy.requests.get(requestId);
		if (!record) return fail(404, 'not-found', 'No such account request');
		if (record.status !== 'submitted') return fail(409, 'transition-not-allowed', 'The request has been decided');
		const reasons = body.reasons ?? [];
		if (body.action === 'reject' && reasons.length === 0) return fail(422, 'invalid-input', 'A rejection needs at least one reason', { issues: [{ rule: 'REV-1', path: ['reasons'], severity: 'error' }] });
		if (body.action === 'approve') {
			const applied = await this.#apply(record);
			if (!applied.ok) return applied;
		}
		const at = now();
		if ((await legacy.requests.decide(requestId, record.revision, { action: body.action, reasons, by: reviewerId, at })) !== 'decided') {
			return fail(409, 'transition-not-allowed', 'The request has been decided or revised meanwhile');
		}
		await legacy.inbox.add({ id: randomBytes(9).toString('base64url'), accountId: record.accountId, at, about: 'account-request', refId: requestId, action: body.action, reasons });
		logger.log('info', 'account request decided', { requestId, action: body.action, reviewerId });
		const decided = await legacy.requests.get(requestId);
		return succeed(await this.#view(decided ?? record));
	}

	async #apply(record: AccountRequestRecord): Promise<Outcome<null>> {
		const target = await this.#deps.legacy.legacy.byId(record.legacyId);
		if (!target) return fail(404, 'legacy-filing-not-found', 'The legacy filing is gone');
		if (target.attachedTo) return fail(409, 'legacy-already-attached', 'This filing is attached to an account already');
		const request = JSON.parse(record.body) as AccountRequest;
		if (request.kind === 'email-initialization') {
			await this.#deps.legacy.legacy.setLoginEmail(target.id, request.emailInitialization.newEmail.trim());
			return succeed(null);
		}
		const attached = await this.attach(record.accountId, target);
		return attached.ok ? succeed(null) : attached;
	}

	/**
	 * LEG-2: attaches a legacy subject to the account — binds the account's subject from the
	 * legacy certificate, or reuses it when it is the same holder; refuses another subject.
	 */
	async attach(accountId: string, target: LegacySubjectRecord): Promise<Outcome<{ subjectId: string }>> {
		const { records, subjects, legacy, registry, now, logger } = this.#deps;
		const canonical = normalizeCertificate(target.certificateType, target.certificateNumber);
		if (!canonical.ok) return fail(422, 'invalid-certificate', 'The legacy filing has an invalid certificate');
		const own = await records.subjects.ownedBy(accountId);
		let subjectId: string;
		if (own) {
			if (own.certificateKey !== certificateKey(canonical.value)) return fail(409, 'legacy-other-subject', 'This account already has a different subject (one account, one subject)');
			subjectId = own.id;
		} else {
			const bound = await subjects.bind(accountId, { subjectType: target.subjectType as SubjectType, certificateType: target.certificateType, certificateNumber: target.certificateNumber, name: target.name });
			if (!bound.ok) return bound;
			subjectId = bound.value.id;
		}
		const outcome = await legacy.legacy.attach(target.id, { accountId, subjectId, at: now() });
		if (outcome !== 'attached') return fail(409, 'legacy-already-attached', 'This filing is attached to an account already');
		const entries = registryEntries(target);
		const numbers = new Set(entries.map((e) => e.websiteNumber ?? e.subjectNumber));
		const kept = (await registry.ofSubject(subjectId)).filter((e) => !numbers.has(e.websiteNumber ?? e.subjectNumber));
		await registry.replace(subjectId, [...kept, ...entries]);
		await registry.replace(legacyRegistryKey(target.id), []);
		logger.log('info', 'legacy filing attached', { accountId, subjectId, legacyId: target.id });
		return succeed({ subjectId });
	}

	/** POST /api/legacy-imports: the old login's password, checked by the sign-in limiter per login ID and address (LEG-2). */
	async importLegacy(accountId: string, loginId: string, password: string, ip: string): Promise<Outcome<{ subjectId: string; imported: LegacyFilingView }>> {
		const store = this.#deps.legacy.legacy;
		let found: LegacySubjectRecord | null = null;
		const check = await this.#deps.passwordAttempts.check(`legacy:${loginId.trim().toLowerCase()}`, ip, async () => {
			found = await store.byLoginId(loginId);
			return found?.login ? verifyPassword(password, found.login.passwordHash) : false;
		});
		if (check.outcome === 'limited') return rateLimited(check.retryAfterSeconds);
		const target = found as LegacySubjectRecord | null;
		if (check.outcome === 'wrong' || !target) return fail(403, 'legacy-login-wrong', 'Wrong legacy login ID or password');
		if (target.attachedTo) {
			if (target.attachedTo.accountId === accountId) return succeed({ subjectId: target.attachedTo.subjectId, imported: filingView(target) });
			return fail(409, 'legacy-already-attached', 'This filing is attached to another account');
		}
		const attached = await this.attach(accountId, target);
		return attached.ok ? succeed({ subjectId: attached.value.subjectId, imported: filingView(target) }) : attached;
	}

	/** POST /api/password-resets (LEG-5): mails a single-use link when the address or login is known; the answer never tells. */
	async requestReset(input: { email: string } | { loginId: string }, ip: string, origin: string): Promise<Outcome<null>> {
		const perIp = this.#resetPerIp.take(ip);
		if (!perIp.allowed) return rateLimited(perIp.retryAfterSeconds);
		let target: ResetTarget | null = null;
		let to = '';
		if ('email' in input) {
			const account = await this.#deps.records.accounts.byEmail(input.email.trim().toLowerCase());
			if (account) [target, to] = [{ kind: 'account', accountId: account.id }, account.email];
		} else {
			const legacy = await this.#deps.legacy.legacy.byLoginId(input.loginId);
			if (legacy?.login && !legacy.attachedTo) [target, to] = [{ kind: 'legacy', loginId: legacy.login.loginId }, legacy.login.email];
		}
		if (!target) return succeed(null);
		const key = target.kind === 'account' ? `a:${target.accountId}` : `l:${target.loginId}`;
		if (!this.#resetPerTarget.take(key).allowed) return succeed(null);
		const token = randomBytes(32).toString('base64url');
		const now = this.#deps.now();
		await this.#deps.legacy.resetTokens.add({ tokenHash: sha256(token), target, createdAt: now, expiresAt: now + RESET_LINK_LIFETIME_MS });
		const link = `${origin}/account/reset?token=${token}`;
		const what = target.kind === 'account' ? 'Beian 账号 / Beian account' : `原万网登录账号 / legacy HiChina login ${target.loginId}`;
		await this.#deps.mailer.send({
			to,
			subject: '重设密码 / Reset your password',
			text: [
				`您（或他人）申请重设${what}的密码。请在 1 小时内打开以下链接设置新密码，链接只能使用一次：`,
				link,
				'如非本人操作，请忽略本邮件。',
				'',
				`Someone (perhaps you) asked to reset the password of the ${what}. Open this link within 1 hour to set a new password; it works once:`,
				link,
				'If it was not you, ignore this message.'
			].join('\n')
		});
		this.#deps.logger.log('info', 'password reset mailed', { kind: target.kind });
		return succeed(null);
	}

	/** POST /api/password-resets/confirm: sets the new password once per link. */
	async confirmReset(token: string, password: string): Promise<Outcome<null>> {
		if (password.length < PASSWORD_MIN_LENGTH) return fail(400, 'invalid-input', 'The password is too short', { issues: [{ rule: 'ACC-1', path: ['password'], severity: 'error' }] });
		const target = await this.#deps.legacy.resetTokens.consume(sha256(token), this.#deps.now());
		if (!target) return fail(410, 'reset-link-invalid', 'The link is unknown, used or expired');
		const hash = await hashPassword(password, this.#deps.scryptCost);
		const done = target.kind === 'account' ? await this.#deps.records.accounts.setPasswordHash(target.accountId, hash) : await this.#deps.legacy.legacy.setLoginPassword(target.loginId, hash);
		if (!done) return fail(410, 'reset-link-invalid', 'The account of this link is gone');
		if (target.kind === 'account') await this.#deps.sessions?.revokeOthers(target.accountId, null);
		this.#deps.logger.log('info', 'password reset', { kind: target.kind });
		return succeed(null);
	}

	/** The account's inbox, newest first, each with its read mark (NOTE-1..NOTE-3). */
	async inbox(accountId: string): Promise<InboxItemView[]> {
		return (await this.#deps.legacy.inbox.ofAccount(accountId, INBOX_LIST_LIMIT)).map((i) => ({
			id: i.id,
			at: iso(i.at),
			about: i.about,
			refId: i.refId,
			action: i.action,
			reasons: i.reasons as Reasons,
			readAt: i.readAt === null ? null : iso(i.readAt)
		}));
	}

	/** Marks the account's own items read (idempotent, NOTE-3), then lists the inbox again. */
	async markInboxRead(accountId: string, ids: readonly string[]): Promise<InboxItemView[]> {
		await this.#deps.legacy.inbox.markRead(accountId, ids, this.#deps.now());
		return this.inbox(accountId);
	}
}
