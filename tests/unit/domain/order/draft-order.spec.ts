import { describe, expect, it } from 'vitest';
import { canSend, deriveTasks, documentFactsKnown, draftOrderIssues, freezeDraft, taskOf, warningKey, type DraftOrderInput } from '../../../../src/lib/domain/order/draft-order.ts';
import { migrateOrder } from '../../../../src/lib/domain/order/order.ts';
import { issue } from '../../../../src/lib/domain/result.ts';
import type { PersonDraft, SubjectDraft, WebsiteDraft } from '../../../../src/lib/domain/workspace/drafts.ts';
import { documentsFor, TODAY } from '../../../support/factories.ts';

const leader: PersonDraft = { name: '张三', certificateType: 'resident-id-card', certificateNumber: '11010519491231002X', certificateValidUntil: 'long-term', mobile: '13800138000', emergencyPhone: '', landline: '', email: 'leader@example.com', isLegalRepresentative: true };
const subject: SubjectDraft = {
	type: 'enterprise',
	certificateType: 'uscc-certificate',
	certificateNumber: '91110000101623741K',
	name: '北京示例科技有限公司',
	province: 'BJ',
	certificateAddress: '北京市海淀区中关村大街1号',
	correspondenceAddress: { province: 'BJ', city: '北京市', district: '海淀区', detail: '中关村大街1号5层501室' },
	investor: '',
	leader,
	remarks: ''
};
const site = (id: string, domain: string): WebsiteDraft => ({
	id,
	layout: 1,
	name: '示例科技官方网站',
	domain,
	homepageUrl: `https://www.${domain}/`,
	serviceContent: ['organization-portal'],
	languages: ['zh-Hans'],
	preApprovals: [],
	administrator: { ...leader },
	access: { provider: 'aliyun', serviceCode: 'SVC-0001', ips: ['47.96.1.10'], region: 'cn-hangzhou' },
	remarks: '本网站为公司官方网站，用于介绍公司产品与服务信息。'
});

function input(overrides: Partial<DraftOrderInput> = {}): DraftOrderInput {
	const websites = [site('site-1', 'example-tech.cn')];
	const draft = { id: 'order-1', layout: 1, kind: 'first-filing' as const, created: '2026-11-02T09:00:00+08:00', websiteIds: ['site-1'], targetWebsiteIds: [], documents: [], acknowledgedWarnings: [], cancellationReason: { text: '' } };
	const frozen = freezeDraft({ draft, subjectId: 'subject-1', subject, websites, attachments: [] });
	const parsed = migrateOrder(frozen.order);
	const attachments = parsed.ok ? documentsFor(parsed.value) : [];
	return { draft, subjectId: 'subject-1', subject, websites, attachments, ...overrides };
}

describe('draft orders and their task list', () => {
	it('APPLY-1 a complete draft freezes into an Order that parses, with the workspace documents it needs', () => {
		const { order, gaps } = freezeDraft(input());
		expect(gaps).toEqual([]);
		const parsed = migrateOrder(order);
		expect(parsed.ok).toBe(true);
		expect(parsed.ok && parsed.value.documents.length).toBeGreaterThan(0);
		const errors = draftOrderIssues(input(), { today: TODAY }).filter((i) => i.severity === 'error');
		expect(errors).toEqual([]);
	});

	it('APPLY-1 the draft takes only its own websites, in its order', () => {
		const websites = [site('a', 'a-example.cn'), site('b', 'b-example.cn'), site('c', 'c-example.cn')];
		const base = input();
		const { order } = freezeDraft({ ...base, websites, draft: { ...base.draft, websiteIds: ['c', 'a'] } });
		expect((order.websites as { id: string }[]).map((w) => w.id)).toEqual(['c', 'a']);
	});

	it('APPLY-2 an unset choice is a TEXT-4 gap on its order path, and only text and live rules run', () => {
		const bare = { ...subject, province: undefined, leader: { ...leader, certificateType: undefined } };
		const issues = draftOrderIssues(input({ subject: bare }), { today: TODAY });
		const gaps = issues.filter((i) => i.rule === 'TEXT-4').map((i) => i.path.join('.'));
		expect(gaps).toEqual(expect.arrayContaining(['subject.province', 'subject.leader.certificateType']));
		// No rule that would read the stand-in values (province rules, certificate checks of the leader).
		expect(issues.some((i) => i.rule.startsWith('PROV-'))).toBe(false);
	});

	it('APPLY-2 markup in a name is a TEXT-2 error on the field even while choices are missing', () => {
		const issues = draftOrderIssues(input({ subject: { ...subject, type: undefined, name: '示例&amp;公司' } }));
		expect(issues.find((i) => i.rule === 'TEXT-2')?.path).toEqual(['subject', 'name']);
	});

	it('APPLY-3 tasks: complete, incomplete for gaps, errors for a wrong value; check cannot start until all are complete', () => {
		const ids = ['s1', 's2'];
		const issues = [
			issue('TEXT-4', 'error', { path: ['subject', 'name'] }),
			issue('PHONE-1', 'error', { path: ['websites', 1, 'administrator', 'mobile'] }),
			issue('SITE-11', 'error', { path: ['websites', 0, 'access', 'serviceCode'] }),
			issue('DOC-16', 'error', { path: ['documents'] }),
			issue('RISK-7', 'info')
		];
		const tasks = deriveTasks({ websiteIds: ids, issues, queued: false });
		const status = Object.fromEntries(tasks.map((t) => [t.id, t.status]));
		expect(status).toEqual({ subject: 'incomplete', 'website:s1': 'complete', 'access:s1': 'incomplete', 'website:s2': 'errors', 'access:s2': 'complete', documents: 'incomplete', check: 'cannot-start' });
		expect(tasks.find((t) => t.id === 'check')?.issues.map((i) => i.rule)).toEqual(['RISK-7']);
	});

	it('APPLY-3 DOC-18 the documents task is incomplete, never complete, while the checklist cannot be computed', () => {
		const tasks = (known: boolean) => Object.fromEntries(deriveTasks({ websiteIds: ['s1'], issues: [], queued: false, documentFactsKnown: known }).map((t) => [t.id, t.status]));
		expect(tasks(false)).toMatchObject({ documents: 'incomplete', check: 'cannot-start' });
		expect(tasks(true)).toMatchObject({ documents: 'complete', check: 'ready' });
		// A fresh draft without a province: the matrix cannot run, nothing is "done".
		const fresh = input({ subject: { ...subject, province: undefined }, attachments: [] });
		expect(documentFactsKnown(fresh)).toBe(false);
		expect(documentFactsKnown(input())).toBe(true);
	});

	it('APPLY-3 DOC-16 a missing document counts as soon as the matrix has its facts, while an unrelated choice is still unset', () => {
		const base = input();
		const unset = { ...base, attachments: [], subject: { ...subject, correspondenceAddress: { ...subject.correspondenceAddress, province: undefined } } };
		const issues = draftOrderIssues(unset, { today: TODAY });
		expect(issues.find((i) => i.rule === 'TEXT-4')?.path).toEqual(['subject', 'correspondenceAddress', 'province']);
		expect(issues.filter((i) => i.rule === 'DOC-16').length).toBeGreaterThan(0);
		const withDocs = draftOrderIssues({ ...unset, attachments: base.attachments }, { today: TODAY });
		expect(withDocs.filter((i) => i.rule === 'DOC-16')).toEqual([]);
	});

	it('APPLY-3 with every task complete, check and send is ready; queued once in the outbox; an order-level error blocks it', () => {
		expect(deriveTasks({ websiteIds: ['s1'], issues: [issue('RISK-7', 'info')], queued: false }).at(-1)?.status).toBe('ready');
		expect(deriveTasks({ websiteIds: ['s1'], issues: [], queued: true }).at(-1)?.status).toBe('queued');
		expect(deriveTasks({ websiteIds: ['s1'], issues: [issue('OP-2', 'error')], queued: false }).at(-1)?.status).toBe('errors');
	});

	it('APPLY-3 an issue goes to the task of its path', () => {
		expect(taskOf(issue('X', 'error', { path: ['websites', 0, 'access', 'ips'] }), ['w'])).toBe('access:w');
		expect(taskOf(issue('X', 'error', { path: ['websites', 0, 'name'] }), ['w'])).toBe('website:w');
		expect(taskOf(issue('IMG-2', 'error', { path: ['documents', 3] }), ['w'])).toBe('documents');
		expect(taskOf(issue('OP-9', 'error', { path: ['websites'] }), ['w'])).toBe('check');
	});

	it('APPLY-4 sending needs no error and the rule of every warning acknowledged', () => {
		const warning = issue('SUBJ-4', 'warning', { path: ['subject', 'correspondenceAddress', 'province'] });
		expect(canSend([warning, issue('RISK-7', 'info')], [])).toBe(false);
		expect(canSend([warning], [warningKey(warning)])).toBe(true);
		expect(canSend([warning, issue('RISK-3', 'warning')], [warningKey(warning)])).toBe(false);
		expect(canSend([issue('TEXT-4', 'error')], [warningKey(warning)])).toBe(false);
	});

	it('APPLY-1 the frozen order carries the acknowledgments of the draft (ORDER-2)', () => {
		const base = input();
		const acks = [{ rule: 'SUBJ-4', by: 'account-1', at: '2026-11-02T10:00:00+08:00' }];
		const parsed = migrateOrder(freezeDraft({ ...base, draft: { ...base.draft, acknowledgedWarnings: acks } }).order);
		expect(parsed.ok && parsed.value.acknowledgedWarnings).toEqual(acks);
	});

	it('APPLY-4 a warning of the full validation comes with the issues (correspondence address in another province)', () => {
		const far = { ...subject, correspondenceAddress: { ...subject.correspondenceAddress, province: 'SH' as const } };
		const issues = draftOrderIssues(input({ subject: far }), { today: TODAY });
		expect(issues.some((i) => i.rule === 'SUBJ-4' && i.severity === 'warning')).toBe(true);
	});
});
