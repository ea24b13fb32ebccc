/**
 * Account requests (ORDER-1): claim (认领), legacy HiChina import (导入) and account e-mail
 * initialization (邮箱初始化) belong to the account, which may have no subject yet, so they are
 * not orders: no subject is required. Their drafts stay on the device; the review desk brings
 * their endpoints. The legacy import's password is never part of a request: it is sent once,
 * straight from the form, and a `password` key given to the schema is dropped.
 */
import { z } from 'zod/mini';
import { parseEmail } from '../contact/email.ts';
import { DocumentRefSchema, type DocumentRef } from '../document/document-ref.ts';
import { requiredDocuments, type RequiredDocument } from '../document/required-documents.ts';
import { CERTIFICATE_TYPES } from '../identity/certificate-type.ts';
import { ACCOUNT_KINDS } from '../operation/operation-kind.ts';
import { shortText } from '../person/person.ts';
import { migrateRecord } from '../record/parse-record.ts';
import { atPath, issue, resultOf, sortBySeverity, type Issue, type Result } from '../result.ts';
import { SUBJECT_TYPES } from '../subject/subject-type.ts';
import { checkFreeText } from '../text/sanitize.ts';

export const ACCOUNT_REQUEST_VERSION = 1;

export const APPLICANT_ROLES = ['subject-leader', 'website-admin', 'other'] as const;
export type ApplicantRole = (typeof APPLICANT_ROLES)[number];

export const EmailInitializationSchema = z.object({
	/** The e-mail that replaces the legacy login. */
	newEmail: shortText(),
	applicantRole: z.enum(APPLICANT_ROLES),
	applicantName: shortText(),
	applicantCertificateNumber: shortText()
});

export const LegacyImportSchema = z.object({
	/** Logon ID on the old HiChina platform (the password is sent once, never stored). */
	loginId: shortText(),
	/** When the legacy filing was obtained, if known. */
	obtainedOn: z.optional(z.iso.date())
});

export const ClaimSchema = z.object({
	domain: shortText(),
	filingNumber: z.optional(shortText()),
	/** When the filing was made, if known (claims cover HiChina filings before June 2010). */
	filedOn: z.optional(z.iso.date())
});

const base = {
	version: z.literal(ACCOUNT_REQUEST_VERSION),
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	created: z.iso.datetime({ offset: true }),
	/** Who the filing belongs to, as far as the applicant knows (the document list depends on it). */
	subjectType: z.optional(z.enum(SUBJECT_TYPES)),
	/** The subject's name as filed, if known. */
	subjectName: z.optional(shortText()),
	/** The certificate type of the person whose identity document is attached (default resident ID). */
	certificateType: z.optional(z.enum(CERTIFICATE_TYPES)),
	documents: z.array(DocumentRefSchema).check(z.maxLength(20))
};

export const AccountRequestSchema = z.discriminatedUnion('kind', [
	z.object({ ...base, kind: z.literal('claim'), claim: ClaimSchema }),
	z.object({ ...base, kind: z.literal('legacy-import'), legacyImport: LegacyImportSchema }),
	z.object({ ...base, kind: z.literal('email-initialization'), emailInitialization: EmailInitializationSchema })
]);

export type AccountRequest = z.infer<typeof AccountRequestSchema>;
export type AccountRequestKind = (typeof ACCOUNT_KINDS)[number];

/** Upgrades and parses a stored account request; never throws. */
export function migrateAccountRequest(input: unknown): Result<AccountRequest> {
	return migrateRecord({ input, schema: AccountRequestSchema, current: ACCOUNT_REQUEST_VERSION });
}

/** The documents an account request needs (DOC-1..5 e-mail initialization, DOC-17 claim; none for an import). */
export function accountRequestDocuments(request: AccountRequest): RequiredDocument[] {
	if (request.kind === 'legacy-import') return [];
	return requiredDocuments({
		operation: request.kind,
		subjectType: request.subjectType ?? 'individual',
		province: 'ZJ',
		leaderCertificateType: request.certificateType ?? 'resident-id-card',
		leaderIsLegalRepresentative: true,
		...(request.kind === 'email-initialization' ? { applicantRole: request.emailInitialization.applicantRole } : {})
	});
}

function matches(doc: DocumentRef, need: RequiredDocument): boolean {
	return doc.kind === need.kind && doc.owner === need.owner;
}

function requestIssues(request: AccountRequest): Issue[] {
	if (request.kind === 'claim') {
		const c = request.claim;
		if (c.domain.trim() === '') return [issue('OP-13', 'error', { path: ['claim', 'domain'] })];
		return c.filedOn && c.filedOn >= '2010-06-01' ? [issue('OP-20', 'warning', { path: ['claim', 'filedOn'] })] : [];
	}
	if (request.kind === 'legacy-import') {
		const l = request.legacyImport;
		if (l.loginId.trim() === '') return [issue('OP-14', 'error', { path: ['legacyImport', 'loginId'] })];
		return l.obtainedOn && l.obtainedOn >= '2019-01-01' ? [issue('OP-21', 'warning', { path: ['legacyImport', 'obtainedOn'] })] : [];
	}
	const e = request.emailInitialization;
	const issues = atPath(['emailInitialization', 'newEmail'], [...parseEmail(e.newEmail).issues]);
	if (e.applicantName.trim() === '') issues.push(issue('OP-15', 'error', { path: ['emailInitialization', 'applicantName'] }));
	if (e.applicantCertificateNumber.trim() === '') issues.push(issue('OP-15', 'error', { path: ['emailInitialization', 'applicantCertificateNumber'] }));
	return issues;
}

/** Every issue of an account request (OP-13..15, OP-20, OP-21, DOC-16), errors first. Never throws. */
export function validateAccountRequest(input: unknown): Result<AccountRequest> {
	const parsed = migrateAccountRequest(input);
	if (!parsed.ok) return parsed;
	const request = parsed.value;
	const name = request.subjectName === undefined ? [] : atPath(['subjectName'], checkFreeText(request.subjectName, { path: [], max: 100 }));
	const missing = accountRequestDocuments(request)
		.filter((need) => !request.documents.some((doc) => matches(doc, need)))
		.map((need) => issue('DOC-16', 'error', { path: ['documents'], params: { kind: need.kind, owner: need.owner, rules: need.rules.join(' ') } }));
	return resultOf(request, sortBySeverity([...requestIssues(request), ...name, ...missing]));
}
