/**
 * The attachments binding: DocumentRef metadata under its sha256 (never image bytes). A value
 * that is not a DocumentRef, or is filed under another hash, is a DATA-3 issue, not a crash.
 */
import type * as Y from 'yjs';
import { DocumentRefSchema, type DocumentRef } from '../../domain/document/document-ref.ts';
import { attachmentsMap } from '../doc-layout.ts';
import { dataIssue } from './fields.ts';
import type { BindingRead } from './subject.ts';

/** Every readable attachment reference, by hash. Never throws. */
export function readAttachments(doc: Y.Doc): BindingRead<DocumentRef[]> {
	const value: DocumentRef[] = [];
	const issues = [];
	const map = attachmentsMap(doc);
	for (const key of [...map.keys()].sort()) {
		const raw = map.get(key);
		const parsed = DocumentRefSchema.safeParse(raw);
		if (parsed.success && parsed.data.sha256 === key) value.push(parsed.data);
		else issues.push(dataIssue(['attachments', key], raw));
	}
	return { value, issues };
}

/** Adds or replaces a reference under its sha256 (parsed again: nothing unchecked enters the doc). */
export function putAttachment(doc: Y.Doc, ref: DocumentRef): void {
	const parsed = DocumentRefSchema.parse(ref);
	attachmentsMap(doc).set(parsed.sha256, { ...parsed });
}

export function removeAttachment(doc: Y.Doc, sha256: string): void {
	attachmentsMap(doc).delete(sha256);
}

/** The Y.Map a subscriber observes for changes to the attachments. */
export function attachmentsSource(doc: Y.Doc): Y.Map<unknown> {
	return attachmentsMap(doc);
}
