/**
 * Factories for domain aggregates: valid by default, overridable field by field
 * (`makeSubject({ province: 'GD' })`). The default order is an enterprise first filing in
 * Beijing (a province without extra rules) that passes validation with documents attached.
 */
import type { AccountRequest } from '../../src/lib/domain/account-request/account-request.ts';
import type { DocumentRef } from '../../src/lib/domain/document/document-ref.ts';
import type { ApprovedRecordData } from '../../src/lib/domain/operation/approved-record.ts';
import { documentFactsOf } from '../../src/lib/domain/document/document-check.ts';
import { requiredDocuments } from '../../src/lib/domain/document/required-documents.ts';
import type { Order } from '../../src/lib/domain/order/order.ts';
import type { PersonInCharge } from '../../src/lib/domain/person/person.ts';
import type { Subject } from '../../src/lib/domain/subject/subject.ts';
import type { Website } from '../../src/lib/domain/website/website.ts';

export const TODAY = '2026-11-02';

export function makeLeader(overrides: Partial<PersonInCharge> = {}): PersonInCharge {
	return {
		version: 1,
		name: '张三',
		certificateType: 'resident-id-card',
		certificateNumber: '11010519491231002X',
		certificateValidUntil: 'long-term',
		mobile: '13800138000',
		email: 'leader@example.com',
		isLegalRepresentative: true,
		...overrides
	};
}

export function makeAdmin(overrides: Partial<PersonInCharge> = {}): PersonInCharge {
	return makeLeader({
		name: '李四',
		certificateNumber: '11010219840406970X',
		certificateValidUntil: '2034-04-06',
		mobile: '13900139000',
		email: 'admin@example.com',
		isLegalRepresentative: false,
		...overrides
	});
}

export function makeSubject(overrides: Partial<Subject> = {}): Subject {
	return {
		version: 1,
		id: 'subject-1',
		type: 'enterprise',
		certificateType: 'uscc-certificate',
		certificateNumber: '91110000101623741K',
		name: '北京示例科技有限公司',
		province: 'BJ',
		certificateAddress: '北京市海淀区中关村大街1号',
		correspondenceAddress: { province: 'BJ', city: '北京市', district: '海淀区', detail: '中关村大街1号5层501室' },
		leader: makeLeader(),
		...overrides
	};
}

/** An individual subject whose leader is the person. */
export function makeIndividual(overrides: Partial<Subject> = {}): Subject {
	const leader = makeLeader();
	return makeSubject({
		type: 'individual',
		certificateType: 'resident-id-card',
		certificateNumber: leader.certificateNumber,
		name: leader.name,
		certificateAddress: '北京市东城区东长安街2号',
		leader,
		...overrides
	});
}

export function makeWebsite(overrides: Partial<Website> = {}): Website {
	return {
		version: 1,
		id: 'site-1',
		name: '示例科技官方网站',
		domain: 'example-tech.cn',
		homepageUrl: 'https://www.example-tech.cn/',
		serviceContent: ['organization-portal'],
		preApprovals: [],
		languages: ['zh-Hans'],
		administrator: makeAdmin(),
		access: { provider: 'aliyun', serviceCode: 'SVC-0001', ips: ['47.96.1.10'], region: 'cn-hangzhou' },
		remarks: '本网站为公司官方网站，用于介绍公司产品与服务信息。',
		...overrides
	};
}

let shaCounter = 0;
export function makeDocument(overrides: Partial<DocumentRef> = {}): DocumentRef {
	shaCounter += 1;
	return {
		version: 1,
		sha256: shaCounter.toString(16).padStart(64, '0'),
		kind: 'id-front',
		mime: 'image/jpeg',
		size: 300_000,
		width: 1600,
		height: 1200,
		quality: { blurScore: 800, workingSize: 1000, meanLuma: 130, highlightShare: 0.01, isColour: true, coverage: 0.8 },
		owner: 'subject-leader',
		...overrides
	};
}

/** Documents satisfying every requirement of `order`. */
export function documentsFor(order: Order, baseline?: Subject): DocumentRef[] {
	return requiredDocuments(documentFactsOf(order, baseline)).map((need) =>
		makeDocument({
			kind: need.kind,
			owner: need.owner,
			...(need.websiteId ? { websiteId: need.websiteId } : {}),
			...(need.preApprovalCategory ? { preApprovalCategory: need.preApprovalCategory } : {})
		})
	);
}

/** An order; its required documents are attached unless `documents` is given. */
export function makeOrder(overrides: Partial<Order> = {}): Order {
	const base: Order = {
		version: 2,
		id: 'order-1',
		kind: 'first-filing',
		created: '2026-11-02T09:00:00+08:00',
		subject: makeSubject(),
		websites: [makeWebsite()],
		documents: [],
		acknowledgedWarnings: [],
		...(overrides.kind?.startsWith('cancel-') ? { cancellationReason: { code: 'website-closed' as const } } : {}),
		...overrides
	};
	return overrides.documents ? base : { ...base, documents: documentsFor(base) };
}

/** An organisation order with `n` websites (distinct ids, names and domains). */
export function makeOrderWithWebsites(n: number, overrides: Partial<Order> = {}): Order {
	const names = ['官方网站', '产品展示', '技术文档', '客户支持', '招聘信息', '新品发布', '合作伙伴', '开发者', '帮助手册', '售后支持'];
	const websites = Array.from({ length: n }, (_, i) =>
		makeWebsite({ id: `site-${i + 1}`, name: `示例科技${names[i % names.length]}${i >= names.length ? i : ''}`, domain: `example-${i + 1}.cn`, homepageUrl: `https://example-${i + 1}.cn/` })
	);
	return makeOrder({ websites, ...overrides });
}

/** The approved record of `makeSubject()` with `makeWebsite()` (Beijing numbers), for change and cancel orders. */
export function makeApprovedRecord(overrides: Partial<ApprovedRecordData> = {}): ApprovedRecordData {
	const websites = overrides.websites ?? [makeWebsite()];
	return {
		version: 1,
		subjectId: 'abcdefghijklmnop',
		approvedOn: '2026-10-15',
		subject: makeSubject(),
		websites,
		filingNumbers: { subject: '京ICP备12345678号', websites: Object.fromEntries(websites.map((w, i) => [w.id, `京ICP备12345678号-${i + 1}`])) },
		shellFiling: false,
		...overrides
	};
}

/** An e-mail initialization request of an individual, with its documents. */
export function makeAccountRequest(overrides: Partial<Extract<AccountRequest, { kind: 'email-initialization' }>> = {}): AccountRequest {
	return {
		version: 1,
		id: 'request-1',
		kind: 'email-initialization',
		created: '2026-11-02T09:00:00+08:00',
		subjectType: 'individual',
		emailInitialization: { newEmail: 'new@example.com', applicantRole: 'subject-leader', applicantName: '张三', applicantCertificateNumber: '11010519491231002X' },
		documents: [makeDocument({ kind: 'id-front', owner: 'applicant' }), makeDocument({ kind: 'id-back', owner: 'applicant' }), makeDocument({ kind: 'holding-id-photo', owner: 'applicant' })],
		...overrides
	};
}
