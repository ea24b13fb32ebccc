/**
 * Filing-type derivation (TYPE-1..7): the user states facts, the type follows from the decision
 * table of domain-research §3.9 [I, from A3/T3/T11]. Offline the client cannot ask MIIT, so the
 * facts are the user's answers; the server re-derives with registry data.
 */
import { failure, issue, resultOf, type Result } from '../result.ts';
import type { FilingKind } from './operation-kind.ts';

export interface FilingFacts {
	/** The subject has an MIIT filing. */
	readonly subjectInMiit: boolean;
	/** The subject is filed with this provider. */
	readonly subjectHere: boolean;
	/** The website/domain has an MIIT filing. */
	readonly siteInMiit: boolean;
	/** The website is already accessed through this provider. */
	readonly siteAccessedHere: boolean;
}

const TABLE: readonly { when: (f: FilingFacts) => boolean; kind: FilingKind; rule: string }[] = [
	{ when: (f) => !f.subjectInMiit && !f.siteInMiit, kind: 'first-filing', rule: 'TYPE-1' },
	{ when: (f) => f.subjectInMiit && !f.subjectHere && !f.siteInMiit, kind: 'new-website-subject-elsewhere', rule: 'TYPE-2' },
	{ when: (f) => f.subjectInMiit && f.subjectHere && !f.siteInMiit, kind: 'new-website', rule: 'TYPE-3' },
	{ when: (f) => f.subjectInMiit && !f.subjectHere && f.siteInMiit && !f.siteAccessedHere, kind: 'new-access-subject-elsewhere', rule: 'TYPE-4' },
	{ when: (f) => f.subjectInMiit && f.subjectHere && f.siteInMiit && !f.siteAccessedHere, kind: 'new-access', rule: 'TYPE-5' }
];

/** The filing kind of the facts, with the table row as an info issue. Never throws. */
export function deriveFilingType(facts: FilingFacts): Result<FilingKind> {
	const f: FilingFacts = {
		subjectInMiit: facts?.subjectInMiit === true,
		subjectHere: facts?.subjectHere === true,
		siteInMiit: facts?.siteInMiit === true,
		siteAccessedHere: facts?.siteAccessedHere === true
	};
	if ((f.subjectHere || f.siteInMiit) && !f.subjectInMiit) return failure([issue('TYPE-7', 'error')]);
	if (f.siteAccessedHere && !f.siteInMiit) return failure([issue('TYPE-7', 'error')]);
	if (f.subjectHere && f.siteInMiit && f.siteAccessedHere) return failure([issue('TYPE-6', 'error')]);
	const row = TABLE.find((r) => r.when(f));
	if (!row) return failure([issue('TYPE-7', 'error')]);
	return resultOf(row.kind, [issue(row.rule, 'info', { params: { kind: row.kind } })]);
}
