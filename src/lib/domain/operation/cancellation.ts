/**
 * Consequences of the three cancellations as data the UI shows before confirming
 * (domain-research §3.6 [C][A12][T9][T11][T19]).
 */
import type { RuleId } from '../result.ts';
import type { CancelKind } from './operation-kind.ts';

/** Why a cancellation is asked for (ORDER-3): a short list plus free text; `other` needs the text. */
export const CANCELLATION_REASON_CODES = ['website-closed', 'moving-provider', 'subject-deregistered', 'other'] as const;
export type CancellationReasonCode = (typeof CANCELLATION_REASON_CODES)[number];
/** Longest free text of a cancellation reason. */
export const CANCELLATION_REASON_TEXT_MAX = 500;

export interface CancellationFacts {
	/** Websites of the subject left after this cancellation (cancel-website). */
	readonly remainingWebsites?: number;
	/** Other access providers of the website (cancel-access). */
	readonly otherAccessProviders?: number;
}

export interface CancellationConsequences {
	readonly removes: 'subject-and-all-websites' | 'one-website' | 'access-here';
	/** The MIIT record is deleted and the number can never be restored. */
	readonly deletesRecord: boolean;
	readonly numberSurvives: boolean;
	/** The website is unreachable on this provider afterwards. */
	readonly siteOfflineHere: boolean;
	/** What becomes a shell (空壳) filing liable to cancellation by the administration. */
	readonly shellRisk: 'none' | 'subject' | 'website';
	/** Cancellation orders can be withdrawn only before they reach the administration [T9]. */
	readonly withdrawableUntil: 'administration-review';
	readonly rules: readonly RuleId[];
}

/** What a cancellation does, for the confirmation screen. Never throws. */
export function cancellationConsequences(kind: CancelKind, facts: CancellationFacts = {}): CancellationConsequences {
	const base = { withdrawableUntil: 'administration-review' } as const;
	if (kind === 'cancel-subject') {
		return { ...base, removes: 'subject-and-all-websites', deletesRecord: true, numberSurvives: false, siteOfflineHere: true, shellRisk: 'none', rules: ['OP-16'] };
	}
	if (kind === 'cancel-website') {
		const shell = (facts.remainingWebsites ?? 1) <= 0;
		return { ...base, removes: 'one-website', deletesRecord: true, numberSurvives: false, siteOfflineHere: true, shellRisk: shell ? 'subject' : 'none', rules: shell ? ['OP-16', 'OP-17'] : ['OP-16'] };
	}
	const shell = (facts.otherAccessProviders ?? 0) <= 0;
	return { ...base, removes: 'access-here', deletesRecord: false, numberSurvives: true, siteOfflineHere: true, shellRisk: shell ? 'website' : 'none', rules: shell ? ['OP-18'] : [] };
}
