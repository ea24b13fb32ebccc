/**
 * Certificate numbers per certificate type (domain-research §5.1, §8.1, §8.2) and the canonical
 * `{ type, number }` form the sync server keys the one-subject-per-account binding on.
 *
 * Formats known from the sources are checked exactly (resident IDs and residence permits, USCC,
 * organisation code, HK/Macao and Taiwan travel permits); passports and the remaining
 * organisation certificates get a sanity check only (CERT-4, CERT-7).
 */
import { issue, resultOf, failure, type Issue, type Result } from '../result.ts';
import { compactIdentifier, MAX_IDENTIFIER_INPUT } from '../text/normalize.ts';
import { isCertificateType, isPersonalCertificate, type CertificateType } from './certificate-type.ts';
import { organizationCodeCheckChar } from './organization-code.ts';
import { organizationCodeIn } from './organization-key.ts';
import { parseResidentId, type ResidentId } from './resident-id.ts';
import { parseUscc, type Uscc } from './uscc.ts';

export type CertificateFormat =
	| 'resident-id'
	| 'uscc'
	| 'registration-number-15'
	| 'organization-code'
	| 'travel-permit'
	| 'passport'
	| 'free-form';

export interface CertificateNumber {
	readonly type: CertificateType;
	/** Canonical number: uppercase, no spaces; resident IDs upgraded to 18 digits. */
	readonly number: string;
	readonly format: CertificateFormat;
	readonly residentId?: ResidentId;
	readonly uscc?: Uscc;
}

/** The canonical certificate identity of a subject or person. */
export interface CanonicalCertificate {
	readonly type: CertificateType;
	readonly number: string;
}

const FREE_FORM = /^[0-9A-Z\p{Script=Han}()（）-]{4,40}$/u;
/** Dashes people type between groups (NFKC leaves these alone). */
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff70]/g;

/**
 * The canonical pre-parse form of a certificate number: NFKC (full-width and other compatibility
 * forms), control characters and whitespace removed, dashes unified to `-`, uppercase.
 * Non-strings and over-long input pass through for the parsers to refuse.
 */
export function compactCertificateInput(input: unknown): unknown {
	if (typeof input !== 'string' || input.length > MAX_IDENTIFIER_INPUT) return input;
	return compactIdentifier(input.normalize('NFKC'))?.replace(DASHES, '-').toUpperCase();
}

function withNumber(type: CertificateType, format: CertificateFormat, number: string): CertificateNumber {
	return { type, number, format };
}

function parsePermitOrId(type: CertificateType, input: unknown): Result<CertificateNumber> {
	const parsed = parseResidentId(input);
	if (!parsed.ok) return parsed;
	const province = parsed.value.provinceCode;
	const fits =
		type === 'resident-id-card'
			? !parsed.value.isResidencePermit
			: type === 'taiwan-residence-permit'
				? province === '83'
				: province === '81' || province === '82';
	const issues: Issue[] = fits ? [...parsed.issues] : [...parsed.issues, issue('ID-9', 'error')];
	const value = { type, number: parsed.value.number, format: 'resident-id', residentId: parsed.value } as const;
	return resultOf(value, issues);
}

function parseUsccFor(type: CertificateType, input: unknown): Result<CertificateNumber> {
	const compact = compactIdentifier(input)?.toUpperCase();
	if (type === 'business-licence' && compact !== undefined && /^\d{15}$/.test(compact)) {
		return resultOf(withNumber(type, 'registration-number-15', compact), [issue('CERT-8', 'info')]);
	}
	const parsed = parseUscc(compact?.replace(/-/g, '') ?? input);
	if (!parsed.ok) return parsed;
	return resultOf({ type, number: parsed.value.code, format: 'uscc', uscc: parsed.value }, parsed.issues);
}

function parseOrganizationCode(input: unknown): Result<CertificateNumber> {
	const compact = compactIdentifier(input)?.toUpperCase();
	const m = compact === undefined ? null : /^([0-9A-Z]{8})-?([0-9X])$/.exec(compact);
	if (!m || m[1] === undefined || m[2] === undefined) return failure([issue('CERT-5', 'error')]);
	const issues = organizationCodeCheckChar(m[1]) === m[2] ? [] : [issue('CERT-6', 'warning')];
	return resultOf(withNumber('organization-code-certificate', 'organization-code', `${m[1]}-${m[2]}`), issues);
}

function parseByPattern(type: CertificateType, input: unknown): Result<CertificateNumber> {
	const compact = compactIdentifier(input)?.toUpperCase() ?? '';
	if (type === 'hk-macao-travel-permit') {
		return /^[HM]\d{8}$/.test(compact)
			? resultOf(withNumber(type, 'travel-permit', compact), [])
			: failure([issue('CERT-2', 'error')]);
	}
	if (type === 'taiwan-travel-permit') {
		return /^\d{8}$/.test(compact)
			? resultOf(withNumber(type, 'travel-permit', compact), [])
			: failure([issue('CERT-3', 'error')]);
	}
	if (type === 'passport') {
		return /^[0-9A-Z]{5,17}$/.test(compact)
			? resultOf(withNumber(type, 'passport', compact), [])
			: failure([issue('CERT-4', 'error')]);
	}
	return parseFreeForm(type, compact);
}

function parseFreeForm(type: CertificateType, compact: string): Result<CertificateNumber> {
	const unseparated = compact.replace(/-/g, '');
	if (unseparated.length === 18 && /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(unseparated)) return parseUsccFor(type, unseparated);
	if (!FREE_FORM.test(compact)) return failure([issue('CERT-7', 'error')]);
	const organizationCode = isPersonalCertificate(type) ? null : organizationCodeIn(type, compact);
	const issues = organizationCode === null ? [] : [issue('CERT-9', 'info', { params: { code: organizationCode } })];
	return resultOf(withNumber(type, 'free-form', compact), issues);
}

/**
 * Parses a certificate number for the given certificate type (CERT-1 when the type is unknown).
 * Never throws; `value.number` is the canonical form.
 */
export function parseCertificateNumber(type: unknown, raw: unknown): Result<CertificateNumber> {
	if (!isCertificateType(type)) return failure([issue('CERT-1', 'error')]);
	const input = compactCertificateInput(raw);
	switch (type) {
		case 'resident-id-card':
		case 'hk-macao-residence-permit':
		case 'taiwan-residence-permit':
			return parsePermitOrId(type, input);
		case 'business-licence':
		case 'uscc-certificate':
			return parseUsccFor(type, input);
		case 'organization-code-certificate':
			return parseOrganizationCode(input);
		default:
			return parseByPattern(type, input);
	}
}

/**
 * The canonical `{ type, number }` of a certificate, for binding one subject to one account.
 * Fails exactly when {@link parseCertificateNumber} fails; warnings are kept.
 */
export function normalizeCertificate(type: unknown, input: unknown): Result<CanonicalCertificate> {
	const parsed = parseCertificateNumber(type, input);
	if (!parsed.ok) return parsed;
	return { ok: true, value: { type: parsed.value.type, number: parsed.value.number }, issues: parsed.issues };
}

/**
 * A string key identifying the holder across certificate labels and aliases (CERT-9): one
 * organisation is `org:<organisation code>` whether it is entered as a USCC (any licence label,
 * any spelling), as its organisation code certificate, or as a free-form number that begins with
 * its USCC; one person's resident ID or HK/Macao/Taiwan residence permit is `cn-resident-id:`.
 * Everything else keys on its own type and number. Pure in `{ type, number }`, so stored
 * subjects can be re-keyed when this rule changes.
 */
export function certificateKey(certificate: CanonicalCertificate): string {
	const { type } = certificate;
	const number = String(compactCertificateInput(certificate.number));
	if (type === 'resident-id-card' || type === 'hk-macao-residence-permit' || type === 'taiwan-residence-permit') {
		return `cn-resident-id:${number}`;
	}
	if (!isCertificateType(type) || isPersonalCertificate(type)) return `${type}:${number}`;
	const organizationCode = organizationCodeIn(type, number);
	return organizationCode === null ? `${type}:${number}` : `org:${organizationCode}`;
}
