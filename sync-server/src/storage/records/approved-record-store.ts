/**
 * Each subject's approved record (`ApprovedRecordSchema`), written on approval (the review desk;
 * until then tests and `npm run admin -- seed-approved`). Contract APR-S* (`../README.md`).
 * The store keeps the record as given and indexes its domains (lowercase) for the filing-type
 * facts ("this domain is already filed here").
 */
import type { ApprovedRecordData } from '../../../../src/lib/domain/operation/approved-record.ts';

export interface ApprovedRecordStore {
	/** Replaces the subject's record (`record.subjectId`). */
	put(record: ApprovedRecordData, at: number): Promise<void>;
	get(subjectId: string): Promise<ApprovedRecordData | null>;
	/** Subjects whose approved record holds the domain (any case), in id order. */
	subjectsWithDomain(domain: string): Promise<string[]>;
}

/** The key a domain is indexed under. */
export function domainKey(domain: string): string {
	return domain.trim().toLowerCase().replace(/\.$/, '');
}
