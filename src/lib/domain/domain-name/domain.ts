/**
 * The domain a website is filed under — domain-research §5.4, §5.6 [C][A16][T3][T6][T18][S][H4][X19].
 *
 * Input is normalised (control characters, full-width characters, case, `。` as dot, a pasted
 * `https://…/path`), converted between Unicode and punycode, and reduced with the ICANN section
 * of the Public Suffix List (tldts) to the registrable domain, which is what gets filed.
 * tldts is large: import this module only on screens that need it.
 */
import { parse } from 'tldts';
import { issue, resultOf, failure, type Issue, type Result } from '../result.ts';
import { stripControlChars, stripWhitespace, toHalfWidthAscii } from '../text/normalize.ts';
import type { ProvinceCode } from '../province/provinces.ts';
import { foldHostname, toAsciiHostname, toUnicodeHostname } from './idna.ts';
import { APPROVED_SUFFIXES, NON_FILEABLE_SUFFIXES, PROVINCE_NON_FILEABLE_SUFFIXES } from './suffix-lists.ts';

export type AsciiDomain = string & { readonly __brand: 'AsciiDomain' };

export interface DomainName {
	/** Registrable domain in ASCII (punycode), e.g. `xn--fsqu00a.xn--fiqs8s`. */
	readonly ascii: AsciiDomain;
	/** The same in Unicode, e.g. `例子.中国`. */
	readonly unicode: string;
	/** Public suffix (Unicode), e.g. `com.cn`. */
	readonly suffix: string;
	/** Top-level label (Unicode), e.g. `cn`. */
	readonly tld: string;
}

export interface DomainOptions {
	/** Filing province: adds that province's suffix list (DOMAIN-9). */
	readonly province?: ProvinceCode;
	readonly isIndividual?: boolean;
}

const MAX_INPUT = 2048;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Strips a pasted scheme, credentials, path, query, fragment and port (DOMAIN-2 when any was present). */
function extractHost(s: string): { host: string; stripped: boolean } {
	const host = s
		.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
		.replace(/[/?#].*$/s, '')
		.replace(/^.*@/, '')
		.replace(/:\d*$/, '');
	return { host, stripped: host !== s };
}

function isValidAsciiHost(ascii: string): boolean {
	const labels = ascii.split('.');
	return ascii.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

function suffixIssues(tld: string, options: DomainOptions): Issue[] {
	const params = { suffix: tld };
	if (NON_FILEABLE_SUFFIXES.suffixes.includes(tld)) return [issue('DOMAIN-7', 'error', { params })];
	const issues: Issue[] = [];
	if (!APPROVED_SUFFIXES.suffixes.includes(tld)) issues.push(issue('DOMAIN-8', 'warning', { params }));
	const province = PROVINCE_NON_FILEABLE_SUFFIXES.find(
		(l) => l.province === options.province && (l.appliesTo === 'all' || options.isIndividual === true) && l.suffixes.includes(tld)
	);
	if (province) issues.push(issue('DOMAIN-9', 'warning', { params: { suffix: tld, province: province.province } }));
	return issues;
}

function registrableIssues(hostname: string, registrable: string, unicodeRegistrable: string): Issue[] {
	if (hostname === registrable) return [];
	const params = { domain: unicodeRegistrable };
	return hostname === `www.${registrable}`
		? [issue('DOMAIN-6', 'error', { params })]
		: [issue('DOMAIN-5', 'error', { params })];
}

/**
 * Parses the domain to file: exactly a registrable domain (`example.com`, `例子.中国`), no
 * subdomain (DOMAIN-5) and no `www` (DOMAIN-6). Never throws.
 */
export function parseDomain(input: unknown, options: DomainOptions = {}): Result<DomainName> {
	if (typeof input !== 'string' || input.length > MAX_INPUT) return failure([issue('DOMAIN-1', 'error')]);
	const { host, stripped } = extractHost(stripWhitespace(toHalfWidthAscii(stripControlChars(input))));
	const ascii = toAsciiHostname(foldHostname(host));
	if (ascii === undefined || !isValidAsciiHost(ascii)) return failure([issue('DOMAIN-1', 'error')]);
	const unicode = toUnicodeHostname(ascii);
	if (unicode === undefined) return failure([issue('DOMAIN-1', 'error')]);
	const parsed = parse(ascii, { allowPrivateDomains: false });
	if (parsed.isIp) return failure([issue('DOMAIN-3', 'error')]);
	if (!parsed.isIcann || !parsed.domain || !parsed.publicSuffix) return failure([issue('DOMAIN-4', 'error')]);
	const registrable = toUnicodeHostname(parsed.domain) ?? parsed.domain;
	const suffix = toUnicodeHostname(parsed.publicSuffix) ?? parsed.publicSuffix;
	const tld = suffix.slice(suffix.lastIndexOf('.') + 1);
	const issues: Issue[] = [
		...registrableIssues(ascii, parsed.domain, registrable),
		...suffixIssues(tld, options),
		...(stripped ? [issue('DOMAIN-2', 'info', { params: { domain: unicode } })] : [])
	];
	return resultOf({ ascii: parsed.domain as AsciiDomain, unicode: registrable, suffix, tld }, issues);
}
