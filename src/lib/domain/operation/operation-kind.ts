/**
 * Operation kinds: every order the system handles (DESIGN.md §2, domain-research §3).
 * Filing kinds come from the decision table of §3.9 and are derived, never picked.
 */

export const FILING_KINDS = [
	'first-filing',
	'new-website-subject-elsewhere',
	'new-website',
	'new-access-subject-elsewhere',
	'new-access'
] as const;

export const CHANGE_KINDS = ['change-subject', 'change-website', 'change-access'] as const;
export const CANCEL_KINDS = ['cancel-subject', 'cancel-website', 'cancel-access'] as const;
export const ACCOUNT_KINDS = ['claim', 'legacy-import', 'email-initialization'] as const;

export const OPERATION_KINDS = [...FILING_KINDS, ...CHANGE_KINDS, ...CANCEL_KINDS, ...ACCOUNT_KINDS] as const;

/** Kinds a subject's order can have (ORDER-1): account requests are not orders (`AccountRequestSchema`). */
export const ORDER_KINDS = [...FILING_KINDS, ...CHANGE_KINDS, ...CANCEL_KINDS] as const;

export type FilingKind = (typeof FILING_KINDS)[number];
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type CancelKind = (typeof CANCEL_KINDS)[number];
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export type OperationKind = (typeof OPERATION_KINDS)[number];
export type OrderKind = (typeof ORDER_KINDS)[number];

/** Claim, legacy import and e-mail initialization: requests of an account, which may have no subject yet. */
export function isAccountKind(kind: unknown): kind is AccountKind {
	return (ACCOUNT_KINDS as readonly unknown[]).includes(kind);
}

export function isFilingKind(kind: OperationKind): kind is FilingKind {
	return (FILING_KINDS as readonly string[]).includes(kind);
}

export function isChangeKind(kind: OperationKind): kind is ChangeKind {
	return (CHANGE_KINDS as readonly string[]).includes(kind);
}

export function isCancelKind(kind: OperationKind): kind is CancelKind {
	return (CANCEL_KINDS as readonly string[]).includes(kind);
}

/** Kinds that put a new website online here: the site must stay dark until approved (§2.6). */
export function addsWebsite(kind: OperationKind): boolean {
	return kind === 'first-filing' || kind === 'new-website' || kind === 'new-website-subject-elsewhere';
}
