/**
 * `npm run admin -- seed-approved <file.json>`: stores approved records until the review desk
 * writes them on approval. The file holds one `ApprovedRecordSchema` record or an array of
 * them; each is checked (APPR-1, and its subject must be bound here) before any is stored, and
 * stored through the same Records factory the server uses. The facts doc of a running server
 * shows a seeded record the next time a member reads the subject's orders or approved record.
 */
import { validateApprovedRecord, type ApprovedRecordData } from '../../../src/lib/domain/operation/approved-record.ts';
import type { Records } from '../storage/records/records.ts';

export interface SeedOutcome {
	readonly stored: readonly string[];
	/** One line per refused record (nothing is stored when any is refused). */
	readonly errors: readonly string[];
}

/** Checks every record in `input` (parsed JSON), then stores them all, or none. */
export async function seedApproved(records: Records, input: unknown, now: number): Promise<SeedOutcome> {
	const list = Array.isArray(input) ? input : [input];
	const valid: ApprovedRecordData[] = [];
	const errors: string[] = [];
	for (const [i, item] of list.entries()) {
		const result = validateApprovedRecord(item);
		if (!result.ok) {
			errors.push(`record ${i}: ${result.issues.map((issue) => `${issue.rule} at ${issue.path.join('.') || '(record)'}`).join(', ')}`);
			continue;
		}
		if (!(await records.subjects.byId(result.value.subjectId))) errors.push(`record ${i}: no subject ${result.value.subjectId} is bound on this server`);
		else valid.push(result.value);
	}
	if (errors.length > 0) return { stored: [], errors };
	for (const record of valid) await records.approved.put(record, now);
	return { stored: valid.map((r) => r.subjectId), errors: [] };
}
