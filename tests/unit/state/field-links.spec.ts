import { describe, expect, it } from 'vitest';
import { missingHashes, outboxIssues } from '../../../src/lib/state/field-links.ts';
import { uploadReadiness } from '../../../src/lib/state/tracking.svelte.ts';
import { parseOutboxEntry } from '../../../src/lib/storage/outbox-entries.ts';

describe('refusal details', () => {
	it('reads order-invalid issues (errors only) and document-missing hashes, and nothing from other shapes', () => {
		const details = { issues: [{ rule: 'ID-2', path: ['subject', 'certificateNumber'], severity: 'error', params: {} }, { rule: 'NAME-3', path: [], severity: 'warning', params: {} }] };
		expect(outboxIssues(details).map((i) => i.rule)).toEqual(['ID-2']);
		expect(outboxIssues({ issues: 'x' })).toEqual([]);
		expect(missingHashes({ hashes: ['a'.repeat(64)] })).toHaveLength(1);
		expect(missingHashes(null)).toEqual([]);
	});
});

describe('uploadReadiness', () => {
	const sha = (c: string) => c.repeat(64);
	const entry = parseOutboxEntry({ version: 1, orderId: 'o', subjectId: 's', order: { documents: [{ sha256: sha('a') }, { sha256: sha('b') }] }, queuedAt: 0 });
	it('TRACK-6 is ready only when every referenced upload is done (or was never queued here)', async () => {
		if (!entry) throw new Error('unparsed');
		const states: Record<string, string> = { [`upload:s:${sha('a')}`]: 'done', [`upload:s:${sha('b')}`]: 'active' };
		const lookup = async (id: string) => (states[id] ? { state: states[id] } : null);
		expect(await uploadReadiness(entry, lookup)).toBe('pending');
		states[`upload:s:${sha('b')}`] = 'failed';
		expect(await uploadReadiness(entry, lookup)).toBe('failed');
		delete states[`upload:s:${sha('b')}`];
		expect(await uploadReadiness(entry, lookup)).toBe('ready');
	});
});
