/**
 * Website (网站), domain-research §5.4. One domain per website since 2019 [A16][T3]. Stored in
 * the `websites` Y.Map keyed by `id`; field names are Y.Doc keys — keep them stable.
 */
import { z } from 'zod/mini';
import { PersonInChargeSchema, longText, shortText } from '../person/person.ts';
import { migrateRecord } from '../record/parse-record.ts';
import type { Result } from '../result.ts';

export const WEBSITE_VERSION = 1;

/** 前置审批 categories, §5.7 [T10]. */
export const PRE_APPROVAL_CATEGORIES = [
	'news',
	'publishing',
	'drugs-medical-devices',
	'culture',
	'radio-film-tv',
	'ride-hailing',
	'finance',
	'games',
	'education',
	'healthcare',
	'electronic-bulletin',
	'religion'
] as const;

export type PreApprovalCategory = (typeof PRE_APPROVAL_CATEGORIES)[number];

/** 网站服务内容, §5.4: individuals only `other` [X1]; forum and e-commerce are refused for them [T3][T12]. */
export const SERVICE_CONTENTS = ['organization-portal', 'general-portal', 'forum', 'e-commerce', 'other'] as const;

export type ServiceContent = (typeof SERVICE_CONTENTS)[number];

export const PreApprovalSchema = z.object({
	category: z.enum(PRE_APPROVAL_CATEGORIES),
	/** Approval (licence) number. */
	number: shortText(),
	/** SHA-256 of the uploaded approval document, once attached. */
	documentSha256: z.optional(z.string().check(z.maxLength(64)))
});

export type PreApproval = z.infer<typeof PreApprovalSchema>;

export const AccessSchema = z.object({
	/** 接入商, e.g. `aliyun`. */
	provider: shortText(),
	/** 备案服务号 / 备案授权码 of the instance. */
	serviceCode: shortText(),
	ips: z.array(shortText()).check(z.maxLength(64)),
	/** Region of the instance, e.g. `cn-hangzhou`; must be mainland China. */
	region: z.optional(shortText())
});

export type Access = z.infer<typeof AccessSchema>;

export const WebsiteSchema = z.object({
	version: z.literal(WEBSITE_VERSION),
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	/** 网站名称 — the top rejection cause (§5.5). */
	name: shortText(),
	/** The one registrable domain filed for this website. */
	domain: shortText(),
	homepageUrl: shortText(),
	serviceContent: z.array(z.enum(SERVICE_CONTENTS)).check(z.maxLength(SERVICE_CONTENTS.length)),
	/** Empty means "以上都不涉及" (no pre-approval needed). */
	preApprovals: z.array(PreApprovalSchema).check(z.maxLength(PRE_APPROVAL_CATEGORIES.length)),
	/** BCP 47 language tags of the site's content, e.g. `zh-Hans`, `ug`. */
	languages: z.array(shortText()).check(z.maxLength(32)),
	administrator: PersonInChargeSchema,
	access: AccessSchema,
	remarks: z.optional(longText()),
	/** 网站备案号 once approved (`…号-N`). */
	filingNumber: z.optional(shortText())
});

export type Website = z.infer<typeof WebsiteSchema>;

/** Upgrades and parses a stored or received Website; never throws. */
export function migrateWebsite(input: unknown): Result<Website> {
	return migrateRecord({ input, schema: WebsiteSchema, current: WEBSITE_VERSION });
}
