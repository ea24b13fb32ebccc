/**
 * Order rules of issue 10 beyond the data: the cancellation reason (ORDER-3), the access
 * provider operating this server (ORDER-4) and the service code's shape (ORDER-5), all part of
 * `validateOrder`; and the acknowledgment of every warning before sending (ORDER-2), which
 * `validateSubmission` adds (the server's check, and the app's before "send").
 */
import { isChangeKind, isCancelKind, isFilingKind } from '../operation/operation-kind.ts';
import { CANCELLATION_REASON_TEXT_MAX } from '../operation/cancellation.ts';
import { atPath, issue, type Issue } from '../result.ts';
import { checkFreeText } from '../text/sanitize.ts';
import type { Order } from './order.ts';

export interface SubmissionContext {
	/** The access provider operating this server (its desk reviews); every website's `access.provider` must name it. */
	readonly accessProvider?: string;
}

/** ORDER-5: a service code (备案服务号) is 1–64 letters, digits or hyphens (until the review desk registers real codes). */
export const SERVICE_CODE_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export function isWellFormedServiceCode(code: string): boolean {
	return SERVICE_CODE_PATTERN.test(code.trim());
}

function reasonIssues(order: Order): Issue[] {
	if (!isCancelKind(order.kind)) return [];
	const reason = order.cancellationReason;
	if (!reason) return [issue('ORDER-3', 'error', { path: ['cancellationReason', 'code'] })];
	const text = reason.text ?? '';
	const issues = atPath(['cancellationReason', 'text'], checkFreeText(text, { max: CANCELLATION_REASON_TEXT_MAX, multiline: true }));
	if (reason.code === 'other' && text.trim() === '') issues.push(issue('ORDER-3', 'error', { path: ['cancellationReason', 'text'] }));
	return issues;
}

function accessIssues(order: Order, context: SubmissionContext): Issue[] {
	if (!isFilingKind(order.kind) && !isChangeKind(order.kind)) return [];
	const provider = context.accessProvider?.trim();
	return order.websites.flatMap((site, i) => {
		const issues: Issue[] = [];
		if (provider && site.access.provider.trim() !== '' && site.access.provider.trim() !== provider) {
			issues.push(issue('ORDER-4', 'error', { path: ['websites', i, 'access', 'provider'], params: { provider } }));
		}
		const code = site.access.serviceCode;
		if (code.trim() !== '' && !isWellFormedServiceCode(code)) issues.push(issue('ORDER-5', 'error', { path: ['websites', i, 'access', 'serviceCode'] }));
		return issues;
	});
}

/** ORDER-3, ORDER-4, ORDER-5 of an order. Never throws. */
export function checkOrderExtras(order: Order, context: SubmissionContext = {}): Issue[] {
	return [...reasonIssues(order), ...accessIssues(order, context)];
}

/** ORDER-2: one error per warning of `issues` whose rule the order does not carry as acknowledged. */
export function unacknowledgedWarnings(order: Order, issues: readonly Issue[]): Issue[] {
	const acknowledged = new Set(order.acknowledgedWarnings.map((a) => a.rule));
	const seen = new Set<string>();
	return issues
		.filter((i) => i.severity === 'warning' && !acknowledged.has(i.rule))
		.filter((i) => !seen.has(i.rule) && seen.add(i.rule) !== undefined)
		.map((i) => issue('ORDER-2', 'error', { path: i.path, params: { rule: i.rule } }));
}
