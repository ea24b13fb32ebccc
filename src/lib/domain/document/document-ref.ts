/**
 * DocumentRef: what a Y.Doc and an order hold about an uploaded image (DESIGN.md §3 Sync).
 * Bytes never enter a doc; they are content-addressed by `sha256` in the `attachments` map.
 */
import { z } from 'zod/mini';
import { migrateRecord } from '../record/parse-record.ts';
import type { Result } from '../result.ts';
import { PRE_APPROVAL_CATEGORIES } from '../website/website.ts';

export const DOCUMENT_VERSION = 1;

export const DOCUMENT_KINDS = [
	'id-front',
	'id-back',
	'holding-id-photo',
	'holding-credential-photo',
	'subject-certificate',
	'email-init-authorization-letter',
	'leader-authorization-letter',
	'admin-authorization-letter',
	'domain-certificate',
	'residence-permit',
	'pre-approval-document',
	'party-building-letter',
	'change-certificate'
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Whose document it is. */
export const DOCUMENT_OWNERS = ['subject', 'subject-leader', 'website-admin', 'applicant'] as const;
export type DocumentOwner = (typeof DOCUMENT_OWNERS)[number];

export const IMAGE_MIMES = ['image/jpeg', 'image/png'] as const;

const count = () => z.number().check(z.int(), z.gte(0), z.lte(2 ** 40));

/** Measured on the device before upload (see `image/image-acceptance.ts`). */
export const QualityMetricsSchema = z.object({
	/** Variance of the Laplacian on the grey image at `workingSize` px long edge. */
	blurScore: z.number().check(z.gte(0)),
	workingSize: z.optional(count()),
	/** Mean luma 0–255. */
	meanLuma: z.number().check(z.gte(0), z.lte(255)),
	/** Share of pixels at or above 250 luma (glare), 0–1. */
	highlightShare: z.number().check(z.gte(0), z.lte(1)),
	/** Share of pixels at or below 5 luma, 0–1. */
	shadowShare: z.optional(z.number().check(z.gte(0), z.lte(1))),
	isColour: z.boolean(),
	/** Mean of max(r,g,b) − min(r,g,b), 0–255; when present IMG-4 decides on it instead of `isColour`. */
	meanChroma: z.optional(z.number().check(z.gte(0), z.lte(255))),
	/** Share of the frame the document covers, 0–1, when a detector ran. */
	coverage: z.optional(z.number().check(z.gte(0), z.lte(1)))
});

export type QualityMetrics = z.infer<typeof QualityMetricsSchema>;

export const DocumentRefSchema = z.object({
	version: z.literal(DOCUMENT_VERSION),
	sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
	kind: z.enum(DOCUMENT_KINDS),
	mime: z.string().check(z.maxLength(100)),
	size: count(),
	width: count(),
	height: count(),
	quality: z.optional(QualityMetricsSchema),
	owner: z.enum(DOCUMENT_OWNERS),
	/** For website administrators, domain certificates and pre-approvals. */
	websiteId: z.optional(z.string().check(z.maxLength(64))),
	preApprovalCategory: z.optional(z.enum(PRE_APPROVAL_CATEGORIES))
});

export type DocumentRef = z.infer<typeof DocumentRefSchema>;

/** Upgrades and parses a stored DocumentRef; never throws. */
export function migrateDocumentRef(input: unknown): Result<DocumentRef> {
	return migrateRecord({ input, schema: DocumentRefSchema, current: DOCUMENT_VERSION });
}
