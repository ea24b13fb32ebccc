/**
 * Drafts: the shapes the workspace bindings read out of a Y.Doc. A draft is a Subject / Website /
 * order in the making, so every text is a string ('' when empty) and every choice may still be
 * unset; the domain's full schemas (SubjectSchema, WebsiteSchema, OrderSchema) apply when an
 * order is frozen for sending.
 */
import { z } from 'zod/mini';
import { CERTIFICATE_TYPES } from '../identity/certificate-type.ts';
import { CANCELLATION_REASON_CODES } from '../operation/cancellation.ts';
import { OPERATION_KINDS } from '../operation/operation-kind.ts';
import { AcknowledgedWarningsSchema } from '../order/acknowledgment.ts';
import { PROVINCE_CODES } from '../province/provinces.ts';
import { SUBJECT_TYPES } from '../subject/subject-type.ts';
import { PRE_APPROVAL_CATEGORIES, SERVICE_CONTENTS } from '../website/website.ts';

const str = () => z.string();

export const PersonDraftSchema = z.object({
	name: str(),
	certificateType: z.optional(z.enum(CERTIFICATE_TYPES)),
	certificateNumber: str(),
	certificateValidUntil: z.optional(z.union([z.iso.date(), z.literal('long-term')])),
	birthDate: z.optional(z.iso.date()),
	mobile: str(),
	emergencyPhone: str(),
	landline: str(),
	email: str(),
	isLegalRepresentative: z.optional(z.boolean())
});
export type PersonDraft = z.infer<typeof PersonDraftSchema>;

export const SubjectDraftSchema = z.object({
	type: z.optional(z.enum(SUBJECT_TYPES)),
	certificateType: z.optional(z.enum(CERTIFICATE_TYPES)),
	certificateNumber: str(),
	name: str(),
	province: z.optional(z.enum(PROVINCE_CODES)),
	certificateAddress: str(),
	correspondenceAddress: z.object({ province: z.optional(z.enum(PROVINCE_CODES)), city: str(), district: str(), detail: str() }),
	investor: str(),
	leader: PersonDraftSchema,
	remarks: str()
});
export type SubjectDraft = z.infer<typeof SubjectDraftSchema>;

export const WebsiteDraftSchema = z.object({
	id: str(),
	layout: z.number(),
	name: str(),
	domain: str(),
	homepageUrl: str(),
	serviceContent: z.array(z.enum(SERVICE_CONTENTS)),
	languages: z.array(str()),
	preApprovals: z.array(z.object({ category: z.enum(PRE_APPROVAL_CATEGORIES), number: str(), documentSha256: z.optional(str()) })),
	administrator: PersonDraftSchema,
	access: z.object({ provider: str(), serviceCode: str(), ips: z.array(str()), region: str() }),
	remarks: str()
});
export type WebsiteDraft = z.infer<typeof WebsiteDraftSchema>;

export const OrderDraftSchema = z.object({
	id: str(),
	layout: z.number(),
	kind: z.optional(z.enum(OPERATION_KINDS)),
	created: z.optional(z.iso.datetime({ offset: true })),
	websiteIds: z.array(str()),
	targetWebsiteIds: z.array(str()),
	documents: z.array(str()),
	acknowledgedWarnings: AcknowledgedWarningsSchema,
	cancellationReason: z.object({ code: z.optional(z.enum(CANCELLATION_REASON_CODES)), text: str() })
});
export type OrderDraft = z.infer<typeof OrderDraftSchema>;

/** What an unset list field reads as. */
export const LIST_FIELDS: ReadonlySet<string> = new Set(['serviceContent', 'languages', 'preApprovals', 'access.ips', 'websiteIds', 'targetWebsiteIds', 'documents', 'acknowledgedWarnings']);
