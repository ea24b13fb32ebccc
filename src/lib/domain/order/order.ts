/**
 * Order: one operation a subject asks for (every kind of `operation-kind.ts`). Holds the data as
 * proposed; the approved record a change is compared with comes from the server (context).
 * Lives in the `orders` Y.Map; the legacy password of an import is never stored.
 */
import { z } from 'zod/mini';
import { DocumentRefSchema } from '../document/document-ref.ts';
import { OPERATION_KINDS } from '../operation/operation-kind.ts';
import { shortText } from '../person/person.ts';
import { migrateRecord } from '../record/parse-record.ts';
import type { Result } from '../result.ts';
import { SubjectSchema } from '../subject/subject.ts';
import { WebsiteSchema } from '../website/website.ts';

export const ORDER_VERSION = 1;

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

export const OrderSchema = z.object({
	version: z.literal(ORDER_VERSION),
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	kind: z.enum(OPERATION_KINDS),
	created: z.iso.datetime({ offset: true }),
	subject: SubjectSchema,
	websites: z.array(WebsiteSchema).check(z.maxLength(50)),
	documents: z.array(DocumentRefSchema).check(z.maxLength(500)),
	/** Websites a change, cancellation or access order is about (by id). */
	targetWebsiteIds: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(50))),
	emailInitialization: z.optional(EmailInitializationSchema),
	legacyImport: z.optional(LegacyImportSchema),
	claim: z.optional(ClaimSchema)
});

export type Order = z.infer<typeof OrderSchema>;

/** Upgrades and parses a stored or received Order; never throws. */
export function migrateOrder(input: unknown): Result<Order> {
	return migrateRecord({ input, schema: OrderSchema, current: ORDER_VERSION });
}
