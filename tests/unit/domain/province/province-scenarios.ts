/**
 * For each province rule kind: an order that triggers the rule and one that does not. Used by
 * the province rule tests so every rule row is exercised against its own province.
 */
import type { Order } from '../../../../src/lib/domain/order/order.ts';
import type { ProvinceRule } from '../../../../src/lib/domain/province/province-rules-data.ts';
import type { Subject } from '../../../../src/lib/domain/subject/subject.ts';
import { makeAdmin, makeIndividual, makeLeader, makeOrder, makeOrderWithWebsites, makeSubject, makeWebsite } from '../../../support/factories.ts';

type Pair = { breaking: Order; compliant: Order };

function subjectFor(rule: ProvinceRule, o: Partial<Subject> = {}): Subject {
	const s = rule.appliesTo === 'individual' ? makeIndividual(o) : makeSubject(o);
	return { ...s, province: rule.province, correspondenceAddress: { ...s.correspondenceAddress, province: rule.province } };
}

function order(rule: ProvinceRule, subject: Partial<Subject> = {}, o: Partial<Order> = {}): Order {
	return makeOrder({ subject: subjectFor(rule, subject), documents: [], ...o });
}

const notLegalRep = makeLeader({ isLegalRepresentative: false });

const SCENARIOS: Record<ProvinceRule['kind'], (r: ProvinceRule) => Pair> = {
	'leader-legal-rep': (r) => ({ breaking: order(r, { leader: notLegalRep }), compliant: order(r) }),
	'leader-legal-rep-or-letter': (r) => ({ breaking: order(r, { leader: notLegalRep }), compliant: order(r) }),
	'cross-province-refused': (r) => ({ breaking: order(r), compliant: order(r, { certificateType: 'passport', certificateNumber: 'E12345678' }) }),
	'cross-province-permit': (r) => ({ breaking: order(r), compliant: order(r, { certificateType: 'passport', certificateNumber: 'E12345678' }) }),
	'min-age': (r) => ({
		breaking: order(r, { leader: makeLeader({ birthDate: `${2026 - (r.value ?? 18) + 1}-01-01` }) }),
		compliant: order(r, { leader: makeLeader({ birthDate: `${2026 - (r.value ?? 18) - 5}-01-01` }) }, { websites: [] })
	}),
	'certificate-validity': (r) => ({
		breaking: order(r, { leader: makeLeader({ certificateValidUntil: '2026-12-02' }) }),
		compliant: order(r)
	}),
	'investor-required': (r) => ({ breaking: order(r), compliant: order(r, { investor: '北京示例投资有限公司' }) }),
	'admin-authorization-letter': (r) => ({
		breaking: order(r),
		compliant: order(r, {}, { websites: [makeWebsite({ administrator: makeAdmin({ isLegalRepresentative: true }) })] })
	}),
	'domain-certificate': (r) => ({
		breaking: makeOrderWithWebsites(r.value ?? 1, { subject: subjectFor(r), documents: [] }),
		compliant: makeOrderWithWebsites((r.value ?? 1) - 1, { subject: subjectFor(r), documents: [] })
	}),
	'party-building-letter': (r) => ({ breaking: order(r), compliant: order(r, {}, { kind: 'new-access' }) }),
	'mandatory-text': (r) => ({
		breaking: order(r, {}, { websites: [makeWebsite({ remarks: '记录摄影作品。' })] }),
		compliant: order(r, {}, { websites: [makeWebsite({ remarks: `本网站为个人网站，做摄影记录使用，网站开通后主要内容为摄影作品。${r.keyword ?? ''}` })] })
	}),
	'individual-name-pattern': (r) => ({
		breaking: order(r, {}, { websites: [makeWebsite({ name: '星空摄影记录' })] }),
		compliant: order(r, {}, { websites: [makeWebsite({ name: '张三的个人博客' })] })
	}),
	'landline-required': (r) => ({ breaking: order(r), compliant: order(r, { leader: makeLeader({ landline: '010-88888888' }) }) }),
	'legal-rep-words': (r) => ({
		breaking: order(r, {}, { websites: [makeWebsite({ name: '示例科技理财顾问' })] }),
		compliant: order(r, {}, { websites: [makeWebsite({ name: '示例科技理财顾问', administrator: makeAdmin({ isLegalRepresentative: true }) })] })
	}),
	'admin-differs-from-leader': (r) => ({
		breaking: order(r, {}, { websites: [makeWebsite({ administrator: makeLeader() })] }),
		compliant: order(r)
	}),
	'admin-is-leader-unless-legal-rep': (r) => ({
		breaking: order(r, { leader: notLegalRep }),
		compliant: order(r, { leader: notLegalRep }, { websites: [makeWebsite({ administrator: notLegalRep })] })
	}),
	'all-languages': (r) => ({ breaking: order(r), compliant: order(r, {}, { websites: [] }) })
};

export function scenarioFor(rule: ProvinceRule): Pair {
	return SCENARIOS[rule.kind](rule);
}
