/**
 * Top-level domains that can or cannot be filed — domain-research §5.6. Data, not code: each
 * list has its `asOf` date and source. The approved list is deliberately PARTIAL — a suffix on
 * neither list is a warning asking the person to confirm at domain.miit.gov.cn (DOMAIN-8), never
 * an error. Province lists are warnings too (province rules warn unless national, §0).
 */
import type { ProvinceCode } from '../province/provinces.ts';

export interface SuffixList {
	readonly asOf: string;
	readonly source: string;
	readonly partial: boolean;
	/** Top-level labels in Unicode form, lowercase, without a dot. */
	readonly suffixes: readonly string[];
}

/** National: known not fileable (DOMAIN-7, error). */
export const NON_FILEABLE_SUFFIXES: SuffixList = {
	asOf: '2025',
	source: 'domain-research §5.6: .io .dev .app .me [S][X17]; .ai [S][X18]',
	partial: true,
	suffixes: ['io', 'dev', 'app', 'me', 'ai']
};

/**
 * Partial list of suffixes approved by MIIT. Only suffixes the research shows being filed or
 * names as common; everything else must be confirmed at 域名.信息 / domain.miit.gov.cn [C][T3].
 */
export const APPROVED_SUFFIXES: SuffixList = {
	asOf: '2025',
	source: 'domain-research §5.6 [C][T3][T1] (partial; verify at domain.miit.gov.cn), §8.3 examples [A25]',
	partial: true,
	suffixes: ['cn', '中国', 'com', 'net', 'org']
};

export interface ProvinceSuffixList extends SuffixList {
	readonly province: ProvinceCode;
	/** Whom the list applies to. */
	readonly appliesTo: 'all' | 'individual';
}

/** Province lists of suffixes that cannot be filed there (DOMAIN-9, warning). */
export const PROVINCE_NON_FILEABLE_SUFFIXES: readonly ProvinceSuffixList[] = [
	{
		province: 'BJ',
		appliesTo: 'all',
		asOf: '2019',
		source: 'domain-research §5.6 Beijing list [C][T1]',
		partial: true,
		suffixes: ['hk', 'tw', 'asia', 'jp', 'io', 'me', 'win', 'org']
	},
	{
		province: 'CQ',
		appliesTo: 'individual',
		asOf: '2017',
		source: 'domain-research §5.6 Chongqing individuals [C][T27]',
		partial: true,
		suffixes: ['org']
	}
];
