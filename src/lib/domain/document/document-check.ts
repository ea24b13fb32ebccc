/**
 * Facts for the document matrix from an order, and DOC-16: every required document attached.
 */
import type { Order } from '../order/order.ts';
import { isSamePerson } from '../person/person.ts';
import { filesOutOfProvince } from '../province/province-check.ts';
import { issue, type Issue } from '../result.ts';
import type { Subject } from '../subject/subject.ts';
import type { DocumentRef } from './document-ref.ts';
import { requiredDocuments, type DocumentFacts, type RequiredDocument } from './required-documents.ts';

/** The document facts of an order; `baseline` is the approved subject for change orders. */
export function documentFactsOf(order: Order, baseline?: Subject): DocumentFacts {
	const s = order.subject;
	return {
		operation: order.kind,
		subjectType: s.type,
		province: s.province,
		leaderCertificateType: s.leader.certificateType,
		leaderIsLegalRepresentative: s.leader.isLegalRepresentative,
		outOfProvince: filesOutOfProvince(order),
		websites: order.websites.map((w) => ({
			id: w.id,
			adminIsLeader: isSamePerson(w.administrator, s.leader),
			adminIsLegalRepresentative: w.administrator.isLegalRepresentative,
			adminCertificateType: w.administrator.certificateType,
			preApprovals: w.preApprovals.map((p) => p.category)
		})),
		nameChanged: baseline !== undefined && baseline.name.trim() !== s.name.trim(),
		numberChanged: baseline !== undefined && baseline.certificateNumber.trim() !== s.certificateNumber.trim()
	};
}

/** Whether an attached document fills a required one (same kind, owner, website and pre-approval item). */
export function fillsRequirement(doc: DocumentRef, need: RequiredDocument): boolean {
	return (
		doc.kind === need.kind &&
		doc.owner === need.owner &&
		(need.websiteId === undefined || doc.websiteId === need.websiteId) &&
		(need.preApprovalCategory === undefined || doc.preApprovalCategory === need.preApprovalCategory)
	);
}

/** DOC-16: one error per required document that is not attached. */
export function checkDocuments(order: Order, baseline?: Subject): Issue[] {
	return missingDocuments(requiredDocuments(documentFactsOf(order, baseline)), order.documents);
}

/** DOC-16: one error per document of `needs` that none of `documents` fills. */
export function missingDocuments(needs: readonly RequiredDocument[], documents: readonly DocumentRef[]): Issue[] {
	return needs
		.filter((need) => !documents.some((doc) => fillsRequirement(doc, need)))
		.map((need) =>
			issue('DOC-16', 'error', {
				path: ['documents'],
				params: { kind: need.kind, owner: need.owner, ...(need.websiteId ? { websiteId: need.websiteId } : {}), rules: need.rules.join(' ') }
			})
		);
}
