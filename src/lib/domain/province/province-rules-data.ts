/**
 * Province rules as versioned data (domain-research §7, §5.3, §5.6, §6.2). Each row is one rule
 * ID of RULES.md with its `asOf` (when the source described it) and `source`. Province rules
 * warn (or inform); only national rules block (domain-research §0). Update by editing rows;
 * `province-check.ts` interprets each `kind` generically — no per-province code.
 */
import type { Severity } from '../result.ts';
import type { ProvinceCode } from './provinces.ts';

export const PROVINCE_RULES_VERSION = '2026-11-01';

export type ProvinceRuleKind =
	| 'leader-legal-rep'
	| 'leader-legal-rep-or-letter'
	| 'cross-province-refused'
	| 'cross-province-permit'
	| 'min-age'
	| 'certificate-validity'
	| 'investor-required'
	| 'admin-authorization-letter'
	| 'domain-certificate'
	| 'party-building-letter'
	| 'mandatory-text'
	| 'individual-name-pattern'
	| 'landline-required'
	| 'legal-rep-words'
	| 'admin-differs-from-leader'
	| 'admin-is-leader-unless-legal-rep'
	| 'all-languages';

export interface ProvinceRule {
	readonly id: string;
	readonly province: ProvinceCode;
	readonly kind: ProvinceRuleKind;
	/** Which subjects the rule concerns. */
	readonly appliesTo: 'individual' | 'organization' | 'all';
	readonly severity: Severity;
	/** Years (min-age), days (certificate-validity) or domains (domain-certificate). */
	readonly value?: number;
	/** Text the remarks must contain (mandatory-text). */
	readonly keyword?: string;
	/** Regular expression source the text must match (mandatory-text, individual-name-pattern). */
	readonly pattern?: string;
	readonly words?: readonly string[];
	readonly asOf: string;
	readonly source: string;
}

export const PROVINCE_RULES: readonly ProvinceRule[] = [
	{ id: 'PROV-TJ-1', province: 'TJ', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-HE-1', province: 'HE', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-NM-1', province: 'NM', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-HL-1', province: 'HL', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-SH-1', province: 'SH', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-ZJ-1', province: 'ZJ', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-FJ-1', province: 'FJ', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-JX-1', province: 'JX', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-SD-1', province: 'SD', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-HA-1', province: 'HA', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-HN-1', province: 'HN', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-HB-1', province: 'HB', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-GD-1', province: 'GD', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-GX-1', province: 'GX', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-CQ-1', province: 'CQ', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-GZ-1', province: 'GZ', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-YN-1', province: 'YN', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-XZ-1', province: 'XZ', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-SN-1', province: 'SN', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-QH-1', province: 'QH', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-NX-1', province: 'NX', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-XJ-1', province: 'XJ', kind: 'leader-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-JL-1', province: 'JL', kind: 'leader-legal-rep-or-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-AH-1', province: 'AH', kind: 'leader-legal-rep-or-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-SC-1', province: 'SC', kind: 'leader-legal-rep-or-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-GS-1', province: 'GS', kind: 'leader-legal-rep-or-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§7.2 [C][T2]' },
	{ id: 'PROV-HL-2', province: 'HL', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-GS-2', province: 'GS', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-NX-2', province: 'NX', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-QH-2', province: 'QH', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-SX-1', province: 'SX', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-HA-2', province: 'HA', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-CQ-2', province: 'CQ', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-XJ-2', province: 'XJ', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-YN-2', province: 'YN', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-GZ-2', province: 'GZ', kind: 'cross-province-refused', appliesTo: 'individual', severity: 'warning', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-JL-2', province: 'JL', kind: 'cross-province-permit', appliesTo: 'individual', severity: 'info', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-NM-2', province: 'NM', kind: 'cross-province-permit', appliesTo: 'individual', severity: 'info', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-JS-1', province: 'JS', kind: 'cross-province-permit', appliesTo: 'individual', severity: 'info', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-SH-2', province: 'SH', kind: 'cross-province-permit', appliesTo: 'individual', severity: 'info', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-HB-2', province: 'HB', kind: 'cross-province-permit', appliesTo: 'individual', severity: 'info', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-FJ-2', province: 'FJ', kind: 'cross-province-permit', appliesTo: 'individual', severity: 'info', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-JX-2', province: 'JX', kind: 'cross-province-permit', appliesTo: 'individual', severity: 'info', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-SC-2', province: 'SC', kind: 'cross-province-permit', appliesTo: 'individual', severity: 'info', asOf: '2017-06-05', source: '§7.1 [C][T27]' },
	{ id: 'PROV-GZ-3', province: 'GZ', kind: 'min-age', appliesTo: 'all', severity: 'warning', value: 14, asOf: '2026-11-01', source: '§5.3 [C][A18]' },
	{ id: 'PROV-QH-3', province: 'QH', kind: 'min-age', appliesTo: 'all', severity: 'warning', value: 14, asOf: '2026-11-01', source: '§5.3 [C][A18]' },
	{ id: 'PROV-FJ-3', province: 'FJ', kind: 'min-age', appliesTo: 'all', severity: 'warning', value: 14, asOf: '2026-11-01', source: '§5.3 [C][A18]' },
	{ id: 'PROV-GD-2', province: 'GD', kind: 'min-age', appliesTo: 'organization', severity: 'warning', value: 16, asOf: '2017-06-05', source: '§5.3 [C][T27]' },
	{ id: 'PROV-JS-2', province: 'JS', kind: 'min-age', appliesTo: 'individual', severity: 'warning', value: 16, asOf: '2017-06-05', source: '§5.3 [C][T27]' },
	{ id: 'PROV-TJ-2', province: 'TJ', kind: 'min-age', appliesTo: 'organization', severity: 'warning', value: 16, asOf: '2017-06-05', source: '§5.3 [C][T27]' },
	{ id: 'PROV-QH-4', province: 'QH', kind: 'certificate-validity', appliesTo: 'all', severity: 'warning', value: 90, asOf: '2026-11-01', source: '§5.3 [C][A18]' },
	{ id: 'PROV-HB-3', province: 'HB', kind: 'certificate-validity', appliesTo: 'all', severity: 'warning', value: 90, asOf: '2026-11-01', source: '§5.3 [C][A18]' },
	{ id: 'PROV-SH-3', province: 'SH', kind: 'certificate-validity', appliesTo: 'all', severity: 'warning', value: 90, asOf: '2017-06-05', source: '§5.3 [C][T27]' },
	{ id: 'PROV-JL-3', province: 'JL', kind: 'investor-required', appliesTo: 'organization', severity: 'warning', asOf: '2017-06-05', source: '§5.2 [C][T27]' },
	{ id: 'PROV-NX-3', province: 'NX', kind: 'investor-required', appliesTo: 'organization', severity: 'warning', asOf: '2017-06-05', source: '§5.2 [C][T27]' },
	{ id: 'PROV-FJ-4', province: 'FJ', kind: 'investor-required', appliesTo: 'organization', severity: 'warning', asOf: '2017-06-05', source: '§5.2 [C][T27]' },
	{ id: 'PROV-TJ-3', province: 'TJ', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-SH-4', province: 'SH', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-AH-2', province: 'AH', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-FJ-5', province: 'FJ', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-JX-3', province: 'JX', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-HN-2', province: 'HN', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-HB-4', province: 'HB', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-CQ-3', province: 'CQ', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-SC-3', province: 'SC', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-GZ-4', province: 'GZ', kind: 'admin-authorization-letter', appliesTo: 'organization', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T3]' },
	{ id: 'PROV-HA-3', province: 'HA', kind: 'domain-certificate', appliesTo: 'all', severity: 'info', value: 4, asOf: '2017-06-05', source: '§5.6 [C][T27]' },
	{ id: 'PROV-SN-2', province: 'SN', kind: 'domain-certificate', appliesTo: 'all', severity: 'info', value: 5, asOf: '2017-06-05', source: '§5.6 [C][T27]' },
	{ id: 'PROV-JS-3', province: 'JS', kind: 'domain-certificate', appliesTo: 'all', severity: 'info', value: 1, asOf: '2017-06-05', source: '§5.6 [C][T27][T26]' },
	{ id: 'PROV-HN-3', province: 'HN', kind: 'domain-certificate', appliesTo: 'all', severity: 'info', value: 1, asOf: '2017-06-05', source: '§5.6 [C][T27][T26]' },
	{ id: 'PROV-YN-3', province: 'YN', kind: 'domain-certificate', appliesTo: 'all', severity: 'info', value: 1, asOf: '2017-06-05', source: '§5.6 [C][T27][T26]' },
	{ id: 'PROV-XJ-3', province: 'XJ', kind: 'party-building-letter', appliesTo: 'all', severity: 'info', asOf: '2026-11-01', source: '§6.2 [C][T1][W3]' },
	{ id: 'PROV-TJ-4', province: 'TJ', kind: 'mandatory-text', appliesTo: 'individual', severity: 'warning', keyword: '个人网站', asOf: '2017-06-05', source: '§7.4 [C][T27][T30]' },
	{ id: 'PROV-GX-2', province: 'GX', kind: 'mandatory-text', appliesTo: 'individual', severity: 'warning', keyword: '个人网站', asOf: '2017-06-05', source: '§7.4 [C][T27][T30]' },
	{ id: 'PROV-GS-3', province: 'GS', kind: 'mandatory-text', appliesTo: 'individual', severity: 'warning', keyword: '个人网站', asOf: '2017-06-05', source: '§7.4 [S][X11]' },
	{ id: 'PROV-JS-4', province: 'JS', kind: 'mandatory-text', appliesTo: 'individual', severity: 'warning', pattern: '本网站为个人网站，做.+使用，网站开通后主要内容为.+', asOf: '2017-06-05', source: '§7.4 [C][T27]' },
	{ id: 'PROV-GD-3', province: 'GD', kind: 'mandatory-text', appliesTo: 'individual', severity: 'info', keyword: '核验单', asOf: '2017-06-05', source: '§6.3 [C][T30]' },
	{ id: 'PROV-JS-5', province: 'JS', kind: 'individual-name-pattern', appliesTo: 'individual', severity: 'warning', pattern: '的个人(博客|主页)$', asOf: '2017-06-05', source: '§5.5 [C][T27]' },
	{ id: 'PROV-JS-6', province: 'JS', kind: 'landline-required', appliesTo: 'organization', severity: 'warning', asOf: '2026-11-01', source: '§5.3 [C][T2]' },
	{ id: 'PROV-LN-1', province: 'LN', kind: 'legal-rep-words', appliesTo: 'organization', severity: 'warning', words: ['投资管理', '理财', '典当', '担保', '贷款'], asOf: '2017-06-05', source: '§7.3 [C][T27]' },
	{ id: 'PROV-TJ-5', province: 'TJ', kind: 'admin-differs-from-leader', appliesTo: 'organization', severity: 'warning', asOf: '2017-06-05', source: '§7.2 [C][T27][A18]' },
	{ id: 'PROV-HI-1', province: 'HI', kind: 'admin-is-leader-unless-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2017-06-05', source: '§7.2 [C][T27]' },
	{ id: 'PROV-JS-7', province: 'JS', kind: 'admin-is-leader-unless-legal-rep', appliesTo: 'organization', severity: 'warning', asOf: '2017-06-05', source: '§7.2 [C][T27]' },
	{ id: 'PROV-XJ-4', province: 'XJ', kind: 'all-languages', appliesTo: 'all', severity: 'info', asOf: '2017-06-05', source: '§5.4 [C][T27]' },
];
