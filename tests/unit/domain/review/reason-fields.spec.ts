import { describe, expect, it } from 'vitest';
import { openReasons, reasonIssues, reasonTarget, sameAt } from '../../../../src/lib/domain/review/reason-fields.ts';
import type { ReviewDecision } from '../../../../src/lib/domain/review/review.ts';
import { makeOrder } from '../../../support/factories.ts';

const sites = ['site-a', 'site-b'];

function rejection(reasons: ReviewDecision['reasons']): ReviewDecision {
	return { version: 1, orderId: 'o-1', outcome: 'rejected', reviewer: 'r', decidedAt: '2026-01-05T02:00:00.000Z', reasons };
}

describe('reasonTarget', () => {
	it('REV-8 maps a subject path to the subject page and its input id', () => {
		expect(reasonTarget(['subject', 'name'], sites)).toEqual({ page: 'subject', field: 'name', fieldId: 'subject-name' });
		expect(reasonTarget(['subject', 'leader', 'mobile'], sites)).toEqual({ page: 'subject', field: 'leader.mobile', fieldId: 'subject-leader-mobile' });
	});

	it('REV-8 maps a website path to that website page by index, and access fields to its access page', () => {
		expect(reasonTarget(['websites', 1, 'name'], sites)).toEqual({ page: 'website', websiteId: 'site-b', field: 'name', fieldId: 'website-name' });
		expect(reasonTarget(['websites', 0, 'administrator', 'email'], sites)).toEqual({ page: 'website', websiteId: 'site-a', field: 'administrator.email', fieldId: 'website-administrator-email' });
		expect(reasonTarget(['websites', 0, 'access', 'ips'], sites)).toEqual({ page: 'access', websiteId: 'site-a', field: 'ips', fieldId: 'access-ips' });
	});

	it('REV-8 sends a path outside subject and websites, or into a website the order lost, to the task list', () => {
		expect(reasonTarget(['attachments', 0], sites).page).toBe('tasks');
		expect(reasonTarget(['websites', 5, 'name'], sites).page).toBe('tasks');
		expect(reasonTarget(['websites', 'x', 'name'], sites).page).toBe('tasks');
	});
});

describe('openReasons', () => {
	const rejected = makeOrder();
	const review = rejection([
		{ path: ['subject', 'name'], code: 'information-mismatch', note: '与证件不符' },
		{ path: ['websites', 0, 'name'], code: 'website-name' }
	]);

	it('REV-9 keeps every reason while the fields are as the desk rejected them', () => {
		expect(openReasons({ status: 'provider-rejected', review, rejected, current: structuredClone(rejected) })).toHaveLength(2);
	});

	it('REV-9 drops a reason once its field changes, and only that one', () => {
		const current = structuredClone(rejected) as { subject: { name: string } };
		current.subject.name = `${current.subject.name}改`;
		expect(openReasons({ status: 'provider-rejected', review, rejected, current }).map((r) => r.path.join('.'))).toEqual(['websites.0.name']);
	});

	it('REV-9 shows no reason once the order left the statuses that wait for a revision', () => {
		for (const status of ['provider-review', 'approved', 'miit-submission'] as const) expect(openReasons({ status, review, rejected, current: rejected })).toEqual([]);
		expect(openReasons({ status: 'administration-rejected', review, rejected, current: rejected })).toHaveLength(2);
	});

	it('REV-9 keeps every reason when this device has no rejected copy to compare with', () => {
		expect(openReasons({ status: 'draft', review, rejected: null, current: rejected })).toHaveLength(2);
	});

	it('REV-9 shows nothing for an approval or without a decision', () => {
		expect(openReasons({ status: 'provider-rejected', review: undefined, rejected, current: rejected })).toEqual([]);
		expect(openReasons({ status: 'draft', review: { ...review, outcome: 'approved' }, rejected, current: rejected })).toEqual([]);
	});

	it('sameAt ignores key order and treats two absent values as the same', () => {
		expect(sameAt({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } }, ['a'])).toBe(true);
		expect(sameAt({ a: [1, 2] }, { a: [2, 1] }, ['a'])).toBe(false);
		expect(sameAt({}, { b: 1 }, ['a'])).toBe(true);
	});
});

describe('reasonIssues', () => {
	it('REV-8 turns each reason into an error on its path with its code and note', () => {
		const issues = reasonIssues([{ path: ['subject', 'name'], code: 'other', note: 'n' }, { path: ['websites', 0, 'domain'], code: 'domain-not-verified' }]);
		expect(issues).toEqual([
			{ rule: 'REV-8', severity: 'error', path: ['subject', 'name'], params: { code: 'other', note: 'n' } },
			{ rule: 'REV-8', severity: 'error', path: ['websites', 0, 'domain'], params: { code: 'domain-not-verified', note: '' } }
		]);
	});
});
