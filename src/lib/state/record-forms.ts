/**
 * The device-only drafts of the change, cancel and account-request forms: their zod schemas
 * (a stored draft is parsed with them on every open) and their starting values.
 */
import { z } from 'zod/mini';
import { DocumentRefSchema } from '../domain/document/document-ref.ts';
import { CANCEL_KINDS, CHANGE_KINDS } from '../domain/operation/operation-kind.ts';

const text = (max = 2000) => z.string().check(z.maxLength(max));

export const ChangeDraftSchema = z.object({
	kind: z.enum(CHANGE_KINDS),
	websiteId: z.optional(text(64)),
	values: z.record(text(64), text())
});
export type ChangeDraftData = z.infer<typeof ChangeDraftSchema>;

export const CANCEL_REASON_CODES = ['website-closed', 'moving-provider', 'subject-deregistered', 'other'] as const;

export const CancelDraftSchema = z.object({
	kind: z.enum(CANCEL_KINDS),
	websiteId: z.optional(text(64)),
	reasonCode: z.optional(z.enum(CANCEL_REASON_CODES)),
	reasonText: text(500),
	understood: z.boolean()
});
export type CancelDraftData = z.infer<typeof CancelDraftSchema>;

export const ACCOUNT_REQUEST_KINDS = ['claim', 'legacy-import', 'email-initialization'] as const;
export type AccountRequestKindName = (typeof ACCOUNT_REQUEST_KINDS)[number];

export const RequestDraftSchema = z.object({
	kind: z.enum(ACCOUNT_REQUEST_KINDS),
	subjectName: text(100),
	domain: text(253),
	filingNumber: text(64),
	filedOn: text(10),
	loginId: text(100),
	obtainedOn: text(10),
	newEmail: text(254),
	applicantRole: z.enum(['subject-leader', 'website-admin', 'other']),
	applicantName: text(100),
	applicantCertificateNumber: text(64),
	/** The photos of the request's document slots (metadata; the bytes are in the account's vault). */
	documents: z._default(z.array(DocumentRefSchema).check(z.maxLength(20)), []),
	/** When "send" was first pressed: the request's `created`, so a resend is the same body. */
	created: z._default(z.nullable(z.iso.datetime({ offset: true })), null),
	/** "Send" was pressed: it goes out once every upload finished (claims, e-mail initializations). */
	sendRequested: z._default(z.boolean(), false)
});
export type RequestDraftData = z.infer<typeof RequestDraftSchema>;

export function emptyRequest(kind: AccountRequestKindName): RequestDraftData {
	return { kind, subjectName: '', domain: '', filingNumber: '', filedOn: '', loginId: '', obtainedOn: '', newEmail: '', applicantRole: 'subject-leader', applicantName: '', applicantCertificateNumber: '', documents: [], created: null, sendRequested: false };
}
