/**
 * The 31 mainland provincial-level divisions with the one-character abbreviation used in ICP
 * filing numbers, commercial licences and public-security numbers — domain-research §8.3
 * [C][X39][T32][A25] where an example was seen, else [I]. Sichuan is 蜀 (not 川), Yunnan 滇
 * (not 云), Gansu 陇 (not 甘); `divisionPrefix` is the GB/T 2260 province code (resident ID §8.1).
 */
import type { ProvinceCode } from '../province/provinces.ts';

export interface FilingProvince {
	/** Abbreviation in ICP numbers, e.g. `浙`. */
	readonly abbr: string;
	/** First two digits of the administrative division code, e.g. `33`. */
	readonly divisionPrefix: string;
	/** Province code used across the domain core (`province/provinces.ts`). */
	readonly code: ProvinceCode;
	/** Abbreviations people type by mistake (§8.3: 川/甘/云 seen in a published regex [S][X41]). */
	readonly mistakenAbbr?: readonly string[];
}

export const FILING_PROVINCES_DATA = {
	asOf: '2026-01',
	source: 'domain-research §8.3 [C][X39][T32][A25][I]; division codes §8.1',
	provinces: [
		{ abbr: '京', divisionPrefix: '11', code: 'BJ' },
		{ abbr: '津', divisionPrefix: '12', code: 'TJ' },
		{ abbr: '冀', divisionPrefix: '13', code: 'HE' },
		{ abbr: '晋', divisionPrefix: '14', code: 'SX' },
		{ abbr: '蒙', divisionPrefix: '15', code: 'NM' },
		{ abbr: '辽', divisionPrefix: '21', code: 'LN' },
		{ abbr: '吉', divisionPrefix: '22', code: 'JL' },
		{ abbr: '黑', divisionPrefix: '23', code: 'HL' },
		{ abbr: '沪', divisionPrefix: '31', code: 'SH' },
		{ abbr: '苏', divisionPrefix: '32', code: 'JS' },
		{ abbr: '浙', divisionPrefix: '33', code: 'ZJ' },
		{ abbr: '皖', divisionPrefix: '34', code: 'AH' },
		{ abbr: '闽', divisionPrefix: '35', code: 'FJ' },
		{ abbr: '赣', divisionPrefix: '36', code: 'JX' },
		{ abbr: '鲁', divisionPrefix: '37', code: 'SD' },
		{ abbr: '豫', divisionPrefix: '41', code: 'HA' },
		{ abbr: '鄂', divisionPrefix: '42', code: 'HB' },
		{ abbr: '湘', divisionPrefix: '43', code: 'HN' },
		{ abbr: '粤', divisionPrefix: '44', code: 'GD' },
		{ abbr: '桂', divisionPrefix: '45', code: 'GX' },
		{ abbr: '琼', divisionPrefix: '46', code: 'HI' },
		{ abbr: '渝', divisionPrefix: '50', code: 'CQ' },
		{ abbr: '蜀', divisionPrefix: '51', code: 'SC', mistakenAbbr: ['川'] },
		{ abbr: '黔', divisionPrefix: '52', code: 'GZ' },
		{ abbr: '滇', divisionPrefix: '53', code: 'YN', mistakenAbbr: ['云'] },
		{ abbr: '藏', divisionPrefix: '54', code: 'XZ' },
		{ abbr: '陕', divisionPrefix: '61', code: 'SN' },
		{ abbr: '陇', divisionPrefix: '62', code: 'GS', mistakenAbbr: ['甘'] },
		{ abbr: '青', divisionPrefix: '63', code: 'QH' },
		{ abbr: '宁', divisionPrefix: '64', code: 'NX' },
		{ abbr: '新', divisionPrefix: '65', code: 'XJ' }
	]
} as const satisfies { asOf: string; source: string; provinces: readonly FilingProvince[] };

export type ProvinceAbbr = (typeof FILING_PROVINCES_DATA.provinces)[number]['abbr'];

export const PROVINCE_ABBRS: readonly ProvinceAbbr[] = FILING_PROVINCES_DATA.provinces.map((p) => p.abbr);

const BY_ABBR: ReadonlyMap<string, FilingProvince> = new Map(FILING_PROVINCES_DATA.provinces.map((p) => [p.abbr, p]));

export function isProvinceAbbr(value: unknown): value is ProvinceAbbr {
	return typeof value === 'string' && BY_ABBR.has(value);
}

/** The province for an abbreviation, or `undefined`. */
export function provinceByAbbr(abbr: string): FilingProvince | undefined {
	return BY_ABBR.get(abbr);
}

/** The correct abbreviation for a commonly mistaken one (`川` → `蜀`), or `undefined`. */
export function correctedAbbr(mistaken: string): ProvinceAbbr | undefined {
	const found = FILING_PROVINCES_DATA.provinces.find((p) =>
		'mistakenAbbr' in p ? (p.mistakenAbbr as readonly string[]).includes(mistaken) : false
	);
	return found?.abbr;
}

const BY_CODE: ReadonlyMap<string, FilingProvince> = new Map(FILING_PROVINCES_DATA.provinces.map((p) => [p.code, p]));

/** The filing-number abbreviation of a province code (`ZJ` → `浙`), or `undefined`. */
export function abbrOfProvince(code: ProvinceCode): ProvinceAbbr | undefined {
	return BY_CODE.get(code)?.abbr as ProvinceAbbr | undefined;
}
