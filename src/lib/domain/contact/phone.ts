/**
 * Mobile and landline numbers of persons in charge — domain-research §8.4, §4.3.
 *
 * Full-width digits, spaces, hyphens, brackets and a `+86` / `0086` prefix are accepted and
 * normalised. A mobile is stored as 11 digits; a landline as `0AAA-NNNNNNNN[-EXT]`.
 */
import { issue, resultOf, failure, type Issue, type Result } from '../result.ts';
import { compactIdentifier } from '../text/normalize.ts';
import { segmentKindOf, type SegmentKind } from './mobile-segments.ts';

export type MobileNumber = string & { readonly __brand: 'MobileNumber' };
export type LandlineNumber = string & { readonly __brand: 'LandlineNumber' };

export interface Mobile {
	readonly number: MobileNumber;
	/** `undefined` when the segment is not in the 2020 list (PHONE-4). */
	readonly segment: SegmentKind | undefined;
}

export interface Landline {
	readonly number: LandlineNumber;
	/** With the leading 0, e.g. `010`, `0571`. */
	readonly areaCode: string;
	readonly local: string;
	readonly extension?: string;
}

function dialable(input: unknown): string | undefined {
	const compact = compactIdentifier(input);
	if (compact === undefined) return undefined;
	const digits = compact.replace(/[-()（）.]/g, '');
	return digits.replace(/^(\+86|0086)/, '');
}

/**
 * Parses a mainland mobile number (PHONE-1). Virtual segments warn that the MIIT SMS may not
 * arrive (PHONE-2); data-only and IoT segments are refused (PHONE-3); a segment outside the
 * 2020 list warns (PHONE-4). Never throws.
 */
export function parseMobile(input: unknown): Result<Mobile> {
	let digits = dialable(input);
	if (digits !== undefined && digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
	if (digits === undefined || !/^1[3-9]\d{9}$/.test(digits)) {
		return failure([issue('PHONE-1', 'error')]);
	}
	const segment = segmentKindOf(digits);
	const issues: Issue[] = [];
	const prefix = digits.slice(0, 3);
	if (segment === 'virtual') issues.push(issue('PHONE-2', 'warning', { params: { segment: prefix } }));
	if (segment === 'data-only' || segment === 'iot') issues.push(issue('PHONE-3', 'error', { params: { segment: prefix } }));
	if (segment === undefined) issues.push(issue('PHONE-4', 'warning', { params: { segment: prefix } }));
	return resultOf({ number: digits as MobileNumber, segment }, issues);
}

/** Area codes with two digits after the 0 (Beijing 010, 020–029); all others have three [I]. */
function areaCodeLength(digits: string): number {
	return digits.startsWith('01') || digits.startsWith('02') ? 3 : 4;
}

function splitLandline(input: unknown): { area: string; local: string; ext?: string } | undefined {
	const compact = compactIdentifier(input);
	if (compact === undefined) return undefined;
	let s = compact.replace(/^(\+86|0086)-?/, '0').replace(/[()（）]/g, '-').replace(/^-+|-+$/g, '');
	s = s.replace(/^0+-/, '0').replace(/-+/g, '-');
	const hyphenated = /^(0\d{2,3})-(\d{7,8})(?:-(\d{1,6}))?$/.exec(s);
	if (hyphenated?.[1] && hyphenated[2]) return { area: hyphenated[1], local: hyphenated[2], ext: hyphenated[3] };
	const plain = /^(0\d{9,11})(?:-(\d{1,6}))?$/.exec(s);
	if (!plain?.[1]) return undefined;
	const cut = areaCodeLength(plain[1]);
	const local = plain[1].slice(cut);
	if (local.length < 7 || local.length > 8) return undefined;
	return { area: plain[1].slice(0, cut), local, ext: plain[2] };
}

/** Parses a landline `0571-88888888`, `(010)12345678`, `+86 571 8888 8888-123` (PHONE-5). Never throws. */
export function parseLandline(input: unknown): Result<Landline> {
	const parts = splitLandline(input);
	if (!parts) return failure([issue('PHONE-5', 'error')]);
	const number = `${parts.area}-${parts.local}${parts.ext ? `-${parts.ext}` : ''}` as LandlineNumber;
	const value: Landline = parts.ext
		? { number, areaCode: parts.area, local: parts.local, extension: parts.ext }
		: { number, areaCode: parts.area, local: parts.local };
	return resultOf(value, []);
}
