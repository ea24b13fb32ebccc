/**
 * The websites binding: the `websites` map of a workspace doc as WebsiteDrafts (WebsiteSchema
 * with its AccessSchema), and the intent-named changes. A new website is created with every
 * Y.Text of the current record layout in one transaction (`createRecord`).
 */
import type * as Y from 'yjs';
import type { Issue } from '../../domain/result.ts';
import { WebsiteDraftSchema, type WebsiteDraft } from '../../domain/workspace/drafts.ts';
import { WEBSITE_FIELDS, fieldPath, type WebsiteFieldKey } from '../../domain/workspace/layout.ts';
import { createRecord, ensureRecordLayout, recordMap, recordsMap } from '../doc-layout.ts';
import { dataIssue, writeText, writeValue } from './fields.ts';
import { newRecordId, readRecords } from './records.ts';
import type { BindingRead } from './subject.ts';

type Fields = typeof WEBSITE_FIELDS;
export type WebsiteTextField = { [K in WebsiteFieldKey]: Fields[K]['kind'] extends 'text' ? K : never }[WebsiteFieldKey];
export type WebsiteValueField = Exclude<WebsiteFieldKey, WebsiteTextField>;

/** The most websites one subject's workspace holds (OrderSchema allows 50 per order). */
export const MAX_WEBSITES = 50;

/** Every website of the doc, by id. Never throws. */
export function readWebsites(doc: Y.Doc): BindingRead<WebsiteDraft[]> {
	const { records, issues } = readRecords(doc, 'websites');
	const value: WebsiteDraft[] = [];
	for (const record of records) {
		const parsed = WebsiteDraftSchema.safeParse(record);
		if (parsed.success) value.push(parsed.data);
		else issues.push(dataIssue(['websites', String(record.id)], record));
	}
	return { value, issues };
}

/** Adds an empty website; returns its id, or null when the workspace holds the most it may. */
export function addWebsite(doc: Y.Doc, id: string = newRecordId()): string | null {
	if (recordsMap(doc, 'websites').size >= MAX_WEBSITES) return null;
	createRecord(doc, 'websites', id, { serviceContent: [], languages: ['zh-Hans'], preApprovals: [], 'access.ips': [] });
	return id;
}

export function removeWebsite(doc: Y.Doc, id: string): void {
	recordsMap(doc, 'websites').delete(id);
}

/** Replaces a website text (bounded first); returns what the bounds refused. */
export function setWebsiteText(doc: Y.Doc, id: string, field: WebsiteTextField, text: string): Issue[] {
	ensureRecordLayout(doc, 'websites', id);
	const site = recordMap(doc, 'websites', id);
	return site ? writeText(site, field, WEBSITE_FIELDS[field], text, ['websites', id, ...fieldPath(field)]) : [];
}

/** Sets a website's plain value (lists, choices); `undefined` clears it. */
export function setWebsiteValue(doc: Y.Doc, id: string, field: WebsiteValueField, value: unknown): Issue[] {
	const site = recordMap(doc, 'websites', id);
	return site ? writeValue(site, field, WEBSITE_FIELDS[field], value, ['websites', id, ...fieldPath(field)]) : [];
}

/** The Y.Map a subscriber observes (deeply) for changes to the websites. */
export function websitesSource(doc: Y.Doc): Y.Map<unknown> {
	return recordsMap(doc, 'websites');
}
