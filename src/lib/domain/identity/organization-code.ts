/**
 * Organisation codes (组织机构代码, GB 11714): 8 body characters + 1 check character, printed as
 * `XXXXXXXX-X` — domain-research §8.2 [S][X36]. The same 9 characters sit at positions 9–17 of a
 * Unified Social Credit Code.
 */

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Value of a code character: 0–9, then A = 10 … Z = 35; -1 for anything else. */
function charValue(ch: string): number {
	const code = ch.charCodeAt(0);
	if (code >= 48 && code <= 57) return code - 48;
	if (code >= 65 && code <= 90) return code - 55;
	return -1;
}

/** The GB 11714 check character of 8 body characters, or `undefined` when a character is invalid. */
export function organizationCodeCheckChar(body8: string): string | undefined {
	let sum = 0;
	for (let i = 0; i < 8; i++) {
		const v = charValue(body8.charAt(i));
		if (v < 0) return undefined;
		sum += v * (WEIGHTS[i] ?? 0);
	}
	const c = 11 - (sum % 11);
	return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Whether 9 characters (no hyphen) carry a correct GB 11714 check character. */
export function isOrganizationCodeChecksumValid(code9: string): boolean {
	return code9.length === 9 && organizationCodeCheckChar(code9.slice(0, 8)) === code9.charAt(8);
}
