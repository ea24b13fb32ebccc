/**
 * What the confirmation screen of a cancellation says (TRACK-6): the consequences of
 * `cancellationConsequences` for this subject's approved record — which websites lose their
 * filing (all of them for cancel-subject), how many stay, and whether an empty shell (空壳)
 * filing is left behind (OP-17 subject without websites, OP-18 website without access). Pure.
 */
import { cancellationConsequences, type CancellationConsequences } from './cancellation.ts';
import type { CancelKind } from './operation-kind.ts';

interface RecordWebsite {
	readonly id: string;
	readonly name: string;
	readonly domain: string;
	readonly filingNumber?: string;
}

export interface CancelSummaryInput {
	readonly kind: CancelKind;
	readonly approved: {
		readonly websites: readonly RecordWebsite[];
		readonly otherAccessProviders?: Readonly<Record<string, number>>;
	};
	readonly targetWebsiteIds: readonly string[];
}

export interface CancelSummary {
	readonly consequences: CancellationConsequences;
	/** The websites this cancellation touches (every website for cancel-subject). */
	readonly affected: readonly RecordWebsite[];
	/** Websites of the subject that keep their filing. */
	readonly remaining: number;
	/** A target that is not in the approved record (the order cannot be sent). */
	readonly unknownTargets: readonly string[];
}

export function cancelSummary(input: CancelSummaryInput): CancelSummary {
	const sites = input.approved.websites;
	const targets = new Set(input.targetWebsiteIds);
	const unknownTargets = input.kind === 'cancel-subject' ? [] : [...targets].filter((id) => !sites.some((w) => w.id === id));
	const affected = input.kind === 'cancel-subject' ? [...sites] : sites.filter((w) => targets.has(w.id));
	const remaining = input.kind === 'cancel-website' ? sites.length - affected.length : input.kind === 'cancel-subject' ? 0 : sites.length;
	const otherProviders = affected.length === 0 ? 0 : Math.min(...affected.map((w) => input.approved.otherAccessProviders?.[w.id] ?? 0));
	const consequences = cancellationConsequences(input.kind, { remainingWebsites: remaining, otherAccessProviders: otherProviders });
	return { consequences, affected, remaining, unknownTargets };
}
