/**
 * The approved record of a subject (APPR-1): what the MIIT filing holds once approved — the
 * subject, its websites with their access information, the approval date, the filing numbers
 * (主体备案号 and one 网站备案号 per website) and whether it is a shell filing (空壳: a subject
 * without websites, or websites without access here). Change and cancel orders are checked
 * against it (`OperationContext.approved`); the server keeps one per subject (the review desk
 * writes it on approval) and publishes it in the facts doc.
 */
import { z } from 'zod/mini';
import { parseFilingNumber } from '../filing-number/filing-number.ts';
import { migrateRecord } from '../record/parse-record.ts';
import { issue, resultOf, type Issue, type Result } from '../result.ts';
import { SubjectSchema } from '../subject/subject.ts';
import { WebsiteSchema } from '../website/website.ts';
import type { ApprovedRecord } from './preconditions.ts';

export const APPROVED_RECORD_VERSION = 1;

const filingNumber = () => z.string().check(z.minLength(1), z.maxLength(64));

export const ApprovedRecordSchema = z.object({
	version: z.literal(APPROVED_RECORD_VERSION),
	/** The subject (server id, 16 characters of a-z 2-7) the record belongs to. */
	subjectId: z.string().check(z.minLength(1), z.maxLength(64)),
	/** The day of the last approval (China date). */
	approvedOn: z.iso.date(),
	subject: SubjectSchema,
	websites: z.array(WebsiteSchema).check(z.maxLength(50)),
	filingNumbers: z.object({
		/** 主体备案号, e.g. 浙ICP备12345678号. */
		subject: filingNumber(),
		/** 网站备案号 by website id, e.g. 浙ICP备12345678号-1. */
		websites: z.record(z.string().check(z.maxLength(64)), filingNumber())
	}),
	/** A shell filing (空壳主体 / 空壳网站): liable to cancellation by the administration. */
	shellFiling: z.boolean(),
	/** Other access providers per website id (for cancel-access). */
	otherAccessProviders: z.optional(z.record(z.string().check(z.maxLength(64)), z.int().check(z.minimum(0))))
});

export type ApprovedRecordData = z.infer<typeof ApprovedRecordSchema>;

/** Upgrades and parses a stored or received approved record; never throws. */
export function migrateApprovedRecord(input: unknown): Result<ApprovedRecordData> {
	return migrateRecord({ input, schema: ApprovedRecordSchema, current: APPROVED_RECORD_VERSION });
}

/** APPR-1: parses the record and checks its filing numbers (FNUM) and that each names a website of the record. */
export function validateApprovedRecord(input: unknown): Result<ApprovedRecordData> {
	const parsed = migrateApprovedRecord(input);
	if (!parsed.ok) return parsed;
	const record = parsed.value;
	const issues: Issue[] = [];
	if (!parseFilingNumber(record.filingNumbers.subject, { expect: 'icp-subject' }).ok) issues.push(issue('APPR-1', 'error', { path: ['filingNumbers', 'subject'] }));
	for (const [id, number] of Object.entries(record.filingNumbers.websites)) {
		if (!record.websites.some((w) => w.id === id) || !parseFilingNumber(number, { expect: 'icp-website' }).ok) issues.push(issue('APPR-1', 'error', { path: ['filingNumbers', 'websites', id] }));
	}
	return resultOf(record, issues);
}

/** The part of the record the operation preconditions read. */
export function approvedContext(record: ApprovedRecordData): ApprovedRecord {
	return { subject: record.subject, websites: record.websites, ...(record.otherAccessProviders ? { otherAccessProviders: record.otherAccessProviders } : {}) };
}
