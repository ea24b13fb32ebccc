/**
 * The 31 filing provinces (备案省份), keyed by their ISO 3166-2:CN suffix, which is also the
 * middle part of province rule IDs (`PROV-GD-3`). The two-digit GB/T 2260 prefix lets the
 * domain tell which province issued a resident ID (domain-research §8.1).
 */

export const PROVINCE_CODES = [
	'BJ', 'TJ', 'HE', 'SX', 'NM', 'LN', 'JL', 'HL', 'SH', 'JS', 'ZJ', 'AH', 'FJ', 'JX', 'SD', 'HA',
	'HB', 'HN', 'GD', 'GX', 'HI', 'CQ', 'SC', 'GZ', 'YN', 'XZ', 'SN', 'GS', 'QH', 'NX', 'XJ'
] as const;

export type ProvinceCode = (typeof PROVINCE_CODES)[number];

/** GB/T 2260 two-digit prefix of each province (resident ID digits 1–2). */
export const PROVINCE_DIVISION_PREFIX = {
	BJ: '11', TJ: '12', HE: '13', SX: '14', NM: '15', LN: '21', JL: '22', HL: '23', SH: '31',
	JS: '32', ZJ: '33', AH: '34', FJ: '35', JX: '36', SD: '37', HA: '41', HB: '42', HN: '43',
	GD: '44', GX: '45', HI: '46', CQ: '50', SC: '51', GZ: '52', YN: '53', XZ: '54', SN: '61',
	GS: '62', QH: '63', NX: '64', XJ: '65'
} as const satisfies Record<ProvinceCode, string>;

const BY_PREFIX: ReadonlyMap<string, ProvinceCode> = new Map(
	PROVINCE_CODES.map((code) => [PROVINCE_DIVISION_PREFIX[code], code])
);

/** The province whose division code starts a resident ID number; undefined for 71/81/82/83 and junk. */
export function provinceOfResidentId(number: string): ProvinceCode | undefined {
	return BY_PREFIX.get(number.slice(0, 2));
}
