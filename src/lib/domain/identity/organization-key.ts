/**
 * CERT-9: which organisation a certificate number names. An organisation's lifelong identity is
 * its 9-character organisation code (GB 11714), and a USCC carries it as characters 9–17
 * (GB 32100, domain-research §8.2: "[9–17] subject identifier (the former organisation code)").
 * So a USCC, the organisation code certificate and a free-form organisation number that begins
 * with a USCC all name the same holder.
 *
 * Not derived: the pre-2015 15-digit business registration number (注册号). The research gives
 * no mapping from it to a USCC or an organisation code (§5.1 only says old licences carry it),
 * so it keys on its own; the same company could therefore bind once by its old registration
 * number and once by its USCC — closing that needs the registry's data, not a formula.
 */
import type { CertificateType } from './certificate-type.ts';
import { isOrganizationCodeChecksumValid } from './organization-code.ts';
import { usccCheckChar } from './uscc.ts';

const USCC_STRUCTURE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const ORGANIZATION_CODE = /^[0-9A-Z]{8}[0-9X]$/;
/** The first run of code characters and hyphens (what precedes or follows is free-form text). */
const FIRST_RUN = /[0-9A-Z][0-9A-Z-]*/;

/**
 * The organisation code (9 characters, no hyphen) an organisation certificate number names, or
 * null. `number` must already be in canonical form (uppercase, NFKC, no whitespace).
 * - organisation code certificate: its 9 characters (a failing check character is CERT-6's
 *   business, not a different organisation);
 * - 18 code characters in USCC structure (hyphens ignored): characters 9–17, whatever the label
 *   — a failing USCC check is a warning (USCC-3), not a different organisation;
 * - free-form text whose first run of code characters begins with a USCC whose check character
 *   holds (e.g. `91330106673959654P-1`, `…654P（副本）`): characters 9–17. The check character is
 *   required here so that a long unrelated number is not read as a USCC by accident;
 * - a free-form number that is exactly an organisation code with a valid GB 11714 check.
 */
export function organizationCodeIn(type: CertificateType, number: string): string | null {
	if (type === 'organization-code-certificate') {
		const code = number.replace(/-/g, '');
		return ORGANIZATION_CODE.test(code) ? code : null;
	}
	const run = FIRST_RUN.exec(number)?.[0].replace(/-/g, '') ?? '';
	if (run.length === 18 && USCC_STRUCTURE.test(run)) return run.slice(8, 17);
	const prefix = run.slice(0, 18);
	if (run.length > 18 && USCC_STRUCTURE.test(prefix) && usccCheckChar(prefix) === prefix.charAt(17)) return prefix.slice(8, 17);
	const whole = number.replace(/-/g, '');
	if (whole === run && ORGANIZATION_CODE.test(run) && isOrganizationCodeChecksumValid(run)) return run;
	return null;
}
