/** Shared reading of record aggregates (websites, orders): one Y.Map per id in a root map. */
import * as Y from 'yjs';
import type { Issue } from '../../domain/result.ts';
import { AGGREGATE_FIELDS, RECORD_KEY, type RecordAggregate } from '../../domain/workspace/layout.ts';
import { recordsMap } from '../doc-layout.ts';
import { dataIssue, readFields } from './fields.ts';

/** Every record of an aggregate, in id order, as plain objects with `id` and `layout`. */
export function readRecords(doc: Y.Doc, aggregate: RecordAggregate): { records: Record<string, unknown>[]; issues: Issue[] } {
	const records: Record<string, unknown>[] = [];
	const issues: Issue[] = [];
	const map = recordsMap(doc, aggregate);
	for (const id of [...map.keys()].sort()) {
		const entry = map.get(id);
		if (!(entry instanceof Y.Map)) {
			issues.push(dataIssue([aggregate, id], entry));
			continue;
		}
		const read = readFields(entry, AGGREGATE_FIELDS[aggregate], [aggregate, id]);
		const layout = entry.get(RECORD_KEY.layout);
		records.push({ ...read.value, id, layout: typeof layout === 'number' ? layout : 1 });
		issues.push(...read.issues);
	}
	return { records, issues };
}

/** A new record id: 16 random lowercase base32 characters (fits every schema's id bound). */
export function newRecordId(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let id = '';
	for (const byte of bytes) id += alphabet[byte & 31];
	return id;
}
