/**
 * ICP filing numbers, ICP commercial licence numbers and public-security filing numbers —
 * domain-research §8.3 [C][A25][A26][T19][T32][X39][X40]. Parse leniently (spaces, full-width
 * characters, legacy `滇ICP备09010050-5号`, a missing `号`), format strictly.
 */
import { issue, resultOf, failure, type Issue, type Result } from '../result.ts';
import { stripControlChars, stripWhitespace, toHalfWidthAscii } from '../text/normalize.ts';
import type { ProvinceCode } from '../province/provinces.ts';
import { correctedAbbr, isProvinceAbbr, provinceByAbbr, type ProvinceAbbr } from './provinces.ts';

export type FilingNumberKind = 'icp-subject' | 'icp-website' | 'icp-licence' | 'public-security';

interface Base {
	readonly province: ProvinceAbbr;
	/** Digits after the prefix: 8 or 10 for ICP filings, 8 for licences, 14 for public security. */
	readonly serial: string;
}
export interface IcpSubjectNumber extends Base { readonly kind: 'icp-subject' }
export interface IcpWebsiteNumber extends Base { readonly kind: 'icp-website'; readonly site: number }
export interface IcpLicenceNumber extends Base { readonly kind: 'icp-licence'; readonly suffix?: string }
export interface PublicSecurityNumber extends Base { readonly kind: 'public-security' }

export type FilingNumberValue = IcpSubjectNumber | IcpWebsiteNumber | IcpLicenceNumber | PublicSecurityNumber;
export type FilingNumber = FilingNumberValue & {
	readonly formatted: string;
	/** The province in the domain's province codes (`浙` → `ZJ`). */
	readonly provinceCode: ProvinceCode;
};

export interface FilingNumberOptions {
	/** The kind the field asks for; another kind is refused with FNUM-9. */
	readonly expect?: FilingNumberKind;
}

const MAX_INPUT = 256;
const ICP = /^(.)ICP备(\d+)(?:号)?(?:-(\d+))?(?:号)?$/u;
const LICENCE = /^(.)B2-?(\d+)(?:-([0-9A-Z]+))?(?:号)?$/u;
const PUBLIC_SECURITY = /^(.)公网安备(\d+)(?:号)?$/u;

/** The strict written form: `浙ICP备2026012345号-1`, `浙B2-20080101`, `浙公网安备 33010602009975号`. */
export function formatFilingNumber(value: FilingNumberValue): string {
	switch (value.kind) {
		case 'icp-subject':
			return `${value.province}ICP备${value.serial}号`;
		case 'icp-website':
			return `${value.province}ICP备${value.serial}号-${value.site}`;
		case 'icp-licence':
			return `${value.province}B2-${value.serial}${value.suffix ? `-${value.suffix}` : ''}`;
		case 'public-security':
			return `${value.province}公网安备 ${value.serial}号`;
	}
}

function provinceIssue(abbr: string): Issue[] {
	if (isProvinceAbbr(abbr)) return [];
	const corrected = correctedAbbr(abbr);
	return [issue('FNUM-2', 'error', { params: corrected ? { found: abbr, expected: corrected } : { found: abbr } })];
}

function parseIcp(s: string): Result<FilingNumberValue> {
	const m = ICP.exec(s);
	if (!m?.[1] || !m[2]) return failure([issue('FNUM-1', 'error')]);
	const issues = provinceIssue(m[1]);
	if (m[2].length !== 8 && m[2].length !== 10) issues.push(issue('FNUM-3', 'error', { params: { digits: m[2].length } }));
	const site = m[3] === undefined ? undefined : Number(m[3]);
	if (site !== undefined && (site < 1 || m[3]?.startsWith('0') === true || !Number.isSafeInteger(site))) {
		issues.push(issue('FNUM-5', 'error'));
	}
	const base = { province: m[1] as ProvinceAbbr, serial: m[2] };
	return resultOf(site === undefined ? { ...base, kind: 'icp-subject' } : { ...base, kind: 'icp-website', site }, issues);
}

function parseLicence(s: string): Result<FilingNumberValue> {
	const m = LICENCE.exec(s.replace(/^(?:增值电信业务经营许可证|经营许可证|ICP证)[:：]?/u, ''));
	if (!m?.[1] || !m[2] || m[2].length !== 8 || (m[3] !== undefined && !/^\d{1,6}X?$/.test(m[3]))) {
		return failure([issue('FNUM-6', 'error')]);
	}
	const issues = provinceIssue(m[1]);
	const base = { kind: 'icp-licence', province: m[1] as ProvinceAbbr, serial: m[2] } as const;
	return resultOf(m[3] ? { ...base, suffix: m[3] } : base, issues);
}

function parsePublicSecurity(s: string): Result<FilingNumberValue> {
	const m = PUBLIC_SECURITY.exec(s);
	if (!m?.[1] || !m[2] || m[2].length !== 14) return failure([issue('FNUM-7', 'error')]);
	const issues = provinceIssue(m[1]);
	const prefix = provinceByAbbr(m[1])?.divisionPrefix;
	if (prefix !== undefined && !m[2].startsWith(prefix)) {
		issues.push(issue('FNUM-8', 'warning', { params: { province: m[1], code: m[2].slice(0, 2) } }));
	}
	return resultOf({ kind: 'public-security', province: m[1] as ProvinceAbbr, serial: m[2] }, issues);
}

function parseByKind(s: string): Result<FilingNumberValue> {
	if (s.includes('公网安备')) return parsePublicSecurity(s);
	if (s.includes('B2')) return parseLicence(s);
	return parseIcp(s);
}

/**
 * Parses an ICP filing number (subject or website `-N`), an ICP commercial licence number or a
 * public-security filing number. `value.formatted` is the strict form; FNUM-4 (info) tells when
 * it differs from what was typed. Never throws.
 */
export function parseFilingNumber(input: unknown, options: FilingNumberOptions = {}): Result<FilingNumber> {
	if (typeof input !== 'string' || input.length > MAX_INPUT) return failure([issue('FNUM-1', 'error')]);
	const s = stripWhitespace(toHalfWidthAscii(stripControlChars(input))).toUpperCase().replace(/[—–－]/g, '-');
	const parsed = parseByKind(s);
	const provinceCode = parsed.ok ? provinceByAbbr(parsed.value.province)?.code : undefined;
	if (!parsed.ok || provinceCode === undefined) return failure(parsed.issues);
	const formatted = formatFilingNumber(parsed.value);
	const issues: Issue[] = [...parsed.issues];
	if (options.expect !== undefined && options.expect !== parsed.value.kind) {
		issues.push(issue('FNUM-9', 'error', { params: { expected: options.expect, found: parsed.value.kind } }));
	}
	if (formatted !== input.trim()) issues.push(issue('FNUM-4', 'info', { params: { formatted } }));
	return resultOf({ ...parsed.value, formatted, provinceCode }, issues);
}
