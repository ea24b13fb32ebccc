/**
 * The subject binding: the `subject` map of a workspace doc as a SubjectDraft, and the
 * intent-named changes the app makes to it.
 */
import type * as Y from 'yjs';
import type { Issue } from '../../domain/result.ts';
import { SubjectDraftSchema, type SubjectDraft } from '../../domain/workspace/drafts.ts';
import { SUBJECT_FIELDS, fieldPath, type SubjectFieldKey } from '../../domain/workspace/layout.ts';
import { ROOT, ensureLayout } from '../doc-layout.ts';
import { dataIssue, readFields, writeText, writeValue } from './fields.ts';

type Fields = typeof SUBJECT_FIELDS;
/** Subject fields that are free text (Y.Text). */
export type SubjectTextField = { [K in SubjectFieldKey]: Fields[K]['kind'] extends 'text' ? K : never }[SubjectFieldKey];
/** Subject fields that are plain values (choices, dates, flags). */
export type SubjectChoiceField = Exclude<SubjectFieldKey, SubjectTextField>;

export interface BindingRead<T> {
	readonly value: T;
	/** DATA issues: stored values the layout cannot read, each on its field. */
	readonly issues: readonly Issue[];
}

/** Reads the subject. Never throws. */
export function readSubject(doc: Y.Doc): BindingRead<SubjectDraft> {
	const { value, issues } = readFields(doc.getMap(ROOT.subject), SUBJECT_FIELDS, []);
	const parsed = SubjectDraftSchema.safeParse(value);
	if (parsed.success) return { value: parsed.data, issues };
	return { value: emptySubject(), issues: [...issues, dataIssue([], value)] };
}

export function emptySubject(): SubjectDraft {
	const person = { name: '', certificateNumber: '', mobile: '', emergencyPhone: '', landline: '', email: '' };
	return {
		certificateNumber: '',
		name: '',
		certificateAddress: '',
		correspondenceAddress: { city: '', district: '', detail: '' },
		investor: '',
		leader: person,
		remarks: ''
	};
}

/** Replaces a subject text (bounded first); returns what the bounds refused. */
export function setSubjectText(doc: Y.Doc, field: SubjectTextField, text: string): Issue[] {
	ensureLayout(doc);
	return writeText(doc.getMap(ROOT.subject), field, SUBJECT_FIELDS[field], text, fieldPath(field));
}

/** Sets a subject choice (checked against its list); `undefined` clears it. */
export function setSubjectChoice(doc: Y.Doc, field: SubjectChoiceField, value: unknown): Issue[] {
	return writeValue(doc.getMap(ROOT.subject), field, SUBJECT_FIELDS[field], value, fieldPath(field));
}

/** The Y.Map a subscriber observes (deeply) for changes to the subject. */
export function subjectSource(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ROOT.subject);
}
