/**
 * PersonInCharge (主体负责人 / 网站负责人), domain-research §5.3. Field names are Y.Doc keys: keep
 * them stable. Drafts may hold empty strings; the rules in `person-rules.ts` say what is missing.
 */
import { z } from 'zod/mini';
import { CERTIFICATE_TYPES } from '../identity/certificate-type.ts';
import { migrateRecord } from '../record/parse-record.ts';
import type { Result } from '../result.ts';
import { toIsoDate, type IsoDate } from '../calendar/iso-date.ts';

export const PERSON_VERSION = 1;

/** Upper bound for short free-text fields in every schema (protects storage, not a filing rule). */
export const SHORT_TEXT_MAX = 500;
/** Upper bound for long free-text fields (remarks, service descriptions). */
export const LONG_TEXT_MAX = 5000;

export const shortText = () => z.string().check(z.maxLength(SHORT_TEXT_MAX));
export const longText = () => z.string().check(z.maxLength(LONG_TEXT_MAX));

export const PersonInChargeSchema = z.object({
	version: z.literal(PERSON_VERSION),
	name: shortText(),
	certificateType: z.enum(CERTIFICATE_TYPES),
	certificateNumber: shortText(),
	/** Last day of validity (ISO date), or `long-term` (长期). */
	certificateValidUntil: z.optional(z.union([z.iso.date(), z.literal('long-term')])),
	/** Needed for age rules when the certificate does not carry the birth date. */
	birthDate: z.optional(z.iso.date()),
	mobile: shortText(),
	emergencyPhone: z.optional(shortText()),
	landline: z.optional(shortText()),
	email: shortText(),
	isLegalRepresentative: z.boolean()
});

export type PersonInCharge = z.infer<typeof PersonInChargeSchema>;

/** Upgrades and parses a stored PersonInCharge. */
export function migratePersonInCharge(input: unknown): Result<PersonInCharge> {
	return migrateRecord({ input, schema: PersonInChargeSchema, current: PERSON_VERSION });
}

/** Birth date from the record or from an 18-digit resident/residence-permit number. */
export function birthDateOf(person: PersonInCharge): IsoDate | undefined {
	if (person.birthDate) return toIsoDate(person.birthDate);
	const usesIdNumber =
		person.certificateType === 'resident-id-card' ||
		person.certificateType === 'hk-macao-residence-permit' ||
		person.certificateType === 'taiwan-residence-permit';
	const digits = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(person.certificateNumber.trim());
	return digits && usesIdNumber ? toIsoDate(`${digits[1]}-${digits[2]}-${digits[3]}`) : undefined;
}

/** Whether two records describe the same natural person (same certificate). */
export function isSamePerson(a: Pick<PersonInCharge, 'certificateType' | 'certificateNumber'>, b: Pick<PersonInCharge, 'certificateType' | 'certificateNumber'>): boolean {
	const norm = (s: string) => s.replace(/\s/g, '').toUpperCase();
	return a.certificateType === b.certificateType && norm(a.certificateNumber) === norm(b.certificateNumber);
}
