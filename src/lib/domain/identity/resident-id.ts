/**
 * Resident identity numbers (居民身份证号码, GB 11643-1999) and the HK/Macao/Taiwan residence
 * permits that share their structure — domain-research §8.1 [S][X26][X27][X28][X30].
 *
 * 6-digit address code + YYYYMMDD birth date + 3-digit sequence (odd = male) + ISO 7064 MOD 11-2
 * check character. 15-digit legacy numbers (YYMMDD, no check) are upgraded to 18 digits.
 */
import { issue, resultOf, failure, type Issue, type Result } from '../result.ts';
import { compactIdentifier } from '../text/normalize.ts';
import { chinaToday, isRealDate, isoDateOf, type IsoDate } from '../calendar/iso-date.ts';

export type ResidentIdNumber = string & { readonly __brand: 'ResidentIdNumber' };

export interface ResidentId {
	/** 18 characters, check character uppercase. */
	readonly number: ResidentIdNumber;
	readonly addressCode: string;
	/** First two digits of the address code, e.g. `11` Beijing, `81` Hong Kong. */
	readonly provinceCode: string;
	readonly birthDate: IsoDate;
	readonly gender: 'male' | 'female';
	/** HK (810000), Macao (820000) or Taiwan (830000) residence permit. */
	readonly isResidencePermit: boolean;
	readonly upgradedFrom15: boolean;
}

export interface ResidentIdOptions {
	/** Today's date for the "not in the future" rule; default: today in China. */
	readonly today?: IsoDate;
}

/** Province-level address code prefixes accepted by ID-6 (§8.1). */
export const RESIDENT_ID_PROVINCE_CODES: readonly string[] = [
	'11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
	'41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
	'71', '81', '82', '83'
];
const PROVINCE_SET: ReadonlySet<string> = new Set(RESIDENT_ID_PROVINCE_CODES);
const PERMIT_ADDRESS_CODES: ReadonlySet<string> = new Set(['810000', '820000', '830000']);
const PERMIT_PREFIXES: ReadonlySet<string> = new Set(['81', '82', '83']);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The MOD 11-2 check character of the first 17 digits (`17` digits required). */
export function residentIdCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
	return CHECK_CHARS.charAt(sum % 11);
}

/** A 15-digit legacy number as 18 digits: "19" inserted after the address code, check appended. */
export function upgradeResidentId15(digits15: string): string {
	const first17 = `${digits15.slice(0, 6)}19${digits15.slice(6)}`;
	return first17 + residentIdCheckChar(first17);
}

function checkBirthDate(number: string, today: IsoDate): Issue[] {
	const year = Number(number.slice(6, 10));
	const month = Number(number.slice(10, 12));
	const day = Number(number.slice(12, 14));
	if (!isRealDate(year, month, day)) return [issue('ID-2', 'error')];
	const birth = isoDateOf(year, month, day);
	if (birth > today) return [issue('ID-4', 'error')];
	if (year < 1900) return [issue('ID-5', 'warning')];
	return [];
}

function checkAddress(number: string): Issue[] {
	const province = number.slice(0, 2);
	if (!PROVINCE_SET.has(province)) return [issue('ID-6', 'error', { params: { code: province } })];
	if (PERMIT_PREFIXES.has(province) && !PERMIT_ADDRESS_CODES.has(number.slice(0, 6))) {
		return [issue('ID-8', 'error', { params: { code: number.slice(0, 6) } })];
	}
	return [];
}

function toValue(number: string, upgradedFrom15: boolean): ResidentId {
	const provinceCode = number.slice(0, 2);
	return {
		number: number as ResidentIdNumber,
		addressCode: number.slice(0, 6),
		provinceCode,
		birthDate: isoDateOf(Number(number.slice(6, 10)), Number(number.slice(10, 12)), Number(number.slice(12, 14))),
		gender: Number(number.charAt(16)) % 2 === 1 ? 'male' : 'female',
		isResidencePermit: PERMIT_PREFIXES.has(provinceCode),
		upgradedFrom15
	};
}

/**
 * Parses a resident ID or HK/Macao/Taiwan residence permit number. Accepts spaces, full-width
 * digits and a lowercase `x`; 15-digit legacy numbers are upgraded (ID-7, info). Never throws.
 */
export function parseResidentId(input: unknown, options: ResidentIdOptions = {}): Result<ResidentId> {
	const raw = compactIdentifier(input)?.toUpperCase();
	if (raw === undefined || !/^(\d{17}[\dX]|\d{15})$/.test(raw)) return failure([issue('ID-1', 'error')]);
	const upgradedFrom15 = raw.length === 15;
	const number = upgradedFrom15 ? upgradeResidentId15(raw) : raw;
	const issues: Issue[] = [
		...checkAddress(number),
		...checkBirthDate(number, options.today ?? chinaToday())
	];
	if (!upgradedFrom15 && residentIdCheckChar(number) !== number.charAt(17)) issues.push(issue('ID-3', 'error'));
	if (upgradedFrom15) issues.push(issue('ID-7', 'info', { params: { upgraded: number } }));
	return resultOf(toValue(number, upgradedFrom15), issues);
}

/** Full years of age on `on` for someone born on `birthDate` (birthday counts on the day itself). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
	const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
	return on.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
