/**
 * Unified Social Credit Codes (统一社会信用代码, GB 32100-2015) — domain-research §8.2
 * [S][X32][X33][X34][X35].
 *
 * A malformed code is an error; a failing check character is only a warning because real,
 * registered codes that fail it exist (§8.2 caution) and the administration's data wins. The
 * embedded organisation code check is info only: post-reform codes (`MA…`) need not follow it.
 */
import { issue, resultOf, failure, type Issue, type Result } from '../result.ts';
import { compactIdentifier } from '../text/normalize.ts';
import { isOrganizationCodeChecksumValid } from './organization-code.ts';

export type UsccCode = string & { readonly __brand: 'UsccCode' };

export interface Uscc {
	readonly code: UsccCode;
	/** Character 1: registration authority (9 = market regulation). */
	readonly registrationAuthority: string;
	/** Character 2: organisation category within the authority (e.g. `91` enterprise, `92` sole proprietor). */
	readonly category: string;
	/** Characters 3–8: administrative division code of the registering authority. */
	readonly divisionCode: string;
	/** Characters 9–17: the subject identifier (former organisation code). */
	readonly organizationCode: string;
	readonly isChecksumValid: boolean;
}

/** The 31 code characters; a character's value is its index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const STRUCTURE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
/** Registration authority codes accepted as first character (§8.2 [S][X35]). */
export const USCC_REGISTRATION_AUTHORITIES: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y'];

/** The check character of the first 17 characters, or `undefined` if one is outside the charset. */
export function usccCheckChar(first17: string): string | undefined {
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const v = USCC_CHARSET.indexOf(first17.charAt(i));
		if (v < 0) return undefined;
		sum += v * (WEIGHTS[i] ?? 0);
	}
	return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

function checkShape(code: string): Issue[] {
	if (code.length !== 18 || [...code].some((ch) => !USCC_CHARSET.includes(ch))) return [issue('USCC-1', 'error')];
	if (!STRUCTURE.test(code)) return [issue('USCC-2', 'error')];
	return [];
}

/**
 * Parses a Unified Social Credit Code. Spaces, full-width characters and lowercase letters are
 * normalised. Never throws.
 */
export function parseUscc(input: unknown): Result<Uscc> {
	const code = compactIdentifier(input)?.toUpperCase();
	if (code === undefined) return failure([issue('USCC-1', 'error')]);
	const shape = checkShape(code);
	if (shape.length > 0) return failure(shape);
	const issues: Issue[] = [];
	const isChecksumValid = usccCheckChar(code) === code.charAt(17);
	if (!isChecksumValid) issues.push(issue('USCC-3', 'warning'));
	if (!USCC_REGISTRATION_AUTHORITIES.includes(code.charAt(0))) {
		issues.push(issue('USCC-5', 'warning', { params: { code: code.charAt(0) } }));
	}
	const organizationCode = code.slice(8, 17);
	if (!isOrganizationCodeChecksumValid(organizationCode)) issues.push(issue('USCC-4', 'info'));
	return resultOf(
		{
			code: code as UsccCode,
			registrationAuthority: code.charAt(0),
			category: code.slice(0, 2),
			divisionCode: code.slice(2, 8),
			organizationCode,
			isChecksumValid
		},
		issues
	);
}
