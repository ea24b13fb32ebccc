/**
 * Subject (主体 / 主办单位), domain-research §5.2. One per account. Field names are the keys of
 * the `subject` Y.Map in a workspace doc; free text fields become Y.Text there. The sync server
 * imports this schema (and `normalizeCertificate`) to bind a certificate to one account.
 */
import { z } from 'zod/mini';
import { CERTIFICATE_TYPES } from '../identity/certificate-type.ts';
import { PersonInChargeSchema, longText, shortText } from '../person/person.ts';
import { PROVINCE_CODES } from '../province/provinces.ts';
import { migrateRecord } from '../record/parse-record.ts';
import type { Result } from '../result.ts';
import { SUBJECT_TYPES } from './subject-type.ts';

export const SUBJECT_VERSION = 1;

/** A postal address: province/city/district chosen from lists plus the street detail. */
export const AddressSchema = z.object({
	province: z.enum(PROVINCE_CODES),
	city: shortText(),
	district: shortText(),
	detail: shortText()
});

export type Address = z.infer<typeof AddressSchema>;

export const SubjectSchema = z.object({
	version: z.literal(SUBJECT_VERSION),
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	/** 主办单位性质. */
	type: z.enum(SUBJECT_TYPES),
	certificateType: z.enum(CERTIFICATE_TYPES),
	certificateNumber: shortText(),
	/** 主办单位名称: exactly as on the certificate; an individual's own name. */
	name: shortText(),
	/** 备案省份: the province whose administration decides; never changes after filing. */
	province: z.enum(PROVINCE_CODES),
	/** 证件住所: the address printed on the certificate. */
	certificateAddress: shortText(),
	/** 通信地址. */
	correspondenceAddress: AddressSchema,
	/** 投资人 / 主管单位 (required by some provinces). */
	investor: z.optional(shortText()),
	leader: PersonInChargeSchema,
	/** 备注 (province-specific mandatory sentences go here). */
	remarks: z.optional(longText()),
	/** 主体备案号 once approved. */
	filingNumber: z.optional(shortText())
});

export type Subject = z.infer<typeof SubjectSchema>;

/** Upgrades and parses a stored or received Subject; never throws. */
export function migrateSubject(input: unknown): Result<Subject> {
	return migrateRecord({ input, schema: SubjectSchema, current: SUBJECT_VERSION });
}

/** Whether the subject is a natural person (个人). */
export function isIndividual(subject: Pick<Subject, 'type'>): boolean {
	return subject.type === 'individual';
}
