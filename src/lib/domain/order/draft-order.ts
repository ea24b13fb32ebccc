/**
 * From a workspace draft to an Order, and what the applicant still has to do (APPLY-1..4).
 * `freezeDraft` builds the Order an order draft would send (subject, the draft's websites, the
 * workspace documents it needs); `draftOrderIssues` runs the full order validation and the
 * rejection-risk check on it, or — while a choice is still unset, so the Order cannot parse —
 * the required-field and live field rules only. `deriveTasks` groups the issues into the task
 * list (subject, each website, its access, documents, check and send). Pure; never throws.
 */
import { documentFactsOf, missingDocuments } from '../document/document-check.ts';
import { documentFactsOfDrafts } from '../document/draft-facts.ts';
import type { DocumentRef } from '../document/document-ref.ts';
import { requiredDocuments } from '../document/required-documents.ts';
import { assessRejectionRisk, type RiskContext } from '../risk/rejection-risk.ts';
import { atPath, issue, sortBySeverity, type Issue } from '../result.ts';
import { checkSubjectDraft, checkWebsiteDraft } from '../workspace/draft-rules.ts';
import type { OrderDraft, PersonDraft, SubjectDraft, WebsiteDraft } from '../workspace/drafts.ts';
import { ORDER_VERSION, migrateOrder } from './order.ts';
import { validateOrder } from './validate-order.ts';

export interface DraftOrderInput {
	readonly draft: OrderDraft;
	/** The subject id the order is for (the bound subject, or the local workspace id). */
	readonly subjectId: string;
	readonly subject: SubjectDraft;
	/** Every website of the workspace; the order takes those in `draft.websiteIds`, in that order. */
	readonly websites: readonly WebsiteDraft[];
	/** Every document reference of the workspace. */
	readonly attachments: readonly DocumentRef[];
	/** Fallback for an order draft without `created` (the caller's clock). */
	readonly now?: string;
}

type Path = (string | number)[];

const missing = (path: Path): Issue => issue('TEXT-4', 'error', { path });

function person(draft: PersonDraft, path: Path, gaps: Issue[], legalDefault: boolean | undefined): Record<string, unknown> {
	if (!draft.certificateType) gaps.push(missing([...path, 'certificateType']));
	const legal = draft.isLegalRepresentative ?? legalDefault;
	if (legal === undefined) gaps.push(missing([...path, 'isLegalRepresentative']));
	return {
		version: 1,
		name: draft.name,
		certificateType: draft.certificateType,
		certificateNumber: draft.certificateNumber,
		...(draft.certificateValidUntil ? { certificateValidUntil: draft.certificateValidUntil } : {}),
		...(draft.birthDate ? { birthDate: draft.birthDate } : {}),
		mobile: draft.mobile,
		...(draft.emergencyPhone.trim() ? { emergencyPhone: draft.emergencyPhone } : {}),
		...(draft.landline.trim() ? { landline: draft.landline } : {}),
		email: draft.email,
		isLegalRepresentative: legal
	};
}

function subjectOf(id: string, s: SubjectDraft, gaps: Issue[]): Record<string, unknown> {
	for (const key of ['type', 'certificateType', 'province'] as const) if (!s[key]) gaps.push(missing(['subject', key]));
	if (!s.correspondenceAddress.province) gaps.push(missing(['subject', 'correspondenceAddress', 'province']));
	return {
		version: 1,
		id,
		type: s.type,
		certificateType: s.certificateType,
		certificateNumber: s.certificateNumber,
		name: s.name,
		province: s.province,
		certificateAddress: s.certificateAddress,
		correspondenceAddress: { ...s.correspondenceAddress },
		...(s.investor.trim() ? { investor: s.investor } : {}),
		// An individual is their own leader: the legal-representative question does not apply.
		leader: person(s.leader, ['subject', 'leader'], gaps, s.type === 'individual' ? true : undefined),
		...(s.remarks.trim() ? { remarks: s.remarks } : {})
	};
}

function websiteOf(w: WebsiteDraft, index: number, gaps: Issue[]): Record<string, unknown> {
	return {
		version: 1,
		id: w.id,
		name: w.name,
		domain: w.domain,
		homepageUrl: w.homepageUrl,
		serviceContent: [...w.serviceContent],
		preApprovals: w.preApprovals.map((p) => ({ ...p })),
		languages: [...w.languages],
		administrator: person(w.administrator, ['websites', index, 'administrator'], gaps, false),
		access: { provider: w.access.provider, serviceCode: w.access.serviceCode, ips: [...w.access.ips], ...(w.access.region.trim() ? { region: w.access.region } : {}) },
		...(w.remarks.trim() ? { remarks: w.remarks } : {})
	};
}

/** The websites of the workspace the draft names, in the draft's order (unknown ids skipped). */
export function draftWebsites(input: Pick<DraftOrderInput, 'draft' | 'websites'>): WebsiteDraft[] {
	return input.draft.websiteIds.flatMap((id) => input.websites.filter((w) => w.id === id));
}

/**
 * The documents an order sends: those the draft names, and every workspace document that meets
 * one of the order's requirements (kind, owner, website, pre-approval category).
 */
function documentsOf(order: unknown, draft: OrderDraft, attachments: readonly DocumentRef[]): DocumentRef[] {
	const named = attachments.filter((a) => draft.documents.includes(a.sha256));
	const parsed = migrateOrder(order);
	if (!parsed.ok) return named;
	const needs = requiredDocuments(documentFactsOf(parsed.value));
	const fitting = attachments.filter((a) =>
		needs.some((n) => n.kind === a.kind && n.owner === a.owner && (n.websiteId === undefined || n.websiteId === a.websiteId) && (n.preApprovalCategory === undefined || n.preApprovalCategory === a.preApprovalCategory))
	);
	return [...new Map([...named, ...fitting].map((a) => [a.sha256, a])).values()];
}

/**
 * The Order the draft would send (`order`, unparsed: the caller validates it) and the required
 * choices still unset (`gaps`, TEXT-4 on their order paths). With no gaps the order parses.
 */
export function freezeDraft(input: DraftOrderInput): { order: Record<string, unknown>; gaps: Issue[] } {
	const gaps: Issue[] = [];
	const websites = draftWebsites(input);
	const order: Record<string, unknown> = {
		version: ORDER_VERSION,
		id: input.draft.id,
		kind: input.draft.kind,
		created: input.draft.created ?? input.now,
		subject: subjectOf(input.subjectId, input.subject, gaps),
		websites: websites.map((w, i) => websiteOf(w, i, gaps)),
		documents: [],
		acknowledgedWarnings: input.draft.acknowledgedWarnings.map((a) => ({ ...a })),
		...(input.draft.targetWebsiteIds.length > 0 ? { targetWebsiteIds: [...input.draft.targetWebsiteIds] } : {})
	};
	order.documents = documentsOf(order, input.draft, input.attachments);
	if (!input.draft.kind) gaps.push(missing(['kind']));
	return { order, gaps };
}

const key = (i: Issue) => `${i.rule}|${i.path.join('.')}`;

function unique(issues: readonly Issue[]): Issue[] {
	const seen = new Set<string>();
	return issues.filter((i) => !seen.has(key(i)) && (seen.add(key(i)), true));
}

/**
 * Every issue of the order the draft would send, paths into the Order (`['websites', 0, …]`),
 * errors first. Complete drafts get the full validation and the rejection-risk check (APPLY-1);
 * a draft with unset choices gets its gaps, the required texts and the live field rules (APPLY-2).
 */
export function draftOrderIssues(input: DraftOrderInput, context: RiskContext = {}): Issue[] {
	const { order, gaps } = freezeDraft(input);
	if (gaps.length === 0) {
		const parsed = migrateOrder(order);
		if (parsed.ok) return unique(assessRejectionRisk(parsed.value, context));
	}
	const websites = draftWebsites(input);
	// The documents are known as soon as the matrix's facts are, even while other choices are unset.
	const facts = documentFactsOfDrafts({ order: input.draft, subject: input.subject, websites });
	const live = [
		...atPath(['subject'], checkSubjectDraft(input.subject)),
		...websites.flatMap((w, i) => atPath(['websites', i], checkWebsiteDraft(w, input.subject))),
		...(facts.ok ? missingDocuments(requiredDocuments(facts.facts), input.attachments) : [])
	];
	// Text rules only: with placeholders in the unset choices, the rules that read them would mislead.
	const placeheld = fillGaps(order, gaps);
	const texts = validateOrder(placeheld, context).issues.filter((i) => i.rule.startsWith('TEXT-') || i.rule === 'SITE-12' || i.rule === 'SITE-13' || i.rule === 'SITE-11' || i.rule === 'OP-10');
	return sortBySeverity(unique([...gaps, ...live, ...texts]));
}

/** A copy of `order` with a schema-valid stand-in at every gap (only to run the text rules). */
function fillGaps(order: Record<string, unknown>, gaps: readonly Issue[]): unknown {
	const copy = structuredClone(order);
	const stand: Record<string, unknown> = {
		type: 'enterprise',
		certificateType: 'uscc-certificate',
		province: 'BJ',
		isLegalRepresentative: false,
		kind: 'first-filing'
	};
	for (const gap of gaps) {
		let node = copy as Record<string | number, unknown>;
		for (const part of gap.path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
		const last = gap.path[gap.path.length - 1];
		if (last === undefined) continue;
		node[last] = last === 'certificateType' && gap.path.length > 2 ? 'resident-id-card' : stand[String(last)];
	}
	return copy;
}

export const TASK_STATUSES = ['complete', 'incomplete', 'errors', 'cannot-start', 'ready', 'queued'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type TaskId = 'subject' | `website:${string}` | `access:${string}` | 'documents' | 'check';

export interface Task {
	readonly id: TaskId;
	readonly status: TaskStatus;
	/** The task's issues, paths as in the Order. */
	readonly issues: readonly Issue[];
}

/** Which task an issue of the order belongs to (`websiteIds` in the order's website order). */
export function taskOf(i: Issue, websiteIds: readonly string[]): TaskId {
	const [head, index, field] = i.path;
	if (head === 'subject') return 'subject';
	if (head === 'websites' && typeof index === 'number') {
		const id = websiteIds[index];
		if (id !== undefined) return field === 'access' ? `access:${id}` : `website:${id}`;
	}
	if (head === 'documents' || i.rule.startsWith('DOC-') || i.rule.startsWith('IMG-')) return 'documents';
	return 'check';
}

/** A required field still empty or a document not yet attached: the task is incomplete, not wrong. */
function isGap(i: Issue): boolean {
	return i.rule === 'TEXT-4' || i.rule === 'DOC-16' || i.rule === 'SITE-11' || i.rule === 'SITE-12' || i.rule === 'SITE-13';
}

function statusOf(issues: readonly Issue[]): TaskStatus {
	const errors = issues.filter((i) => i.severity === 'error');
	if (errors.some((i) => !isGap(i))) return 'errors';
	return errors.length > 0 ? 'incomplete' : 'complete';
}

/** DOC-18: whether the document matrix has every fact it needs for this draft (else the checklist names them). */
export function documentFactsKnown(input: DraftOrderInput): boolean {
	return documentFactsOfDrafts({ order: input.draft, subject: input.subject, websites: draftWebsites(input) }).ok;
}

/**
 * The task list of an order draft (APPLY-3): subject, each website and its access information,
 * documents, then check and send — which cannot start before every other task is complete, and
 * shows `queued` once the order is in the outbox. The documents task is incomplete, never
 * complete, while the checklist cannot be computed (`documentFactsKnown` false, DOC-18).
 */
export function deriveTasks(input: { websiteIds: readonly string[]; issues: readonly Issue[]; queued: boolean; documentFactsKnown?: boolean }): Task[] {
	const byTask = new Map<TaskId, Issue[]>();
	for (const i of input.issues) {
		const id = taskOf(i, input.websiteIds);
		byTask.set(id, [...(byTask.get(id) ?? []), i]);
	}
	const ids: TaskId[] = ['subject', ...input.websiteIds.flatMap((id): TaskId[] => [`website:${id}`, `access:${id}`]), 'documents'];
	const tasks: Task[] = ids.map((id) => {
		const issues = byTask.get(id) ?? [];
		const status = statusOf(issues);
		return { id, issues, status: id === 'documents' && status === 'complete' && input.documentFactsKnown === false ? 'incomplete' : status };
	});
	const checkIssues = byTask.get('check') ?? [];
	let status: TaskStatus;
	if (input.queued) status = 'queued';
	else if (checkIssues.some((i) => i.severity === 'error' && !isGap(i))) status = 'errors';
	else if (tasks.some((t) => t.status !== 'complete') || checkIssues.some((i) => i.severity === 'error')) status = 'cannot-start';
	else status = 'ready';
	return [...tasks, { id: 'check', issues: checkIssues, status }];
}

/** The acknowledgment key of a warning: its rule (an order acknowledges a rule once, ORDER-2). */
export function warningKey(i: Pick<Issue, 'rule'>): string {
	return i.rule;
}

/** APPLY-4: the order may be sent when it parses, no error is left and every warning's rule is acknowledged. */
export function canSend(issues: readonly Issue[], acknowledged: readonly string[]): boolean {
	return issues.every((i) => i.severity === 'info' || (i.severity === 'warning' && acknowledged.includes(warningKey(i))));
}
