/**
 * The catalogue words around the letter fields: labels of code lists, dates, and the rows of
 * a person or a subject. A value the draft leaves empty stays '' (the page draws a blank line);
 * nothing here returns markup.
 */
import type { LetterDate, LetterFields, LetterPerson } from '../../domain/letter/letter-fields.ts';
import type { OperationKind } from '../../domain/operation/operation-kind.ts';
import { CERTIFICATE_TYPE_LABELS, SUBJECT_TYPE_LABELS } from '../../i18n/labels.ts';
import { m } from '../../i18n/paraglide/messages.js';

/** One labelled line of a form: its value, or '' for a blank to fill in by hand. */
export interface LetterRow {
	readonly label: string;
	readonly value: string;
}

export const OPERATION_LABELS: Record<OperationKind, () => string> = {
	'first-filing': () => m.letters_operation_first_filing(),
	'new-website-subject-elsewhere': () => m.letters_operation_new_website_subject_elsewhere(),
	'new-website': () => m.letters_operation_new_website(),
	'new-access-subject-elsewhere': () => m.letters_operation_new_access_subject_elsewhere(),
	'new-access': () => m.letters_operation_new_access(),
	'change-subject': () => m.letters_operation_change_subject(),
	'change-website': () => m.letters_operation_change_website(),
	'change-access': () => m.letters_operation_change_access(),
	'cancel-subject': () => m.letters_operation_cancel_subject(),
	'cancel-website': () => m.letters_operation_cancel_website(),
	'cancel-access': () => m.letters_operation_cancel_access(),
	'claim': () => m.letters_operation_claim(),
	'legacy-import': () => m.letters_operation_legacy_import(),
	'email-initialization': () => m.letters_operation_email_initialization()
};

export function operationText(kind: OperationKind | undefined): string {
	return kind ? OPERATION_LABELS[kind]() : m.letters_operation_any();
}

export function dateText(date: LetterDate | null): string {
	return date ? m.letters_date({ year: date.year, month: String(date.month).padStart(2, '0'), day: String(date.day).padStart(2, '0') }) : '';
}

function certificateText(type: LetterPerson['certificateType']): string {
	return type ? CERTIFICATE_TYPE_LABELS[type]() : '';
}

export function personRows(person: LetterPerson): LetterRow[] {
	const validUntil = person.certificateValidUntil;
	return [
		{ label: m.letters_field_name(), value: person.name },
		{ label: m.letters_field_certificate_type(), value: certificateText(person.certificateType) },
		{ label: m.letters_field_certificate_number(), value: person.certificateNumber },
		{ label: m.letters_field_valid_until(), value: validUntil === 'long-term' ? m.letters_long_term() : dateText(validUntil) },
		{ label: m.letters_field_mobile(), value: person.mobile },
		{ label: m.letters_field_email(), value: person.email }
	];
}

export function subjectRows(fields: LetterFields): LetterRow[] {
	const subject = fields.subject;
	return [
		{ label: fields.hasSeal ? m.letters_field_subject_name() : m.letters_field_subject_name_individual(), value: subject.name },
		{ label: m.letters_field_subject_type(), value: subject.type ? SUBJECT_TYPE_LABELS[subject.type]() : '' },
		{ label: m.letters_field_certificate_type(), value: certificateText(subject.certificateType) },
		{ label: m.letters_field_certificate_number(), value: subject.certificateNumber },
		{ label: m.letters_field_certificate_address(), value: subject.certificateAddress },
		{ label: m.letters_field_correspondence_address(), value: subject.correspondenceAddress }
	];
}
